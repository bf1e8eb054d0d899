// Work sent to trade shops and outside setters: each send paired with its return, days out, overdue.
// DOMAIN.md ("Hand-offs"): work sent out is where pieces get lost, so nothing here is ever dropped.
import { daysBetween, dayNumber, dayText } from './dates';
import type { JobState, TradeReturnedEntry, TradeSentEntry } from './job';
import type { Verdict } from './workflow';
import type { TradeShopData } from '../protocol/handoffs';

/** One trip out and back: a trade.sent and the trade.returned naming it. */
export interface TradeVisit {
  /** The trade.sent's event id: the key its return names. */
  sentEventId: string;
  /**
   * Null for a return naming a send this tablet does not have (not synced yet, or lost): the return
   * is kept and shown, so a piece that came back is never silently forgotten.
   */
  sent: TradeSentEntry | null;
  /** The first return recorded for it (stamp order), or null while it is out. */
  returned: TradeReturnedEntry | null;
  /** Further returns naming the same send (two tablets offline both took it back): kept, shown. */
  alsoReturned: TradeReturnedEntry[];
}

type Stamped = { at: string; eventId: string };

function byStamp(a: Stamped, b: Stamped): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/**
 * Every visit of the job: sends in stamp order, then returns naming no known send. The same for the
 * same events in any order (the lists are sorted here, not trusted to arrive sorted).
 */
export function tradeVisits(job: Pick<JobState, 'tradeSent' | 'tradeReturned'>): TradeVisit[] {
  const returnsBySend = new Map<string, TradeReturnedEntry[]>();
  for (const r of [...job.tradeReturned].sort(byStamp)) {
    const list = returnsBySend.get(r.sentEventId);
    if (list) list.push(r);
    else returnsBySend.set(r.sentEventId, [r]);
  }
  const visit = (
    sentEventId: string,
    sent: TradeSentEntry | null,
    returns: TradeReturnedEntry[],
  ): TradeVisit => ({
    sentEventId,
    sent,
    returned: returns[0] ?? null,
    alsoReturned: returns.slice(1),
  });
  const sends = [...job.tradeSent].sort(byStamp);
  const known = new Set(sends.map((s) => s.eventId));
  const visits = sends.map((s) => visit(s.eventId, s, returnsBySend.get(s.eventId) ?? []));
  const orphans = [...returnsBySend.entries()]
    .filter(([sentEventId]) => !known.has(sentEventId))
    .map(([sentEventId, returns]) => visit(sentEventId, null, returns))
    .sort((a, b) => byStamp(a.returned as Stamped, b.returned as Stamped));
  return [...visits, ...orphans];
}

/** A visit still out: sent, with no return naming it. */
export type OpenVisit = TradeVisit & { sent: TradeSentEntry; returned: null };

export function isOpen(visit: TradeVisit): visit is OpenVisit {
  return visit.sent !== null && visit.returned === null;
}

/**
 * Every visit still out, oldest send first. Usually one; two when two tablets each sent the piece
 * while offline: both stay open until each is recorded back, so neither trip is lost.
 */
export function openVisits(job: Pick<JobState, 'tradeSent' | 'tradeReturned'>): OpenVisit[] {
  return tradeVisits(job).filter(isOpen);
}

/** The newest visit still out, or null when the piece is not out at a trade shop. */
export function openVisit(job: Pick<JobState, 'tradeSent' | 'tradeReturned'>): OpenVisit | null {
  return openVisits(job).at(-1) ?? null;
}

/**
 * Whole days the piece was (or has been) out: from the sent date to the return, or to `today` while
 * out; null for a return with no known send. Never negative: a tablet whose date is behind the
 * sender's shows 0, not "−1 days".
 */
export function daysOut(visit: TradeVisit, today: string): number | null {
  if (visit.sent === null) return null;
  const days = daysBetween(visit.sent.sentDate, visit.returned?.returnedDate ?? today);
  return Number.isNaN(days) ? null : Math.max(0, days);
}

/** Still out after the day it was expected back. */
export function isOverdue(visit: TradeVisit, today: string): boolean {
  return isOpen(visit) && today > visit.sent.expectedBack;
}

/** Days past the expected return: while out, or when it came back; 0 when on time. */
export function daysLate(visit: TradeVisit, today: string): number {
  if (visit.sent === null) return 0;
  const end = visit.returned?.returnedDate ?? today;
  const days = daysBetween(visit.sent.expectedBack, end);
  return Number.isNaN(days) ? 0 : Math.max(0, days);
}

