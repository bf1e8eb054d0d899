// A year of a busy shop, made the same every time for benchmarks and e2e tests: N jobs (100,000 and more) and their rows, seeded fast.
//
// Each job is planned from its index alone (a seeded random stream per job), so any slice of the
// shop can be made without the rest: a browser page seeds 100,000 jobs a few thousand at a time.
// The shop: three paired tablets numbering envelopes from their own series (K7M-…, B2A-…, C4P-…,
// so every number is unique; a few pre-printed codes), customers coming back with several pieces,
// most jobs of the year collected, the newest in the shop at every status, a few late, a few due
// today, some rush and a few voided. Every event is a real event of the schema (parseEvent).
//
// No Node module here: the same file runs in vitest, in Playwright's Node side and in a page Vite
// builds (bench/idb/).
import { templateFor, type ServiceKind } from '../../src/domain/checklists';
import { formatStamp } from '../../src/domain/clock';
import { localDay } from '../../src/domain/dates';
import { formatEnvelopeNumber } from '../../src/domain/envelopes';
import { newUlid } from '../../src/domain/ids';
import { PROJECTION_VERSION } from '../../src/domain/projection';
import { QC_CHECKS } from '../../src/domain/workflow';
import { META_KEYS } from '../../src/db/device';
import type { LoupeDB } from '../../src/db/LoupeDB';
import { foldStream, STREAMS, storingTables, type StreamRows } from '../../src/db/streams';
import type { EventData, EventType, ItemKind, StoredEvent } from '../../src/protocol/events';
import { OPEN_STATUSES, type JobStatus } from '../../src/protocol/statuses';
import { SHOP_STREAM_ID, STREAM_KINDS, type StreamKind } from '../../src/protocol/streams';
import { openedData } from './events';

export interface BigShop {
  /** How many jobs the shop has had in the year. */
  jobs: number;
  /** "Now" in ms: every stamp is before it, and promised dates are around its local day. */
  now: number;
  /** Another seed makes another shop of the same shape. */
  seed?: number;
}

/** What a job is, decided before any event is made: what the oracle of a test counts from. */
export interface BigShopJobPlan {
  index: number;
  jobId: string;
  /** The tablet it was opened on. */
  device: string;
  envelopeNumber: string;
  preprinted: boolean;
  customer: { name: string; phone: string };
  itemKind: ItemKind;
  services: { id: string; kind: ServiceKind; details: Record<string, number | string> }[];
  rush: boolean;
  promisedDate: string;
  /** The status its last status change left it in. */
  status: JobStatus;
  voided: boolean;
  openedMs: number;
  /** When its last event happened (all of them between openedMs and this). */
  lastMs: number;
}

/** The shop's tablets: device id and the envelope series the shop server gave each. */
export const BIG_SHOP_TABLETS = [
  { device: 'a1b2c3d4e5f60718', prefix: 'K7M' },
  { device: 'b2c3d4e5f6071829', prefix: 'B2A' },
  { device: 'c3d4e5f60718293a', prefix: 'C4P' },
] as const;

/** The shop's people (their PINs are not real hashes: nobody signs in to a seeded shop). */
export const BIG_SHOP_STAFF = [
  { name: 'Mia Berg', role: 'jeweler' },
  { name: 'Jonas Ek', role: 'manager' },
  { name: 'Sara Holm', role: 'jeweler' },
  { name: 'Leo Dahl', role: 'counter' },
] as const satisfies readonly { name: string; role: EventData<'staff.added'>['role'] }[];

