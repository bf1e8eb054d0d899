// The pull's quick check of each pulled event (sync/apiClient.ts, quickPulledEvent) against the shared
// schema it stands in for: it takes only what pulledEventSchema takes, gives exactly what it gives,
// and takes every event a server sends as it should (else the check would save nothing).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatStamp } from '../../src/domain/clock';
import { newUlid } from '../../src/domain/ids';
import { SHOP_JOB_ID } from '../../src/protocol/events';
import { LEDGER_STREAM_ID } from '../../src/protocol/streams';
import { pulledEventSchema } from '../../src/protocol/sync';
import { quickPulledEvent } from '../../src/sync/apiClient';

/** A well-made pulled event, as a server sends it. */
const goodEvent = fc
  .record({
    seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    ms: fc.integer({ min: 0, max: Date.parse('9999-12-31T23:59:59.999Z') }),
    counter: fc.integer({ min: 0, max: 0xffff }),
    device: fc.stringMatching(/^[0-9a-f]{16}$/),
    stream: fc.constantFrom('ulid', 'shop', 'ledger'),
    type: fc.stringMatching(/^[a-z]{1,8}(\.[a-z_]{1,8}){1,2}$/),
    actor: fc.string({ minLength: 1, maxLength: 64 }),
    // A key named __proto__ is left to the schema (see below): not a well-made event's.
    data: fc.dictionary(
      fc.string().filter((k) => k !== '__proto__'),
      fc.jsonValue(),
    ),
  })
  .map((r) => ({
    seq: r.seq,
    id: newUlid(r.ms),
    jobId: r.stream === 'shop' ? SHOP_JOB_ID : r.stream === 'ledger' ? LEDGER_STREAM_ID : newUlid(),
    type: r.type,
    at: formatStamp({ ms: r.ms, counter: r.counter, device: r.device }),
    actor: r.actor,
    device: r.device,
    data: r.data,
  }));

/** Values a wrong server, a proxy or an older version might put in a field. */
const oddValue = fc.oneof(
  fc.constantFrom(
    null,
    '',
    0,
    -1,
    1.5,
    2 ** 53,
    [],
    {},
    'shop',
    'SHOP',
    '2099-02-29T10:00:00.000Z-0000-aaaaaaaaaaaaaaaa',
    '2026-11-23T09:00:00.000Z-0000-AAAAAAAAAAAAAAAA',
    '01JDX5C1W0AAAAAAAAAAAAAAAA',
    '81JDX5C1W0AAAAAAAAAAAAAAAA',
    '01jdx5c1w0aaaaaaaaaaaaaaaa',
    'note.added',
    'Note.added',
    'note',
    'a'.repeat(65),
    'aaaaaaaaaaaaaaaa',
  ),
  fc.string(),
  fc.string({ minLength: 60, maxLength: 70 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue(),
);

const FIELDS = ['seq', 'id', 'jobId', 'type', 'at', 'actor', 'device', 'data', 'extra'] as const;

/** A good event with some fields given odd values, left out, or added: then through JSON. */
const anyEvent = fc
  .tuple(
    goodEvent,
    fc.array(fc.tuple(fc.constantFrom(...FIELDS), fc.option(oddValue, { nil: undefined })), {
      maxLength: 3,
    }),
  )
  .map(([event, changes]) => {
    const changed = new Map<string, unknown>(Object.entries(event));
    for (const [field, value] of changes) {
      if (value === undefined) changed.delete(field);
      else changed.set(field, value);
    }
    return JSON.parse(JSON.stringify(Object.fromEntries(changed))) as unknown;
  });

describe('the quick check of a pulled event', () => {
  it('takes only what the schema takes, and gives exactly what it gives', () => {
    fc.assert(
      fc.property(anyEvent, (raw) => {
        const quick = quickPulledEvent(raw);
        if (quick === null) return;
        const parsed = pulledEventSchema.safeParse(raw);
        expect(parsed.success).toBe(true);
        expect(quick).toEqual(parsed.data);
      }),
      { numRuns: 3_000 },
    );
  });

  it('takes every well-made event, so the schema is asked only about odd ones', () => {
    fc.assert(
      fc.property(goodEvent, (event) => {
        const raw = JSON.parse(JSON.stringify(event)) as unknown;
        expect(pulledEventSchema.safeParse(raw).success).toBe(true);
        expect(quickPulledEvent(raw)).toEqual(raw);
      }),
      { numRuns: 2_000 },
    );
  });

  it('leaves to the schema an impossible day, a key named __proto__ and a list for data', () => {
    const event = {
      seq: 3,
      id: newUlid(),
      jobId: newUlid(),
      type: 'note.added',
      at: formatStamp({ ms: Date.now(), counter: 0, device: 'aaaaaaaaaaaaaaaa' }),
      actor: 'staff-mia',
      device: 'aaaaaaaaaaaaaaaa',
      data: { text: 'x' },
    };
    expect(quickPulledEvent(event)).toEqual(event);
    for (const odd of [
      { ...event, at: '2099-02-29T10:00:00.000Z-0000-aaaaaaaaaaaaaaaa' },
      { ...event, data: JSON.parse('{"__proto__": {"polluted": true}}') as unknown },
      { ...event, data: ['x'] },
      { ...event, seq: 0 },
    ]) {
      expect(quickPulledEvent(odd)).toBeNull();
    }
  });
});
