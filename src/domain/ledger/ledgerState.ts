// The metal ledger's stream folded into one row: every account's balance per alloy, the refining lots
// and the corrections. Sums of exact milligrams and records kept by stamp: any arrival order folds alike.
import { isRealStamp } from '../clock';
import type { Attribution } from '../job';
import type { AlloyId } from '../metals';
import {
  compareStreamEvents,
  withSkipped,
  type StreamHead,
  type StreamProjection,
} from '../streamProjection';
import {
  readStoredEvent,
  type EventData,
  type LoupeEvent,
  type StoredEvent,
} from '../../protocol/events';
import { LEDGER_STREAM_ID } from '../../protocol/streams';
import type { Account } from './accounts';
import { correctedMovement, movementLegs, reversed, sealLegs, type Leg } from './legs';

/** One of a lot's steps as recorded: its data and who recorded it when. */
export type LotStep<T> = T & Attribution;

export interface LotState {
  lotId: string;
  sealed: LotStep<EventData<'lot.sealed'>> | null;
  sent: LotStep<EventData<'lot.sent'>> | null;
  settled: LotStep<EventData<'lot.settled'>> | null;
}

export interface LedgerState extends StreamHead {
  id: typeof LEDGER_STREAM_ID;
  /** Milligrams of each alloy in each account; an account at 0 of everything is left out. */
  balancesMg: Record<Account, Partial<Record<AlloyId, number>>>;
  lots: Record<string, LotState>;
  /** Movements reversed by a correction: the movement's id → the correction's. */
  corrected: Record<string, string>;
}

export function emptyLedger(): LedgerState {
  return {
    id: LEDGER_STREAM_ID,
    lastAt: '',
    lastEventId: '',
    eventCount: 0,
    skipped: { count: 0, types: [] },
    balancesMg: {},
    lots: {},
    corrected: {},
  };
}

/** All of the ledger's events → the ledger. Never null (it needs no opening event); never throws. */
export function foldLedger(events: readonly StoredEvent[]): LedgerState {
  return applyToLedger(emptyLedger(), events);
}

/**
 * Folds events into the ledger in whatever order they come: balances are sums, a lot keeps each
 * step's latest record by stamp, and a movement is reversed once however many corrections name it.
 * So the engine never folds the ledger again from the start because two tablets' events interleave.
 * Each event is folded once: the database hands in only events it had not stored before.
 */
export function applyToLedger(ledger: LedgerState, events: readonly StoredEvent[]): LedgerState {
  const seen = new Set<string>();
  let next: LedgerState = {
    ...ledger,
    balancesMg: { ...ledger.balancesMg },
    lots: { ...ledger.lots },
    corrected: { ...ledger.corrected },
  };
  for (const e of events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    next = applyOne(next, e);
  }
  return next;
}

export const LEDGER_PROJECTION: StreamProjection<LedgerState> = {
  kind: 'ledger',
  fold: foldLedger,
  extend: applyToLedger,
  orderFree: true,
};

/** Mutates `ledger`'s own copies (made in applyToLedger), never the row it was given. */
function applyOne(ledger: LedgerState, stored: StoredEvent): LedgerState {
  const counted = { ...ledger, eventCount: ledger.eventCount + 1 };
  if (!isRealStamp(stored.at)) return withSkipped(counted, stored.type);
  const head =
    ledger.lastAt === '' ||
    compareStreamEvents(stored, { at: ledger.lastAt, id: ledger.lastEventId }) > 0
      ? { ...counted, lastAt: stored.at, lastEventId: stored.id }
      : counted;
  try {
    const read = readStoredEvent(stored);
    if (!read.known || !applyKnown(head, read.event)) return withSkipped(head, stored.type);
    return head;
  } catch {
    // Data that slipped past the schemas in a shape the fold did not expect: kept, not folded.
    return withSkipped(head, stored.type);
  }
}

/** One known event's effect on `ledger` (its own copies); false when it is not the ledger's. */
function applyKnown(ledger: LedgerState, e: LoupeEvent): boolean {
  const who: Attribution = { by: e.actor, at: e.at, eventId: e.id };
  switch (e.type) {
    case 'metal.received':
    case 'metal.issued':
    case 'metal.returned':
    case 'metal.used':
    case 'metal.weighed_in':
    case 'scrap.deposited':
      addLegs(
        ledger,
        movementLegs({ type: e.type, data: e.data } as Parameters<typeof movementLegs>[0]),
      );
      return true;
    case 'metal.corrected': {
      const original = correctedMovement(e.data);
      if (!original) return false;
      const earlier = ledger.corrected[e.data.eventId];
      // Two tablets may correct the same movement offline: it is undone once, and every tablet names
      // the same correction (the smaller id) whichever arrived first.
      if (earlier === undefined) addLegs(ledger, reversed(movementLegs(original)));
      if (earlier === undefined || e.id < earlier) ledger.corrected[e.data.eventId] = e.id;
      return true;
    }
    case 'lot.sealed': {
      const lot = lotOf(ledger, e.data.lotId);
      // Sealing is once per lot (the operation refuses a second); each seal's pots gave what it took.
      addLegs(ledger, sealLegs(e.data));
      ledger.lots[e.data.lotId] = { ...lot, sealed: later(lot.sealed, { ...e.data, ...who }) };
      return true;
    }
    case 'lot.sent': {
      const lot = lotOf(ledger, e.data.lotId);
      ledger.lots[e.data.lotId] = { ...lot, sent: later(lot.sent, { ...e.data, ...who }) };
      return true;
    }
    case 'lot.settled': {
      const lot = lotOf(ledger, e.data.lotId);
      ledger.lots[e.data.lotId] = { ...lot, settled: later(lot.settled, { ...e.data, ...who }) };
      return true;
    }
    default:
      // A job's, a tree's or the shop's event never belongs to the ledger: kept, skipped.
      return false;
  }
}

function lotOf(ledger: LedgerState, lotId: string): LotState {
  return ledger.lots[lotId] ?? { lotId, sealed: null, sent: null, settled: null };
}

/** The record of the two with the later stamp (ties by event id): last writer wins, in any order. */
function later<T extends Attribution>(current: T | null, candidate: T): T {
  if (!current) return candidate;
  const order = compareStreamEvents(
    { at: candidate.at, id: candidate.eventId },
    { at: current.at, id: current.eventId },
  );
  return order > 0 ? candidate : current;
}

function addLegs(ledger: LedgerState, legs: readonly Leg[]): void {
  for (const leg of legs) {
    if (leg.mg === 0) continue;
    const { [leg.alloyId]: held = 0, ...others } = ledger.balancesMg[leg.account] ?? {};
    const mg = held + leg.mg;
    // An alloy at 0 mg, and an account at 0 of everything, are left out: the row stays small.
    const account = mg === 0 ? others : { ...others, [leg.alloyId]: mg };
    const { [leg.account]: _was, ...accounts } = ledger.balancesMg;
    ledger.balancesMg =
      Object.keys(account).length === 0 ? accounts : { ...accounts, [leg.account]: account };
  }
}