// Name words chosen so that none begins another: a search for one finds only its own customers.
export const FIRST_NAMES = [
  'Astrid', 'Björn', 'Camille', 'Dawit', 'Elin', 'Farah', 'Gustav', 'Hanna', 'Ingrid', 'Jonatan',
  'Karin', 'Leila', 'Magnus', 'Nora', 'Oskar', 'Priya', 'Rasmus', 'Sofia', 'Tobias', 'Ulla',
  'Viktor', 'Wilma', 'Yusuf', 'Zara', 'Alma', 'Emil', 'Freja', 'Hugo', 'Juni', 'Kasper',
  'Lova', 'Malte', 'Nils', 'Olivia', 'Pelle', 'Ronja', 'Sixten', 'Tove', 'Vera', 'Amir',
  'Beatrice', 'Cornelia', 'Dennis', 'Ebba', 'Filip', 'Greta', 'Henrik', 'Isak', 'Julia', 'José',
] as const; // prettier-ignore
export const LAST_NAMES = [
  'Lindqvist', 'Andersson', 'Öberg', 'Ekholm', 'Karlsson', 'Svensson', 'Johansson', 'Larsson',
  'Persson', 'Olsson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson',
  'Åkesson', 'Petersen', 'Lindahl', 'Mattsson', 'Lundgren', 'Håkansson', 'Forsberg', 'Sandberg',
  'Sundqvist', 'Sjöberg', 'Wallin', 'Engström', 'Eklund', 'Danielsson', 'Lundin', 'Mohammed',
  'Fransson', 'Holmberg', 'Nyström', 'Arvidsson', 'Björklund', 'Berglund', 'Blom', 'Nordin',
  'Strand', 'Núñez', 'Kowalski', 'Okafor', 'Tanaka', 'Nguyen', 'Haddad', 'Rossi', 'Müller', 'Dubois',
  'Yilmaz', 'Kaur', 'Ivanova', 'Costa', 'Virtanen', 'Mäkinen', 'Hedlund', 'Falk', 'Wikström', 'Axelsson',
] as const; // prettier-ignore

/** Pieces and the services each kind of piece comes in for. */
const PIECES: readonly {
  kind: ItemKind;
  weight: number;
  descriptions: readonly string[];
  services: readonly ServiceKind[];
}[] = [
  {
    kind: 'ring',
    weight: 55,
    descriptions: [
      'Yellow metal ring with one white stone',
      'White metal band, worn shank',
      'Rose metal ring with three red stones',
      'Signet ring, yellow metal',
    ],
    services: [
      'ring_sizing_up',
      'ring_sizing_down',
      'prong_retipping',
      'stone_tightening',
      'rhodium_plating',
      'polishing',
      'cleaning',
    ],
  },
  {
    kind: 'chain',
    weight: 15,
    descriptions: ['Yellow metal curb chain, broken link', 'Fine white metal chain, knotted'],
    services: ['chain_soldering', 'clasp_replacement', 'polishing', 'cleaning'],
  },
  {
    kind: 'bracelet',
    weight: 10,
    descriptions: ['Tennis bracelet, white stones', 'Yellow metal bangle, dented'],
    services: ['clasp_replacement', 'chain_soldering', 'stone_tightening', 'polishing'],
  },
  {
    kind: 'earrings',
    weight: 10,
    descriptions: ['Pair of stud earrings, white stones', 'Hoop earrings, bent post'],
    services: ['stone_tightening', 'rhodium_plating', 'polishing', 'cleaning'],
  },
  {
    kind: 'pendant',
    weight: 10,
    descriptions: ['Locket pendant, yellow metal', 'Pendant with one blue stone'],
    services: ['prong_retipping', 'stone_tightening', 'polishing', 'cleaning'],
  },
];

/** Details a service is taken in with (sizes as inner diameters in mm). */
const DETAILS: Partial<Record<ServiceKind, Record<string, number | string>>> = {
  ring_sizing_up: { current_size: 16.51, target_size: 17.32 },
  ring_sizing_down: { current_size: 18.14, target_size: 17.32 },
  polishing: { finish: 'high_polish' },
};

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;
/** The newest share of the year's jobs still in the shop (the rest mostly collected). */
const IN_SHOP_SHARE = 0.12;

// ---- Deterministic randomness: one stream per (seed, job, purpose) ----

function mixBits(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

interface Draws {
  /** A number in [0, 1). */
  next: () => number;
  int: (min: number, max: number) => number;
  pick: <T>(list: readonly T[]) => T;
  /** Fills bytes: the random part of a ULID made the same every time. */
  fill: (bytes: Uint8Array) => void;
}

function draws(seed: number, index: number, purpose: number): Draws {
  // mulberry32: small, fast and good enough to spread a shop's variety.
  let state = mixBits(mixBits(seed, index), purpose);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(list: readonly T[]): T => {
      const item = list[Math.floor(next() * list.length)];
      if (item === undefined) throw new Error('Nothing to pick from.');
      return item;
    },
    fill: (bytes) => {
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
    },
  };
}

