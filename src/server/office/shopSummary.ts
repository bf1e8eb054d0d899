// One shop's summary for the head office, folded from its stored events with the app's own folds:
// jobs by status, late jobs, pieces out at trade shops and the metal ledger's balances.
import { daysBetween, localDay } from '../../domain/dates';
import type { JobState } from '../../domain/job';
import { foldLedger, type LedgerState } from '../../domain/ledger/ledgerState';
import { holderBalances, potViews, stockBalances } from '../../domain/ledger/views';
import { ALLOY_IDS, ALLOYS, type AlloyId } from '../../domain/metals';
import { foldJob } from '../../domain/projection';
import { foldShop, type ShopState } from '../../domain/shopState';
import { outAtTradeShops } from '../../domain/trade';
import { STATUS_LABELS } from '../../domain/workflow';
import {
  JOB_STATUSES,
  OPEN_STATUSES,
  type JobStatus,
  type StoredEvent,
} from '../../protocol/events';
import {
  LEDGER_STREAM_ID,
  SHOP_STREAM_ID,
  streamIdFits,
  streamKindOf,
  type StreamKind,
} from '../../protocol/streams';

/** Late jobs listed in full; the rest are counted ("and 12 more"), so a page stays readable. */
export const LATE_JOBS_SHOWN = 20;
/** Pieces listed per trade shop; the rest are counted. */
export const PIECES_OUT_SHOWN = 20;

/** The statuses the tablets count as late, too: one list, in protocol/events.ts. */
export const LATE_STATUSES = OPEN_STATUSES;

export interface StatusCount {
  status: JobStatus;
  /** As the app says it: "Waiting for QC", "Ready for pick-up". */
  label: string;
  count: number;
}

export interface LateJob {
  jobId: string;
  envelopeNumber: string;
  part: { index: number; of: number } | null;
  /** The customer's piece, as the job page heads it: "Ring: Yellow metal ring with one stone". */
  piece: string;
  /** The day promised to the customer (YYYY-MM-DD). */
  promisedDate: string;
  daysLate: number;
  status: JobStatus;
  statusLabel: string;
  rush: boolean;
}

export interface PieceOut {
  jobId: string;
  envelopeNumber: string;
  piece: string;
  /** What the trade shop was asked to do. */
  work: string;
  sentDate: string;
  expectedBack: string;
  daysOut: number;
  overdue: boolean;
  daysLate: number;
}

export interface TradeShopOut {
  tradeShopId: string;
  name: string;
  /** Overdue first, the longest out next (domain/trade.ts), at most PIECES_OUT_SHOWN. */
  pieces: PieceOut[];
  /** Pieces out there beyond those listed. */
  more: number;
  overdue: number;
}

/** One alloy's grams in the ledger's accounts that hold metal in the shop. */
export interface MetalBalance {
  alloyId: AlloyId;
  /** "14k yellow gold", as the app names it. */
  alloyName: string;
  /** In the safe: the stock account. */
  stockG: number;
  /** Issued from stock and not back yet: benches, people and casting trees together. */
  heldG: number;
  /** In the scrap pots, waiting for a refining lot. */
  scrapG: number;
}

export interface ShopSummary {
  /** When it was computed (ms since 1970): the page says so. */
  computedAt: number;
  /** The day "late" is measured against: the server's local day at `computedAt`. */
  today: string;
  /** Events of the shop read for it. */
  events: number;
  /** Jobs opened and not voided. */
  jobs: number;
  voided: number;
  /** Every status, in the workflow's order, with its count of jobs not voided (0 included). */
  byStatus: StatusCount[];
  /** Newest-late first (the latest promised date), at most LATE_JOBS_SHOWN. */
  late: LateJob[];
  /** Late jobs beyond those listed. */
  moreLate: number;
  /** Trade shops holding pieces now: those with overdue work first, then by name. */
  outAtTradeShops: TradeShopOut[];
  /** Alloys the shop holds any of, in the app's alloy order. */
  metals: MetalBalance[];
}

/** The streams of a shop's events, each in the kind whose fold reads it (as db/streams.ts does). */
interface Streams {
  jobs: JobState[];
  shop: ShopState | null;
  ledger: LedgerState | null;
}

/**
 * Whether a stream has a row of `kind`: its id fits the kind and one of its events is of a type the
 * kind folds. The app's own rule (foldStream in db/streams.ts), so the office sees what a tablet sees.
 */
function holdsKind(kind: StreamKind, id: string, events: readonly StoredEvent[]): boolean {
  return streamIdFits(kind, id) && events.some((e) => streamKindOf(e.type) === kind);
}

