// The metal loss report and the accountant's period summary, read from a period's ledger events
// through the same legs the fold sums: what each place lost (or was found over) when it was weighed.
import { stampMs } from '../clock';
import { dayNumber, localDay } from '../dates';
import { ALLOY_IDS, alloyById, type AlloyId, type MetalFamily } from '../metals';
import {
  readStoredEvent,
  type EventData,
  type LoupeEvent,
  type StoredEvent,
} from '../../protocol/events';
import type { WeighPlaceData } from '../../protocol/ledger';
import { LOSS, placeAccount, type Account } from './accounts';
import { fromMg, movementLegs, sealLegs, type Leg } from './legs';
import { toleranceFlag, type ToleranceFlag } from './scales';
import { fineGrams } from './scrap';

// ---- Periods: local days of the tablet ----

/** A report's period: local calendar days (YYYY-MM-DD), both included. */
export interface Period {
  from: string;
  to: string;
}

export type PeriodPreset = 'this_week' | 'this_month' | 'last_month';

const DAY_MS = 86_400_000;

/** The day `n` days after `day` (before, when negative): calendar arithmetic, no time zone. */
export function addDays(day: string, n: number): string {
  const d = dayNumber(day);
  if (d === null) throw new Error(`Not a day: ${day}`);
  return new Date((d + n) * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the week `day` is in: the shop's week runs Monday to Sunday (ISO 8601). */
export function weekStart(day: string): string {
  const d = dayNumber(day);
  if (d === null) throw new Error(`Not a day: ${day}`);
  // 1970-01-01 was a Thursday: (d + 3) mod 7 is days since Monday.
  return addDays(day, -(((d + 3) % 7) + 7) % 7);
}

function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

function nextMonthStart(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** This week (Monday to Sunday), this month or last month, around `today`. */
export function presetPeriod(preset: PeriodPreset, today: string): Period {
  switch (preset) {
    case 'this_week': {
      const from = weekStart(today);
      return { from, to: addDays(from, 6) };
    }
    case 'this_month': {
      const from = monthStart(today);
      return { from, to: addDays(nextMonthStart(from), -1) };
    }
    case 'last_month': {
      const to = addDays(monthStart(today), -1);
      return { from: monthStart(to), to };
    }
  }
}

/** Days in a period, both ends counted; 0 when `to` is before `from`. */
export function periodDays(period: Period): number {
  const a = dayNumber(period.from);
  const b = dayNumber(period.to);
  if (a === null || b === null) return 0;
  return Math.max(0, b - a + 1);
}

/** Local midnight of a day as an ISO instant: where a local day starts among clock stamps. */
function localMidnightIso(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toISOString();
}

/**
 * The stamps a period spans on this tablet: from its first local midnight up to (not including) the
 * midnight after its last day. Stamps start with their ISO time, so these bound a range of the index.
 */
export function periodStamps(period: Period): { since: string; until: string } {
  return { since: localMidnightIso(period.from), until: localMidnightIso(addDays(period.to, 1)) };
}

/** The local day of a clock stamp on this tablet, or null when it is not a real stamp. */
export function stampDay(at: string): string | null {
  const ms = stampMs(at);
  return ms === null ? null : localDay(new Date(ms));
}

// ---- Buckets for the chart ----

export type BucketSize = 'day' | 'week' | 'month';

/** Days up to a month show each day; up to half a year each week; longer, each month. */
export function bucketSizeFor(period: Period): BucketSize {
  const days = periodDays(period);
  if (days <= 31) return 'day';
  if (days <= 26 * 7) return 'week';
  return 'month';
}

/** The first day of the bucket `day` falls in. */
export function bucketStart(day: string, size: BucketSize): string {
  if (size === 'day') return day;
  if (size === 'week') return weekStart(day);
  return monthStart(day);
}

function bucketEnd(start: string, size: BucketSize): string {
  if (size === 'day') return start;
  if (size === 'week') return addDays(start, 6);
  return addDays(nextMonthStart(start), -1);
}

function nextBucket(start: string, size: BucketSize): string {
  if (size === 'day') return addDays(start, 1);
  if (size === 'week') return addDays(start, 7);
  return nextMonthStart(start);
}

// ---- The report ----

export const FAMILIES: readonly MetalFamily[] = ['gold', 'silver', 'platinum', 'palladium'];

/** The movements the accountant's summary adds up, per alloy. */
export const MOVEMENT_KINDS = [
  'received',
  'issued',
  'returned',
  'used',
  'scrap',
  'sealed',
  'lost',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** One place's weigh-ins of one alloy in the period. */
export interface LossRow {
  /** The place's account: 'stock', 'bench:bench_1', 'person:<staff id>', 'tree:<tree id>'. */
  account: Account;
  place: WeighPlaceData;
  alloyId: AlloyId;
  /** Book − weighed, summed over its weigh-ins, in exact milligrams; negative when found over. */
  lostMg: number;
  lostG: number;
  /** Fine metal of the loss: grams × the alloy's fineness. */
  fineG: number;
  /** The same in exact micrograms (mg × ‰): what a screen rounds, so it rounds as the CSV does. */
  fineUg: number;
  /** Weigh-ins that stand (not corrected). */
  weighIns: number;
  /** Of those, how many differed from the book beyond the scale's tolerance. */
  flagged: number;
  /** Weigh-ins a later correction undid: left out of the loss, counted here. */
  corrected: number;
}

/** A grouped line of the loss table: a place and alloy, or an alloy over every place. */
export interface LossLine extends Omit<LossRow, 'account' | 'place'> {
  account: Account | null;
  place: WeighPlaceData | null;
}

export interface FamilyLoss {
  family: MetalFamily;
  /** Fine grams lost, every alloy of the family together. */
  fineG: number;
  fineUg: number;
  weighIns: number;
  flagged: number;
}

/** One bar group of the chart: fine grams lost per family in a day, week or month. */
export interface LossBucket {
  /** First and last local day of the bucket. */
  start: string;
  end: string;
  fineG: Record<MetalFamily, number>;
  fineUg: Record<MetalFamily, number>;
  weighIns: number;
  flagged: number;
}

/** One weigh-in as the report read it. */
export interface WeighInLine {
  eventId: string;
  at: string;
  by: string;
  day: string;
  account: Account;
  place: WeighPlaceData;
  alloyId: AlloyId;
  session: EventData<'metal.weighed_in'>['session'];
  bookG: number;
  weighedG: number;
  /** Book − weighed: what went to loss (negative: came back from it). */
  lostMg: number;
  toleranceG: number;
  flag: ToleranceFlag;
  scaleId?: string;
  note?: string;
  /** The correction that undid it, or null while it stands. */
  correctedBy: string | null;
}

/** The accountant's summary of one alloy: grams of each kind of movement in the period. */
export interface AlloyTotals {
  alloyId: AlloyId;
  mg: Record<MovementKind, number>;
  grams: Record<MovementKind, number>;
  /** Movements of this alloy in the period a correction undid (left out of the sums). */
  corrected: number;
}

export interface FamilyTotals {
  family: MetalFamily;
  fineG: Record<MovementKind, number>;
  fineUg: Record<MovementKind, number>;
}

export interface LossReport {
  period: Period | null;
  bucketSize: BucketSize;
  /** Per place and alloy: stock first, then benches, people, trees. */
  rows: LossRow[];
  /** Per alloy over every place, in the alloys' order. */
  byAlloy: LossLine[];
  byFamily: FamilyLoss[];
  /** The families that had a weigh-in of theirs, in a fixed order (the chart's series). */
  families: MetalFamily[];
  buckets: LossBucket[];
  weighIns: WeighInLine[];
  totals: AlloyTotals[];
  familyTotals: FamilyTotals[];
  /** Events this version could not read (a newer app's): kept in the ledger, left out here. */
  unreadable: number;
}

export interface LossReportOptions {
  /** The period the events are of; events outside it are left out. None: every event given. */
  period?: Period | null;
  /** Chart buckets; by default days, weeks or months after the period's length. */
  bucketSize?: BucketSize;
  /**
   * Movements reversed by a correction, id → correction (the ledger's `corrected`): a weigh-in in
   * this period may have been corrected after it. The period's own corrections are added to it.
   */
  corrected?: Readonly<Record<string, string>>;
  /** The local day of a stamp; the tablet's own by default. */
  dayOf?: (at: string) => string | null;
}

const PLACE_ORDER: Record<WeighPlaceData['kind'], number> = {
  stock: 0,
  bench: 1,
  person: 2,
  tree: 3,
};

function zeroKinds(): Record<MovementKind, number> {
  return { received: 0, issued: 0, returned: 0, used: 0, scrap: 0, sealed: 0, lost: 0 };
}

function zeroFamilies(): Record<MetalFamily, number> {
  return { gold: 0, silver: 0, platinum: 0, palladium: 0 };
}

/** Fine metal of exact milligrams of an alloy, in micrograms: mg × ‰, an integer, so sums stay exact. */
function fineUg(mg: number, alloyId: AlloyId): number {
  return mg * alloyById(alloyId).fineness;
}

/**
 * Movements corrected, id → the correction that counts: the ledger's map and the period's own
 * corrections together. Two tablets may correct one movement offline; like the fold, the smaller id
 * is the one that undid it.
 */
export function correctionsOf(
  events: readonly LoupeEvent[],
  known: Readonly<Record<string, string>> = {},
): Map<string, string> {
  const map = new Map(Object.entries(known));
  for (const e of events) {
    if (e.type !== 'metal.corrected') continue;
    const earlier = map.get(e.data.eventId);
    if (earlier === undefined || e.id < earlier) map.set(e.data.eventId, e.id);
  }
  return map;
}

/** The events this version reads, once each, in stamp order; and how many it could not. */
export function readLedgerEvents(events: readonly StoredEvent[]): {
  read: LoupeEvent[];
  unreadable: number;
} {
  const read: LoupeEvent[] = [];
  const seen = new Set<string>();
  let unreadable = 0;
  for (const stored of events) {
    if (seen.has(stored.id)) continue;
    seen.add(stored.id);
    const r = readStoredEvent(stored);
    if (r.known) read.push(r.event);
    else unreadable += 1;
  }
  read.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
  return { read, unreadable };
}

/** What a movement moved: the grams its legs give (each takes from one account what it gives another). */
function givenMg(legs: readonly Leg[]): number {
  return legs.reduce((t, l) => (l.mg > 0 ? t + l.mg : t), 0);
}

const TOTAL_OF: Partial<Record<LoupeEvent['type'], MovementKind>> = {
  'metal.received': 'received',
  'metal.issued': 'issued',
  'metal.returned': 'returned',
  'metal.used': 'used',
  'scrap.deposited': 'scrap',
  'metal.weighed_in': 'lost',
};

/**
 * The loss report of a period's ledger events. Loss is what a weigh-in booked to the loss account —
 * book minus weighed, read from the same legs the fold sums — per place and alloy, with its fine
 * weight, the weigh-ins counted and those beyond the scale's tolerance. A weigh-in a correction undid
 * is left out of the loss (the correction reverses it) and counted as corrected; a correction itself
 * adds nothing, so a period's loss is what its standing weigh-ins say, whenever they were corrected.
 */
export function lossReport(
  events: readonly StoredEvent[],
  options: LossReportOptions = {},
): LossReport {
  const period = options.period ?? null;
  const dayOf = options.dayOf ?? stampDay;
  const { read: all, unreadable } = readLedgerEvents(events);
  const corrections = correctionsOf(all, options.corrected);
  const dayed = all
    .map((event) => ({ event, day: dayOf(event.at) }))
    .filter(
      (x): x is { event: LoupeEvent; day: string } =>
        x.day !== null && (period === null || (x.day >= period.from && x.day <= period.to)),
    );

  const rows = new Map<string, LossRow>();
  const weighIns: WeighInLine[] = [];
  const totals = new Map<AlloyId, AlloyTotals>();
  const totalsOf = (alloyId: AlloyId): AlloyTotals => {
    let t = totals.get(alloyId);
    if (!t) {
      t = { alloyId, mg: zeroKinds(), grams: zeroKinds(), corrected: 0 };
      totals.set(alloyId, t);
    }
    return t;
  };

  for (const { event: e, day } of dayed) {
    const correctedBy = corrections.get(e.id) ?? null;
    if (e.type === 'lot.sealed') {
      // Sealing takes each pot's scrap into the lot: the pot's legs, negated, are what was sealed.
      for (const leg of sealLegs(e.data)) totalsOf(leg.alloyId).mg.sealed -= leg.mg;
      continue;
    }
    const kind = TOTAL_OF[e.type];
    if (kind === undefined) continue;
    const movement = { type: e.type, data: e.data } as Parameters<typeof movementLegs>[0];
    const legs = movementLegs(movement);
    const alloyId = movement.data.alloyId;
    if (correctedBy !== null) totalsOf(alloyId).corrected += 1;
    else if (kind !== 'lost') totalsOf(alloyId).mg[kind] += givenMg(legs);
    if (e.type !== 'metal.weighed_in') continue;

    const lostMg = legs.filter((l) => l.account === LOSS).reduce((t, l) => t + l.mg, 0);
    const account = placeAccount(e.data.place);
    const flag = toleranceFlag(e.data.weighedG, e.data.bookG, e.data.toleranceG);
    weighIns.push({
      eventId: e.id,
      at: e.at,
      by: e.actor,
      day,
      account,
      place: e.data.place,
      alloyId,
      session: e.data.session,
      bookG: e.data.bookG,
      weighedG: e.data.weighedG,
      lostMg,
      toleranceG: e.data.toleranceG,
      flag,
      ...(e.data.scaleId !== undefined ? { scaleId: e.data.scaleId } : {}),
      ...(e.data.note !== undefined ? { note: e.data.note } : {}),
      correctedBy,
    });
    const key = `${account}\u0000${alloyId}`;
    const row = rows.get(key) ?? {
      account,
      place: e.data.place,
      alloyId,
      lostMg: 0,
      lostG: 0,
      fineG: 0,
      fineUg: 0,
      weighIns: 0,
      flagged: 0,
      corrected: 0,
    };
    if (correctedBy !== null) {
      row.corrected += 1;
    } else {
      row.lostMg += lostMg;
      row.weighIns += 1;
      if (flag !== 'within') row.flagged += 1;
      totalsOf(alloyId).mg.lost += lostMg;
    }
    rows.set(key, row);
  }

  const sortedRows = [...rows.values()]
    .map((r) => ({
      ...r,
      lostG: fromMg(r.lostMg),
      fineG: fineGrams(fromMg(r.lostMg), r.alloyId),
      fineUg: fineUg(r.lostMg, r.alloyId),
    }))
    .sort(
      (a, b) =>
        PLACE_ORDER[a.place.kind] - PLACE_ORDER[b.place.kind] ||
        (a.account < b.account ? -1 : a.account > b.account ? 1 : 0) ||
        ALLOY_IDS.indexOf(a.alloyId) - ALLOY_IDS.indexOf(b.alloyId),
    );

  const standing = weighIns.filter((w) => w.correctedBy === null);
  const families = FAMILIES.filter((f) => weighIns.some((w) => alloyById(w.alloyId).family === f));
  const bucketSize =
    options.bucketSize ?? bucketSizeFor(period ?? spanOf(weighIns.map((w) => w.day)));

  const totalsList = ALLOY_IDS.flatMap((id) => {
    const t = totals.get(id);
    if (!t) return [];
    const grams = zeroKinds();
    for (const k of MOVEMENT_KINDS) grams[k] = fromMg(t.mg[k]);
    return [{ ...t, grams }];
  });

  return {
    period,
    bucketSize,
    rows: sortedRows,
    byAlloy: groupByAlloy(sortedRows),
    byFamily: lossByFamily(sortedRows),
    families,
    buckets: lossBuckets(standing, bucketSize, period),
    weighIns,
    totals: totalsList,
    familyTotals: familyTotals(totalsList),
    unreadable,
  };
}

/** The first to the last of some days; today alone when there are none. */
function spanOf(days: readonly string[]): Period {
  if (days.length === 0) {
    const today = localDay();
    return { from: today, to: today };
  }
  const sorted = [...days].sort();
  return { from: sorted[0] ?? '', to: sorted[sorted.length - 1] ?? '' };
}

function groupByAlloy(rows: readonly LossRow[]): LossLine[] {
  return ALLOY_IDS.flatMap((alloyId) => {
    const of = rows.filter((r) => r.alloyId === alloyId);
    if (of.length === 0) return [];
    const lostMg = of.reduce((t, r) => t + r.lostMg, 0);
    return [
      {
        account: null,
        place: null,
        alloyId,
        lostMg,
        lostG: fromMg(lostMg),
        fineG: fineGrams(fromMg(lostMg), alloyId),
        fineUg: fineUg(lostMg, alloyId),
        weighIns: of.reduce((t, r) => t + r.weighIns, 0),
        flagged: of.reduce((t, r) => t + r.flagged, 0),
        corrected: of.reduce((t, r) => t + r.corrected, 0),
      },
    ];
  });
}

function lossByFamily(rows: readonly LossRow[]): FamilyLoss[] {
  return FAMILIES.flatMap((family) => {
    const of = rows.filter((r) => alloyById(r.alloyId).family === family);
    if (of.length === 0) return [];
    return [
      {
        family,
        fineG: of.reduce((t, r) => t + r.fineUg, 0) / 1e6,
        fineUg: of.reduce((t, r) => t + r.fineUg, 0),
        weighIns: of.reduce((t, r) => t + r.weighIns, 0),
        flagged: of.reduce((t, r) => t + r.flagged, 0),
      },
    ];
  });
}

function familyTotals(totals: readonly AlloyTotals[]): FamilyTotals[] {
  return FAMILIES.flatMap((family) => {
    const of = totals.filter((t) => alloyById(t.alloyId).family === family);
    if (of.length === 0) return [];
    const fineG = zeroKinds();
    const ug = zeroKinds();
    for (const k of MOVEMENT_KINDS) {
      ug[k] = of.reduce((sum, t) => sum + fineUg(t.mg[k], t.alloyId), 0);
      fineG[k] = ug[k] / 1e6;
    }
    return [{ family, fineG, fineUg: ug }];
  });
}

/**
 * Every bucket of the period, empty ones too (a day with nothing lost is a bar of nothing), with the
 * fine grams its standing weigh-ins lost per family. Without a period, from the first weigh-in's
 * bucket to the last's.
 */
function lossBuckets(
  weighIns: readonly WeighInLine[],
  size: BucketSize,
  period: Period | null,
): LossBucket[] {
  const span = period ?? (weighIns.length > 0 ? spanOf(weighIns.map((w) => w.day)) : null);
  if (span === null || periodDays(span) === 0) return [];
  // Sums in micrograms of fine metal (mg × ‰), exact whatever the order; grams only at the end.
  const byStart = new Map<string, LossBucket>();
  const buckets: LossBucket[] = [];
  for (
    let start = bucketStart(span.from, size);
    start <= span.to;
    start = nextBucket(start, size)
  ) {
    const bucket: LossBucket = {
      start,
      end: bucketEnd(start, size),
      fineG: zeroFamilies(),
      fineUg: zeroFamilies(),
      weighIns: 0,
      flagged: 0,
    };
    buckets.push(bucket);
    byStart.set(start, bucket);
  }
  for (const w of weighIns) {
    const bucket = byStart.get(bucketStart(w.day, size));
    if (!bucket) continue;
    bucket.fineUg[alloyById(w.alloyId).family] += fineUg(w.lostMg, w.alloyId);
    bucket.weighIns += 1;
    if (w.flag !== 'within') bucket.flagged += 1;
  }
  for (const bucket of buckets) {
    for (const f of FAMILIES) bucket.fineG[f] = bucket.fineUg[f] / 1e6;
  }
  return buckets;
}

export type LossGrouping = 'holder' | 'tree' | 'alloy';

/**
 * The loss table's lines: per bench, person and the safe (each alloy apart); per tree (a casting's
 * loss); or per alloy over every place.
 */
export function lossLines(report: LossReport, grouping: LossGrouping): LossLine[] {
  if (grouping === 'alloy') return report.byAlloy;
  return report.rows.filter((r) => (grouping === 'tree') === (r.place.kind === 'tree'));
}