const PLAN = 1;
const EVENTS = 2;
const STAFF = 3;

// ---- Days ----

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The shop's today: the local day of its `now`, as the app's list reads it. */
export function bigShopToday(shop: BigShop): string {
  return localDay(new Date(shop.now));
}

// ---- Plans ----

/** The customer number `c`: a name, and a phone of their own. */
function customerOf(c: number): { name: string; phone: string } {
  const first = FIRST_NAMES[c % FIRST_NAMES.length] ?? 'Anna';
  const last = LAST_NAMES[Math.floor(c / FIRST_NAMES.length) % LAST_NAMES.length] ?? 'Lind';
  const digits = String(3_000_000 + c).padStart(7, '0');
  return {
    name: `${first} ${last}`,
    phone: `+46 70 ${digits.slice(0, 3)} ${digits.slice(3, 5)} ${digits.slice(5)}`,
  };
}

/** How many customers a shop of `jobs` jobs has: most come back with three or four pieces. */
export function bigShopCustomers(shop: BigShop): number {
  return Math.max(20, Math.floor(shop.jobs / 4));
}

/** Weighted pick among the pieces. */
function pickPiece(d: Draws): (typeof PIECES)[number] {
  const total = PIECES.reduce((sum, p) => sum + p.weight, 0);
  let at = d.next() * total;
  for (const piece of PIECES) {
    at -= piece.weight;
    if (at < 0) return piece;
  }
  return PIECES[0] as (typeof PIECES)[number];
}

/** The status of a job still in the shop, by the shares a busy bench has. */
function inShopStatus(d: Draws): JobStatus {
  const x = d.next();
  if (x < 0.24) return 'received';
  if (x < 0.54) return 'in_progress';
  if (x < 0.64) return 'qc';
  if (x < 0.72) return 'on_hold';
  if (x < 0.95) return 'ready';
  return 'collected';
}

/** Job number `index` of the shop (0 the oldest of the year): all it is, without its events. */
export function planJob(shop: BigShop, index: number): BigShopJobPlan {
  if (!Number.isInteger(index) || index < 0 || index >= shop.jobs) {
    throw new Error(`The shop has jobs 0 to ${shop.jobs - 1} (asked for ${index}).`);
  }
  const d = draws(shop.seed ?? 1, index, PLAN);
  const today = bigShopToday(shop);
  // Opened evenly over the year, the newest a day before now.
  const spacing = (YEAR_MS - DAY_MS) / shop.jobs;
  const openedMs = Math.floor(shop.now - YEAR_MS + index * spacing) + d.int(0, 59) * 1000;
  const openedDay = localDay(new Date(openedMs));
  const tablet = BIG_SHOP_TABLETS[index % BIG_SHOP_TABLETS.length] ?? BIG_SHOP_TABLETS[0];
  // One pre-printed envelope in 50; the rest numbered from the tablet's own series.
  const preprinted = d.next() < 0.02;
  const seq = Math.floor(index / BIG_SHOP_TABLETS.length) + 1;
  const envelopeNumber = preprinted
    ? String(400_000_000 + index)
    : formatEnvelopeNumber(tablet.prefix, seq);
  const customer = customerOf(d.int(0, bigShopCustomers(shop) - 1));
  const piece = pickPiece(d);
  const serviceCount = d.next() < 0.7 ? 1 : d.next() < 0.85 ? 2 : 3;
  const kinds = [...new Set(Array.from({ length: serviceCount }, () => d.pick(piece.services)))];
  const services = kinds.map((kind) => ({
    id: newUlid(openedMs, d.fill),
    kind,
    details: DETAILS[kind] ?? {},
  }));
  const rush = d.next() < 0.08;
  const lead = rush ? d.int(1, 3) : d.int(5, 21);

  const inShopFrom = Math.floor(shop.jobs * (1 - IN_SHOP_SHARE));
  let status: JobStatus;
  let voided = false;
  let promisedDate: string;
  let lastMs: number;
  if (index >= inShopFrom) {
    status = inShopStatus(d);
    voided = status !== 'collected' && d.next() < 0.02;
    // Promised around today: some late, some due today, most later this month.
    const x = d.next();
    const offset = x < 0.18 ? -d.int(1, 12) : x < 0.3 ? 0 : d.int(1, 21);
    const around = addDays(today, offset);
    promisedDate = status === 'collected' ? addDays(openedDay, lead) : around;
    if (promisedDate < openedDay) promisedDate = openedDay;
    lastMs = shop.now - d.int(60, 3600) * 1000;
  } else {
    // Last year's jobs: collected, but for a few never fetched, on hold for good, or voided.
    const x = d.next();
    status = x < 0.01 ? 'ready' : x < 0.015 ? 'on_hold' : x < 0.019 ? 'received' : 'collected';
    voided = status === 'received';
    promisedDate = addDays(openedDay, lead);
    lastMs = Math.min(openedMs + (lead + d.int(0, 6)) * DAY_MS, shop.now - 3600_000);
  }
  if (lastMs <= openedMs) lastMs = openedMs + 60_000;
  const jobId = newUlid(openedMs, d.fill);
  return {
    index,
    jobId,
    device: tablet.device,
    envelopeNumber,
    preprinted,
    customer,
    itemKind: piece.kind,
    services,
    rush,
    promisedDate,
    status,
    voided,
    openedMs,
    lastMs,
  };
}

