// The quick check of pushed events (src/protocol/fastCheck.ts) against the full zod parse, on many
// valid events and many broken ones: a push accepts and refuses exactly what parseEvent decides,
// with the same codes and words, whichever of the two paths an event takes.
import { describe, expect, it } from 'vitest';
import { stampMs } from '../../src/domain/clock';
import { REFUSED_EVENT_CODES } from '../../src/protocol/api';
import {
  EventValidationError,
  isEventType,
  parseEvent,
  SHOP_JOB_ID,
  type StoredEvent,
} from '../../src/protocol/events';
import { envelopeSurelyValid, surelyValidEvent } from '../../src/protocol/fastCheck';
import { LEDGER_STREAM_ID, WASTE_STREAM_ID } from '../../src/protocol/streams';
import { MAX_STAMP_AHEAD_MS } from '../../src/protocol/sync';
import { HttpError } from '../../src/server/http/errors';
import { validateBatch } from '../../src/server/http/eventRoutes';
import { event, openedEvent, stampAt, T0 } from '../support/events';

/** The server's clock in these checks: T0, when the builders' events are stamped. */
const NOW = T0 + 5 * 60_000;

const pin = { salt: 'a'.repeat(32), hash: 'b'.repeat(64), iterations: 50_000 };

/** Valid events of several kinds and streams, as tablets push them. */
function validEvents(): StoredEvent[] {
  const { jobId, opened, serviceId } = openedEvent();
  const signed = openedEvent({ signatureSha256: 'c'.repeat(64), notes: '  trimmed  ' }).opened;
  return [
    opened,
    signed,
    event(jobId, 'note.added', { text: 'Prong re-tipped' }),
    event(jobId, 'step.set', { serviceId, stepId: 'measure', done: true, values: { size: 17 } }),
    event(jobId, 'custody.moved', { to: { kind: 'place', id: 'safe', label: 'Safe' } }),
    event(jobId, 'weight.logged', { kind: 'check', grams: 3.4 }),
    event(jobId, 'status.changed', { status: 'ready', reason: 'Done' }),
    event(jobId, 'qc.recorded', { result: 'fail', checks: { tight: false }, reason: 'Loose' }),
    event(jobId, 'job.updated', { changes: { rush: true } }),
    event(SHOP_JOB_ID, 'staff.added', { staffId: serviceId, name: 'Mia', role: 'jeweler', pin }),
    event(LEDGER_STREAM_ID, 'metal.received', {
      alloyId: 'au14y',
      grams: 5,
      form: 'grain',
      supplier: 'Stuller',
    }),
    // An actor at the very limit, counted as zod counts (UTF-16 units: each emoji is two).
    event(jobId, 'note.added', { text: 'x' }, stampAt(2), '💍'.repeat(32)),
    event(jobId, 'note.added', { text: 'x' }, stampAt(2), 'a'),
  ];
}

/** A valid ULID, and near misses of it. */
const ULID = '01JDX7M4Q8ZK3V9T2B6N5R0WHC';
const ULID_LIKE = [
  ULID,
  ULID.toLowerCase(),
  `${ULID}0`,
  ULID.slice(1),
  `8${ULID.slice(1)}`,
  `${ULID.slice(0, 25)}I`,
  `${ULID.slice(0, 25)}L`,
  `${ULID.slice(0, 25)}O`,
  `${ULID.slice(0, 25)}U`,
  ` ${ULID.slice(1)}`,
  `${ULID.slice(0, 25)}\n`,
  LEDGER_STREAM_ID,
  WASTE_STREAM_ID,
];
const STAMPS = [
  stampAt(1),
  '2024-02-29T09:00:00.000Z-0001-aaaaaaaaaaaaaaaa',
  '2025-02-29T09:00:00.000Z-0001-aaaaaaaaaaaaaaaa',
  '2026-04-31T09:00:00.000Z-0001-aaaaaaaaaaaaaaaa',
  '2026-13-01T09:00:00.000Z-0001-aaaaaaaaaaaaaaaa',
  '2026-11-23T24:00:00.000Z-0001-aaaaaaaaaaaaaaaa',
  '2026-11-23T09:00:00.000Z-0001-AAAAAAAAAAAAAAAA',
  '2026-11-23T09:00:00.000Z-0001-aaaaaaaaaaaaaaaa\n',
  '2026-11-23T09:00:00Z-0001-aaaaaaaaaaaaaaaa',
  // Ahead of the server's clock: just within the drift limit, and past it.
  `${new Date(NOW + MAX_STAMP_AHEAD_MS).toISOString()}-ffff-aaaaaaaaaaaaaaaa`,
  `${new Date(NOW + MAX_STAMP_AHEAD_MS + 1).toISOString()}-0000-aaaaaaaaaaaaaaaa`,
  `${new Date(NOW + 86_400_000).toISOString()}-0000-aaaaaaaaaaaaaaaa`,
  'yesterday',
];
const TYPES = [
  'note.added',
  'job.opened',
  'staff.added',
  'metal.received',
  'job.teleported',
  'Job.opened',
  'job',
  'job.opened.',
  'job..opened',
  'job.opened2',
];
const ACTORS = ['', ' ', 'a'.repeat(64), 'a'.repeat(65), '💍'.repeat(33), 'staff "mia"'];
const DEVICES = ['aaaaaaaaaaaaaaaa', 'AAAAAAAAAAAAAAAA', 'aaaaaaaaaaaaaaa', 'aaaaaaaaaaaaaaaaa'];
const ODD_VALUES: unknown[] = [null, 0, 1.5, true, '', [], {}, ['a'], { a: 1 }];

