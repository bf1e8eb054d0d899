// What each ledger event moves: its legs, an amount of an alloy into or out of an account. The fold
// sums legs, the movement list and the accountant's CSV describe them: one reading of every event.
import { EVENT_DATA_SCHEMAS, type EventData } from '../../protocol/events';
import { CORRECTABLE_TYPES } from '../../protocol/ledger';
import type { AlloyId } from '../metals';
import {
  holderAccount,
  JOBS,
  LOSS,
  placeAccount,
  potAccount,
  RECOVERED,
  STOCK,
  SUPPLIERS,
  type Account,
} from './accounts';

/** Milligrams of an alloy into (+) or out of (−) an account. Integers, so sums are exact. */
export interface Leg {
  account: Account;
  alloyId: AlloyId;
  mg: number;
}

/** Grams as exact milligrams: the ledger adds integers, so every order of events sums alike. */
export function toMg(grams: number): number {
  return Math.round(grams * 1000);
}

export function fromMg(mg: number): number {
  return mg / 1000;
}

export type CorrectableType = (typeof CORRECTABLE_TYPES)[number];

export type Movement = { [T in CorrectableType]: { type: T; data: EventData<T> } }[CorrectableType];

function move(from: Account, to: Account, alloyId: AlloyId, grams: number): Leg[] {
  const mg = toMg(grams);
  return [
    { account: from, alloyId, mg: -mg },
    { account: to, alloyId, mg },
  ];
}

/** The legs of a movement; each movement takes from one account what it gives another. */
export function movementLegs(m: Movement): Leg[] {
  switch (m.type) {
    case 'metal.received':
      return move(SUPPLIERS, STOCK, m.data.alloyId, m.data.grams);
    case 'metal.issued':
      return move(STOCK, holderAccount(m.data.to), m.data.alloyId, m.data.grams);
    case 'metal.returned':
      return move(holderAccount(m.data.from), STOCK, m.data.alloyId, m.data.grams);
    case 'metal.used':
      return move(holderAccount(m.data.from), JOBS, m.data.alloyId, m.data.grams);
    case 'metal.weighed_in': {
      // What the place lacks against its book went to loss; what it has over came back from it.
      const shortMg = toMg(m.data.bookG) - toMg(m.data.weighedG);
      if (shortMg === 0) return [];
      return [
        { account: placeAccount(m.data.place), alloyId: m.data.alloyId, mg: -shortMg },
        { account: LOSS, alloyId: m.data.alloyId, mg: shortMg },
      ];
    }
    case 'scrap.deposited': {
      // A holder's scrap came out of what they hold; a job's offcut out of the customer's piece;
      // the shop's sweeps from metal no one holder had.
      const from = m.data.from
        ? holderAccount(m.data.from)
        : m.data.jobId !== undefined
          ? JOBS
          : RECOVERED;
      return move(from, potAccount(m.data.potId), m.data.alloyId, m.data.grams);
    }
  }
}

/** The legs that undo a movement: what a correction does, so both stay in the history. */
export function reversed(legs: readonly Leg[]): Leg[] {
  return legs.map((l) => ({ ...l, mg: -l.mg }));
}

/** The legs of sealing a lot: each pot gives what the lot took from it (the lot keeps the list). */
export function sealLegs(data: EventData<'lot.sealed'>): Leg[] {
  return data.contents.map((c) => ({
    account: potAccount(c.potId),
    alloyId: c.alloyId,
    mg: -toMg(c.grams),
  }));
}

/** The movement a correction carries, read with its type's schema; null when it does not read. */
export function correctedMovement(data: EventData<'metal.corrected'>): Movement | null {
  const { type } = data.original;
  if (!(CORRECTABLE_TYPES as readonly string[]).includes(type)) return null;
  const parsed = EVENT_DATA_SCHEMAS[type].safeParse(data.original.data);
  return parsed.success ? ({ type, data: parsed.data } as Movement) : null;
}