// ---- Events ----

/** The shop's people as shop events, opened before any job. */
export function shopEvents(shop: BigShop): StoredEvent[] {
  const d = draws(shop.seed ?? 1, 0, STAFF);
  const at = shop.now - YEAR_MS - DAY_MS;
  const device = BIG_SHOP_TABLETS[0].device;
  return BIG_SHOP_STAFF.map((person, k) => {
    const ms = at + k * 60_000;
    const hex = (n: number) => Array.from({ length: n }, () => d.int(0, 15).toString(16)).join('');
    const data: EventData<'staff.added'> = {
      staffId: newUlid(ms, d.fill),
      name: person.name,
      role: person.role,
      pin: { salt: hex(32), hash: hex(64), iterations: 100_000 },
    };
    return {
      id: newUlid(ms, d.fill),
      jobId: SHOP_STREAM_ID,
      type: 'staff.added',
      at: formatStamp({ ms, counter: 0, device }),
      actor: 'setup',
      device,
      data,
    };
  });
}

const staffIdCache = new Map<string, string[]>();

/** The staff ids shopEvents gives, in BIG_SHOP_STAFF's order (made once per shop). */
export function bigShopStaffIds(shop: BigShop): string[] {
  const key = `${shop.seed ?? 1}:${shop.now}`;
  let ids = staffIdCache.get(key);
  if (!ids) {
    ids = shopEvents(shop).map((e) => String(e.data.staffId));
    staffIdCache.set(key, ids);
  }
  return ids;
}