function foldStreams(events: readonly StoredEvent[]): Streams {
  const byStream = new Map<string, StoredEvent[]>();
  for (const e of events) {
    const list = byStream.get(e.jobId);
    if (list) list.push(e);
    else byStream.set(e.jobId, [e]);
  }
  const streams: Streams = { jobs: [], shop: null, ledger: null };
  for (const [id, list] of byStream) {
    if (id === SHOP_STREAM_ID) {
      if (holdsKind('shop', id, list)) streams.shop = foldShop(list);
    } else if (id === LEDGER_STREAM_ID) {
      if (holdsKind('ledger', id, list)) streams.ledger = foldLedger(list);
    } else if (holdsKind('job', id, list)) {
      // Null while the job's opening has not arrived: the job is not known yet, as on a tablet.
      const job = foldJob(list);
      if (job) streams.jobs.push(job);
    }
  }
  return streams;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The piece as the job page heads it (JobHeader's first part), without the stones and stamps. */
export function pieceText(job: JobState): string {
  return `${capitalised(job.item.kind)}: ${job.item.description}`;
}

function byEnvelope(a: { envelopeNumber: string }, b: { envelopeNumber: string }): number {
  return a.envelopeNumber.localeCompare(b.envelopeNumber, undefined, { numeric: true });
}

function lateJobs(jobs: readonly JobState[], today: string): LateJob[] {
  return jobs
    .filter((j) => !j.voided && LATE_STATUSES.includes(j.status) && j.promisedDate < today)
    .map((j) => ({
      jobId: j.id,
      envelopeNumber: j.envelopeNumber,
      part: j.part ?? null,
      piece: pieceText(j),
      promisedDate: j.promisedDate,
      daysLate: daysBetween(j.promisedDate, today),
      status: j.status,
      statusLabel: STATUS_LABELS[j.status],
      rush: j.rush,
    }))
    .sort(
      (a, b) =>
        (a.promisedDate < b.promisedDate ? 1 : a.promisedDate > b.promisedDate ? -1 : 0) ||
        byEnvelope(a, b),
    );
}

/** Grams to the milligram: the ledger counts whole milligrams, and sums of grams pick up noise. */
function toGrams(g: number): number {
  return Math.round(g * 1000) / 1000;
}

function metalBalances(ledger: LedgerState | null): MetalBalance[] {
  if (!ledger) return [];
  const sums = new Map<AlloyId, { stockG: number; heldG: number; scrapG: number }>();
  const add = (alloyId: AlloyId, where: 'stockG' | 'heldG' | 'scrapG', grams: number) => {
    const sum = sums.get(alloyId) ?? { stockG: 0, heldG: 0, scrapG: 0 };
    sum[where] += grams;
    sums.set(alloyId, sum);
  };
  for (const b of stockBalances(ledger)) add(b.alloyId, 'stockG', b.grams);
  for (const h of holderBalances(ledger))
    for (const b of h.balances) add(b.alloyId, 'heldG', b.grams);
  for (const pot of potViews(ledger))
    for (const b of pot.balances) add(b.alloyId, 'scrapG', b.grams);
  return ALLOY_IDS.flatMap((alloyId) => {
    const sum = sums.get(alloyId);
    if (!sum) return [];
    const balance = {
      alloyId,
      alloyName: ALLOYS[alloyId].name,
      stockG: toGrams(sum.stockG),
      heldG: toGrams(sum.heldG),
      scrapG: toGrams(sum.scrapG),
    };
    return balance.stockG === 0 && balance.heldG === 0 && balance.scrapG === 0 ? [] : [balance];
  });
}

/**
 * The summary of one shop from all of its events (any order, duplicates ignored by the folds) as
 * of `now`. Pure: the routes read the events, this says what they add up to.
 */
export function summariseShop(events: readonly StoredEvent[], now: number): ShopSummary {
  const today = localDay(new Date(now));
  const streams = foldStreams(events);
  const live = streams.jobs.filter((j) => !j.voided);
  const byStatus = JOB_STATUSES.map((status) => ({
    status,
    label: STATUS_LABELS[status],
    count: live.filter((j) => j.status === status).length,
  }));
  const late = lateJobs(streams.jobs, today);
  // The jobs the app's "Out at trade shops" list reads: live and not collected (db/tradeQueries.ts).
  const outJobs = live.filter((j) => j.status !== 'collected');
  const out = outAtTradeShops(outJobs, streams.shop?.tradeShops ?? [], today).map((group) => ({
    tradeShopId: group.tradeShopId,
    name: group.name,
    pieces: group.pieces.slice(0, PIECES_OUT_SHOWN).map((p) => ({
      jobId: p.job.id,
      envelopeNumber: p.job.envelopeNumber,
      piece: pieceText(p.job),
      work: p.visit.sent.work,
      sentDate: p.visit.sent.sentDate,
      expectedBack: p.visit.sent.expectedBack,
      daysOut: p.daysOut,
      overdue: p.overdue,
      daysLate: p.daysLate,
    })),
    more: Math.max(0, group.pieces.length - PIECES_OUT_SHOWN),
    overdue: group.overdue,
  }));
  return {
    computedAt: now,
    today,
    events: events.length,
    jobs: live.length,
    voided: streams.jobs.length - live.length,
    byStatus,
    late: late.slice(0, LATE_JOBS_SHOWN),
    moreLate: Math.max(0, late.length - LATE_JOBS_SHOWN),
    outAtTradeShops: out,
    metals: metalBalances(streams.ledger),
  };
}