/** Field values to try in place of each envelope field: near misses and wrong kinds. */
const CANDIDATES: Record<string, unknown[]> = {
  id: [...ULID_LIKE, ...ODD_VALUES, SHOP_JOB_ID],
  jobId: [...ULID_LIKE, ...ODD_VALUES, SHOP_JOB_ID, 'Shop', 'shop '],
  type: [...TYPES, ...ODD_VALUES],
  at: [...STAMPS, ...ODD_VALUES],
  actor: [...ACTORS, ...ODD_VALUES],
  device: [...DEVICES, ...ODD_VALUES],
  data: [...ODD_VALUES, { text: '' }, { text: 'x'.repeat(2001) }, { text: 'ok', extra: 1 }],
  extra: ['anything'],
};
const FIELDS = Object.keys(CANDIDATES);

/** A small seeded generator, so a failure repeats exactly. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  const item = items[Math.floor(next() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
}

/** As the server gets it: through JSON, so `undefined` fields are simply absent. */
const overJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

function withField(e: StoredEvent, field: string, value: unknown): unknown {
  return overJson({ ...e, [field]: value });
}

function withoutField(e: StoredEvent, field: string): unknown {
  return overJson(Object.fromEntries(Object.entries(e).filter(([key]) => key !== field)));
}

/** Every event to try: the valid ones, each field of each broken every way, and random mixes. */
function candidates(): unknown[] {
  const valid = validEvents();
  const out: unknown[] = valid.map(overJson);
  for (const e of valid) {
    for (const field of FIELDS) {
      out.push(withoutField(e, field));
      for (const value of CANDIDATES[field] ?? []) out.push(withField(e, field, value));
    }
    // Keys JSON can carry that a plain object would not have as its own.
    const text = JSON.stringify(e);
    out.push(JSON.parse(`{"__proto__":{"id":"x"},${text.slice(1)}`));
    out.push(JSON.parse(`{"constructor":1,${text.slice(1)}`));
    out.push(JSON.parse(text.replace('"data":{', '"data":{"__proto__":{"text":""},')));
    out.push(JSON.parse(text.replace('"data":{', '"data":{"constructor":{},')));
  }
  const next = random(13);
  for (let i = 0; i < 3000; i++) {
    let e: unknown = pick(next, valid);
    const changes = 1 + Math.floor(next() * 3);
    for (let c = 0; c < changes; c++) {
      const field = pick(next, FIELDS);
      e = withField(e as StoredEvent, field, pick(next, CANDIDATES[field] ?? []));
    }
    out.push(e);
  }
  out.push(null, [], 'event', 5, {}, [valid[0]]);
  return out;
}