/** The events of one planned job, from its opening to its last status, in the order they happened. */
export function jobEvents(shop: BigShop, plan: BigShopJobPlan): StoredEvent[] {
  const d = draws(shop.seed ?? 1, plan.index, EVENTS);
  const staff = bigShopStaffIds(shop);
  const [mia = '', jonas = '', sara = '', leo = ''] = staff;
  const jewelers = [mia, sara];
  const jeweler = d.pick(jewelers);
  const names = new Map(staff.map((id, k) => [id, BIG_SHOP_STAFF[k]?.name ?? id]));

  const steps: { type: EventType; data: Record<string, unknown>; actor: string }[] = [];
  const add = <T extends EventType>(type: T, data: EventData<T>, actor: string) => {
    steps.push({ type, data, actor });
  };
  const tick = (n: number, services = plan.services.length) => {
    for (const service of plan.services.slice(0, services)) {
      for (const step of templateFor(service.kind).steps.slice(0, n)) {
        add(
          'step.set',
          { serviceId: service.id, stepId: step.id, done: true, values: {} },
          jeweler,
        );
      }
    }
  };
  const toBench = () => {
    add(
      'custody.moved',
      { to: { kind: 'staff', id: jeweler, label: names.get(jeweler) ?? jeweler } },
      leo,
    );
    add('status.changed', { status: 'in_progress' }, jeweler);
  };
  const passQc = () => {
    add('weight.logged', { kind: 'return', grams: 4.2 }, jeweler);
    add(
      'qc.recorded',
      { result: 'pass', checks: Object.fromEntries(QC_CHECKS.map((c) => [c.key, true])) },
      jonas,
    );
    add('status.changed', { status: 'ready' }, jonas);
  };

  switch (plan.status) {
    case 'received':
      if (d.next() < 0.5) {
        add('custody.moved', { to: { kind: 'place', id: 'safe', label: 'Safe' } }, leo);
      }
      break;
    case 'in_progress':
      toBench();
      tick(d.int(1, 2));
      if (d.next() < 0.3) add('note.added', { text: 'Customer asked for a call first.' }, jeweler);
      break;
    case 'qc':
      toBench();
      tick(3);
      add('status.changed', { status: 'qc' }, jeweler);
      break;
    case 'on_hold':
      add(
        'status.changed',
        { status: 'on_hold', reason: 'Waiting for the customer to approve the estimate' },
        leo,
      );
      break;
    case 'ready':
      toBench();
      tick(2);
      passQc();
      break;
    case 'collected':
      // Most of the year's jobs: a short history, so that a shop of 100,000 seeds in minutes.
      add('status.changed', { status: 'in_progress' }, jeweler);
      tick(1, 1);
      add('status.changed', { status: 'collected' }, leo);
      break;
  }
  if (plan.voided) add('job.voided', { reason: 'Customer took the piece back unrepaired' }, jonas);

  const opened: EventData<'job.opened'> = openedData({
    envelope: { number: plan.envelopeNumber, preprinted: plan.preprinted },
    customer: plan.customer,
    item: {
      kind: plan.itemKind,
      description: d.pick(PIECES.find((p) => p.kind === plan.itemKind)?.descriptions ?? ['Piece']),
      stones: [],
    },
    services: plan.services,
    promisedDate: plan.promisedDate,
    rush: plan.rush,
    intakeWeightG: Math.round(d.int(150, 2500)) / 100,
  });
  const all = [{ type: 'job.opened' as EventType, data: opened, actor: leo }, ...steps];
  // Spread between the opening and the last event, each at its own millisecond.
  const gap = Math.max(1, Math.floor((plan.lastMs - plan.openedMs) / Math.max(1, all.length - 1)));
  return all.map((step, k) => {
    const ms = k === 0 ? plan.openedMs : Math.min(plan.openedMs + k * gap, plan.lastMs) + k;
    const device = k === 0 ? plan.device : d.pick(BIG_SHOP_TABLETS).device;
    return {
      id: newUlid(ms, d.fill),
      jobId: plan.jobId,
      type: step.type,
      at: formatStamp({ ms, counter: k, device }),
      actor: step.actor,
      device,
      data: step.data,
    };
  });
}

/**
 * The events of jobs `from` to `to` (not included), each job's in order; the shop's people first
 * when `from` is 0, so the whole shop is the events of its slices put together.
 */
export function bigShopEvents(shop: BigShop, from = 0, to = shop.jobs): StoredEvent[] {
  const events = from === 0 ? shopEvents(shop) : [];
  for (let i = from; i < Math.min(to, shop.jobs); i++)
    events.push(...jobEvents(shop, planJob(shop, i)));
  return events;
}

// ---- What a test expects ----

/** Counts as the jobs list's tabs show them, from the plans alone. */
export interface BigShopCounts {
  allOpen: number;
  dueToday: number;
  late: number;
  received: number;
  inProgress: number;
  qc: number;
  onHold: number;
  ready: number;
  collected: number;
  voided: number;
}

const OPEN = new Set<string>(OPEN_STATUSES);

export function bigShopCounts(shop: BigShop): BigShopCounts {
  const today = bigShopToday(shop);
  const counts: BigShopCounts = {
    allOpen: 0,
    dueToday: 0,
    late: 0,
    received: 0,
    inProgress: 0,
    qc: 0,
    onHold: 0,
    ready: 0,
    collected: 0,
    voided: 0,
  };
  for (let i = 0; i < shop.jobs; i++) {
    const plan = planJob(shop, i);
    if (plan.voided) {
      counts.voided++;
      continue;
    }
    if (plan.status !== 'collected') counts.allOpen++;
    if (OPEN.has(plan.status) && plan.promisedDate === today) counts.dueToday++;
    if (OPEN.has(plan.status) && plan.promisedDate < today) counts.late++;
    const key = (
      {
        received: 'received',
        in_progress: 'inProgress',
        qc: 'qc',
        on_hold: 'onHold',
        ready: 'ready',
        collected: 'collected',
      } as const
    )[plan.status];
    counts[key]++;
  }
  return counts;
}