// ---- Checks for the operations (db/tradeOperations.ts) ----

const no = (message: string): Verdict => ({ ok: false, message });
const yes: Verdict = { ok: true };

/** The dates of a send: real days, not after today, the return not before the send. */
export function checkSendDates(sentDate: string, expectedBack: string, today: string): Verdict {
  if (dayNumber(sentDate) === null) return no('Enter the day it was sent, like 2026-12-24.');
  if (dayNumber(expectedBack) === null) {
    return no('Enter the day it is expected back, like 2026-12-24.');
  }
  if (sentDate > today) {
    return no(`The sent date ${dayText(sentDate)} is after today: enter the day it went out.`);
  }
  if (expectedBack < sentDate) {
    return no(`The expected return is before the day it was sent (${dayText(sentDate)}).`);
  }
  return yes;
}

/** The date of a return: a real day, not before the send, not after today. */
export function checkReturnDate(
  sent: TradeSentEntry,
  returnedDate: string,
  today: string,
): Verdict {
  if (dayNumber(returnedDate) === null) return no('Enter the day it came back, like 2026-12-24.');
  if (returnedDate < sent.sentDate) {
    return no(`It cannot come back before it was sent (${dayText(sent.sentDate)}).`);
  }
  if (returnedDate > today) {
    return no(
      `The return date ${dayText(returnedDate)} is after today: enter the day it came back.`,
    );
  }
  return yes;
}

/** The insurance value a send carries when none is typed: the job's own, else the stated value. */
export function defaultInsuranceCents(
  job: Pick<JobState, 'insuranceValueCents' | 'statedValueCents'>,
): number | null {
  return job.insuranceValueCents ?? job.statedValueCents ?? null;
}

// ---- Out at trade shops, across jobs ----

/** One piece out, as the "Out at trade shops" list shows it. */
export interface OutPiece {
  job: JobState;
  visit: OpenVisit;
  daysOut: number;
  overdue: boolean;
  daysLate: number;
}

/** The pieces out at one trade shop, overdue first, and what they are insured for together. */
export interface OutAtShop {
  tradeShopId: string;
  /** The shop's name now (a rename shows), else as it was named when the work was sent. */
  name: string;
  pieces: OutPiece[];
  insuredCents: number;
  /** Pieces sent with no insurance value: the total does not cover them, and the list says so. */
  unvalued: number;
  overdue: number;
}

function byUrgencyOut(a: OutPiece, b: OutPiece): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.daysLate !== b.daysLate) return b.daysLate - a.daysLate;
  if (a.daysOut !== b.daysOut) return b.daysOut - a.daysOut;
  return a.job.envelopeNumber.localeCompare(b.job.envelopeNumber, undefined, { numeric: true });
}

/**
 * Every open visit of `jobs`, grouped by trade shop: shops with overdue work first, then by name.
 * Pure: the screen reads the jobs, this says what is out where.
 */
export function outAtTradeShops(
  jobs: readonly JobState[],
  shops: readonly TradeShopData[],
  today: string,
): OutAtShop[] {
  const groups = new Map<string, OutAtShop>();
  for (const job of jobs) {
    for (const visit of openVisits(job)) {
      const id = visit.sent.tradeShopId;
      let group = groups.get(id);
      if (!group) {
        const name = shops.find((s) => s.tradeShopId === id)?.name ?? visit.sent.tradeShopName;
        group = { tradeShopId: id, name, pieces: [], insuredCents: 0, unvalued: 0, overdue: 0 };
        groups.set(id, group);
      }
      const overdue = isOverdue(visit, today);
      group.pieces.push({
        job,
        visit,
        daysOut: daysOut(visit, today) ?? 0,
        overdue,
        daysLate: daysLate(visit, today),
      });
      const cents = visit.sent.insuranceValueCents;
      if (cents === undefined) group.unvalued += 1;
      else group.insuredCents += cents;
      if (overdue) group.overdue += 1;
    }
  }
  const list = [...groups.values()];
  for (const g of list) g.pieces.sort(byUrgencyOut);
  return list.sort((a, b) => {
    if (a.overdue > 0 !== b.overdue > 0) return a.overdue > 0 ? -1 : 1;
    return a.name.localeCompare(b.name) || a.tradeShopId.localeCompare(b.tradeShopId);
  });
}