/** Events whose data has every kind of part the data checks take apart: objects, optionals, arrays. */
function richEvents(): StoredEvent[] {
  const { jobId, serviceId } = openedEvent();
  const rich = openedEvent({
    envelope: { number: 'K7-0042', preprinted: false, part: { index: 1, of: 2 } },
    customer: { name: 'Anna', phone: '555', email: 'anna@example.com', notifyByEmail: true },
    item: {
      kind: 'ring',
      description: 'Ring',
      alloyId: 'au14y',
      stamps: '585',
      stones: [{ kind: 'diamond', count: 1 }],
    },
    estimateCents: 1200,
    notes: 'Careful',
  }).opened;
  return [
    ...validEvents(),
    rich,
    event(jobId, 'weight.logged', { kind: 'check', grams: 3.4, scaleId: 'bench_1', note: 'x' }),
    event(jobId, 'custody.moved', { to: { kind: 'staff', id: 'mia', label: 'Mia' }, note: 'n' }),
    event(jobId, 'step.set', { serviceId, stepId: 'polish', done: false, values: { a: 'b' } }),
    event(jobId, 'photo.added', {
      sha256: 'd'.repeat(64),
      thumbnailSha256: 'e'.repeat(64),
      tag: 'before',
      mimeType: 'image/jpeg',
      bytes: 10,
      width: 4,
      height: 3,
    }),
  ];
}

/** Values to put in place of a part of some data: wrong kinds, edges of strings and numbers. */
const DATA_VALUES: unknown[] = [
  ...ODD_VALUES,
  undefined,
  ' ',
  '  padded  ',
  'x'.repeat(2001),
  '💍'.repeat(40),
  -1,
  2 ** 53,
  1e9,
  'ready',
  'ring',
  [{}],
  Array.from({ length: 51 }, () => ({ kind: 'diamond', count: 1 })),
];

/** Every way to break one part of an event's data, however deep: each value and key in turn. */
function dataVariants(e: StoredEvent): unknown[] {
  const out: unknown[] = [];
  const visit = (path: (string | number)[], value: unknown) => {
    const withPart = (
      make: (parent: Record<string | number, unknown>, key: string | number) => void,
    ) => {
      const copy = JSON.parse(JSON.stringify(e)) as StoredEvent;
      let parent = copy.data as Record<string | number, unknown>;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
      const last = path.at(-1);
      if (last !== undefined) make(parent, last);
      out.push(overJson(copy));
    };
    if (path.length > 0) {
      for (const v of DATA_VALUES) withPart((parent, key) => (parent[key] = v));
      withPart((parent, key) => {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else Reflect.deleteProperty(parent, key);
      });
    }
    if (typeof value === 'object' && value !== null) {
      if (!Array.isArray(value)) {
        // Keys a schema does not name, and the ones JSON can carry that a plain object would not own.
        const text = JSON.stringify(e.data);
        const at = JSON.stringify(value);
        for (const extra of ['"unknown":1,', '"__proto__":{"text":""},', '"constructor":{},']) {
          out.push({
            ...e,
            data: JSON.parse(text.replace(at, `{${extra}${at.slice(1)}`)) as unknown,
          });
        }
      }
      for (const [key, inner] of Object.entries(value)) {
        visit([...path, Array.isArray(value) ? Number(key) : key], inner);
      }
    }
  };
  visit([], e.data);
  return out;
}

type Outcome =
  | { accepted: StoredEvent }
  | { refused: { code: string; message: string; id?: string | undefined } };

/**
 * What a push did with one event before the quick check: parseEvent on every event, the data kept
 * as sent, a stamp past the drift limit refused, and the refusal's code and words as they were.
 */
function byFullParse(raw: unknown): Outcome {
  try {
    const e = parseEvent(raw);
    const ms = stampMs(e.at);
    if (ms !== null && ms - NOW > MAX_STAMP_AHEAD_MS) {
      return { refused: { code: REFUSED_EVENT_CODES.futureStamp, message: 'ahead', id: e.id } };
    }
    const { id, jobId, type, at, actor, device } = e;
    return { accepted: { id, jobId, type, at, actor, device, data: (raw as StoredEvent).data } };
  } catch (err) {
    if (!(err instanceof EventValidationError)) throw err;
    const envelope = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<
      string,
      unknown
    >;
    const id =
      typeof envelope.id === 'string' && envelope.id.length <= 64 ? envelope.id : undefined;
    const unknownType = typeof envelope.type === 'string' && !isEventType(envelope.type);
    return {
      refused: {
        code: unknownType ? REFUSED_EVENT_CODES.unknownType : REFUSED_EVENT_CODES.invalid,
        message: err.issues
          .map((i) => `${i.path.replace(/^event/, 'events[0]')}: ${i.message}`)
          .join('; ')
          .slice(0, 2000),
        id,
      },
    };
  }
}