// ---- Rows and seeding ----

/** Every kind's projection rows the registry folds from these events (each stream's all here). */
export type FoldedRows = { [K in StreamKind]: StreamRows[K][] };

export function foldedRows(events: readonly StoredEvent[]): FoldedRows {
  const streams = new Map<string, StoredEvent[]>();
  for (const e of events) {
    const list = streams.get(e.jobId);
    if (list) list.push(e);
    else streams.set(e.jobId, [e]);
  }
  const rows = {} as FoldedRows;
  for (const kind of STREAM_KINDS) setRows(rows, kind, foldKind(kind, streams));
  return rows;
}

function foldKind<K extends StreamKind>(
  kind: K,
  streams: ReadonlyMap<string, readonly StoredEvent[]>,
): StreamRows[K][] {
  const out: StreamRows[K][] = [];
  for (const [id, list] of streams) {
    const row = foldStream(kind, id, list);
    if (row) out.push(row);
  }
  return out;
}

function setRows<K extends StreamKind>(rows: FoldedRows, kind: K, list: StreamRows[K][]): void {
  rows[kind] = list as FoldedRows[K];
}

async function putRows<K extends StreamKind>(
  db: LoupeDB,
  kind: K,
  list: readonly StreamRows[K][],
): Promise<void> {
  if (list.length > 0) await STREAMS[kind].table(db).bulkPut(list);
}

/**
 * Writes events and the rows folded from them as applyEvents would leave them (remote events:
 * nothing queued), in one transaction of bulkPuts, without the duplicate check or reading any
 * event back. Job rows go through the registry's job table, so their list fields are filled. For
 * events of streams this database holds nothing of yet: a seed, not a sync.
 */
export async function writeFoldedRows(
  db: LoupeDB,
  events: readonly StoredEvent[],
  rows: FoldedRows = foldedRows(events),
): Promise<void> {
  await db.transaction('rw', storingTables(db), async () => {
    await db.events.bulkPut([...events]);
    for (const kind of STREAM_KINDS) await putRows(db, kind, rows[kind]);
  });
}

export interface SeedOptions {
  /** Jobs made, folded and written per transaction: bounds memory, whatever the shop's size. */
  chunkJobs?: number;
  /** Called after each chunk with the jobs written so far. */
  onProgress?: (jobsWritten: number) => void;
  /** Filled with where the time went: making the events, folding them, writing them. */
  timings?: SeedTimings;
}

export interface SeedTimings {
  makeMs: number;
  foldMs: number;
  writeMs: number;
}

/**
 * Seeds a whole shop into `db`, a chunk of jobs at a time, and marks its projections current so
 * the app does not fold every job again when it starts (ensureProjectionsCurrent).
 */
export async function seedBigShop(
  db: LoupeDB,
  shop: BigShop,
  { chunkJobs = 2_000, onProgress, timings }: SeedOptions = {},
): Promise<void> {
  const spent = timings ?? { makeMs: 0, foldMs: 0, writeMs: 0 };
  const make = (from: number) => {
    let at = performance.now();
    const events = bigShopEvents(shop, from, from + chunkJobs);
    spent.makeMs += performance.now() - at;
    at = performance.now();
    const rows = foldedRows(events);
    spent.foldMs += performance.now() - at;
    return { events, rows };
  };
  let next = make(0);
  for (let from = 0; from < shop.jobs; from += chunkJobs) {
    const at = performance.now();
    const writing = writeFoldedRows(db, next.events, next.rows);
    // The next chunk is made while the database writes this one: the page's thread is free.
    const more = from + chunkJobs < shop.jobs;
    if (more) next = make(from + chunkJobs);
    await writing;
    spent.writeMs += performance.now() - at;
    onProgress?.(Math.min(shop.jobs, from + chunkJobs));
  }
  await db.meta.put({ key: META_KEYS.projectionVersion, value: PROJECTION_VERSION });
}
