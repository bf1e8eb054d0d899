// The rules a bath or a waste entry is checked by before it is recorded, said in the workshop's words.
import { dayNumber, dayText } from '../dates';
import type { Verdict } from '../workflow';
import type { BathState } from './bathState';
import { findEntry } from './wasteLog';
import type { WasteState } from './wasteState';

const no = (message: string): Verdict => ({ ok: false, message });
const yes: Verdict = { ok: true };

/** The day a bath was made up: a real day, not after today. */
export function checkMadeDate(madeDate: string, today: string): Verdict {
  if (dayNumber(madeDate) === null) return no('Enter the day the bath was made, like 2026-12-24.');
  if (madeDate > today) {
    return no(`${dayText(madeDate)} is after today: enter the day the bath was made up.`);
  }
  return yes;
}

/** The bath's name, for what a refusal says: "Bath 3", or its id while it is not known. */
function bathName(bath: BathState | undefined, bathId: string): string {
  return bath?.made?.name ?? `bath ${bathId}`;
}

/**
 * Whether something more may be recorded in this bath (a plating, a replenishment, a retirement):
 * it must be on this tablet, made, and not retired.
 */
export function checkBathInUse(bath: BathState | undefined, bathId: string): Verdict {
  if (!bath?.made) return no(`This tablet has no ${bathName(bath, bathId)} in the bath log.`);
  if (bath.retired) {
    return no(
      `${bathName(bath, bathId)} was retired (${bath.retired.reason}): choose another bath, or make a new one.`,
    );
  }
  return yes;
}

/** Whether a waste entry may be marked wrong: it is in the log and not marked wrong already. */
export function checkWasteCorrection(state: WasteState, entryId: string): Verdict {
  const line = findEntry(state, entryId);
  if (!line) return no('This tablet has no such entry in the waste log.');
  if (line.correction) return no('This entry is already marked wrong.');
  return yes;
}