/** What a push does with it now. */
function byPush(raw: unknown): Outcome {
  try {
    const [accepted] = validateBatch([raw], NOW);
    if (accepted === undefined) throw new Error('validateBatch kept nothing and refused nothing');
    return { accepted };
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    const [refused] = err.events ?? [];
    if (refused === undefined) throw err;
    const message = refused.code === REFUSED_EVENT_CODES.futureStamp ? 'ahead' : refused.message;
    return { refused: { code: refused.code, message, id: refused.id } };
  }
}

// Thousands of events through zod each: generous timeouts for a busy machine (no time is asserted).
describe('the quick check of pushed events', { timeout: 60_000 }, () => {
  const all = candidates();

  it('tries valid events and every kind of broken one', () => {
    const outcomes = all.map(byFullParse);
    const accepted = outcomes.filter((o) => 'accepted' in o).length;
    const codes = new Set(outcomes.flatMap((o) => ('refused' in o ? [o.refused.code] : [])));
    expect(all.length).toBeGreaterThan(4000);
    // Enough of both for the comparisons below to mean something.
    expect(accepted).toBeGreaterThan(200);
    expect(all.length - accepted).toBeGreaterThan(3000);
    expect([...codes].sort()).toEqual(
      [
        REFUSED_EVENT_CODES.futureStamp,
        REFUSED_EVENT_CODES.invalid,
        REFUSED_EVENT_CODES.unknownType,
      ].sort(),
    );
  });

  it('vouches for exactly the events the full parse accepts, and keeps the same fields', () => {
    for (const raw of all) {
      let parsed: StoredEvent | null = null;
      try {
        const { id, jobId, type, at, actor, device } = parseEvent(raw);
        parsed = { id, jobId, type, at, actor, device, data: (raw as StoredEvent).data };
      } catch (err) {
        if (!(err instanceof EventValidationError)) throw err;
      }
      expect({ raw, quick: surelyValidEvent(raw) }).toEqual({ raw, quick: parsed });
    }
  });

  it('vouches for data exactly when its schema accepts it, however deep the break', () => {
    const variants = richEvents().flatMap(dataVariants);
    let accepted = 0;
    for (const raw of variants) {
      let parsed: StoredEvent | null = null;
      try {
        const { id, jobId, type, at, actor, device } = parseEvent(raw);
        parsed = { id, jobId, type, at, actor, device, data: (raw as StoredEvent).data };
        accepted++;
      } catch (err) {
        if (!(err instanceof EventValidationError)) throw err;
      }
      expect({ raw, quick: surelyValidEvent(raw) }).toEqual({ raw, quick: parsed });
    }
    // Enough of both for the comparison to mean something.
    expect(variants.length).toBeGreaterThan(3000);
    expect(accepted).toBeGreaterThan(300);
    expect(variants.length - accepted).toBeGreaterThan(2000);
  });

  it('passes an envelope only when the envelope schema does', () => {
    for (const raw of all) {
      if (!envelopeSurelyValid(raw)) continue;
      // Its type or data may still be refused; never its envelope.
      let failedOn: string[] = [];
      try {
        parseEvent(raw);
      } catch (err) {
        if (!(err instanceof EventValidationError)) throw err;
        failedOn = err.issues
          .map((i) => i.path)
          .filter((p) => !/^event\.(type|jobId|data)/.test(p));
      }
      expect({ raw, failedOn }).toEqual({ raw, failedOn: [] });
    }
  });

  it('accepts and refuses in a push what the full parse does, with the same code and words', () => {
    for (const raw of all)
      expect({ raw, outcome: byPush(raw) }).toEqual({ raw, outcome: byFullParse(raw) });
  });

  it('refuses a mixed batch by the indexes of exactly its bad events', () => {
    const sample = all.slice(0, 400);
    const bad = sample.flatMap((raw, i) => ('refused' in byFullParse(raw) ? [i] : []));
    expect(bad.length).toBeGreaterThan(0);
    let refused: number[] = [];
    try {
      validateBatch(sample, NOW);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      refused = (err.events ?? []).map((e) => e.index);
    }
    expect(refused).toEqual(bad);
  });
});
