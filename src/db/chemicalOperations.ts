// Named operations of the rhodium bath log and the chemical waste log. Each checks its rules against
// what is stored, inside the transaction that records its events, so a refused one stores nothing.
// Platings are recorded with the rhodium plate step, by setStep (jobOperations.ts).
import { checkBathInUse, checkMadeDate, checkWasteCorrection } from '../domain/chemicals/checks';
import { emptyWaste } from '../domain/chemicals/wasteState';
import { isMade } from '../domain/chemicals/bathUse';
import { localDay } from '../domain/dates';
import { newUlid } from '../domain/ids';
import type { Verdict } from '../domain/workflow';
import type { EventData, LoupeEvent } from '../protocol/events';
import { WASTE_STREAM_ID } from '../protocol/streams';
import { BenchInputError, recordEvents, type EventDraft } from './jobOperations';
import type { LoupeDB } from './LoupeDB';
import { storingTables } from './streams';

function refuse(message: string): never {
  throw new BenchInputError(message);
}

function demand(verdict: Verdict): void {
  if (!verdict.ok) refuse(verdict.message);
}

/** Today on this tablet's clock (the one its stamps start from: tests give it a fixed one). */
function todayOn(db: LoupeDB): string {
  return localDay(new Date(db.wallClock()));
}

/** Optional text left out when blank, so an event never carries an empty note. */
function trimmed<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  const t = value?.trim();
  return t ? ({ [key]: t } as Record<K, string>) : {};
}

/** Checks and records in one 'rw' transaction: no pulled page lands between the check and the write. */
function recordChecked(
  db: LoupeDB,
  actor: string,
  decide: () => Promise<EventDraft[]>,
): Promise<LoupeEvent[]> {
  return db.transaction('rw', [db.meta, ...storingTables(db)], async () =>
    recordEvents(db, await decide(), actor),
  );
}

// ---- Rhodium baths ----

export type MakeBathInput = EventData<'bath.made'>;

/**
 * A new bath in the log, with its own stream; returns its id. Two tablets making a bath of the same
 * name offline get two baths: either can be retired. Made on one tablet, it has one bath.made.
 */
export async function makeBath(db: LoupeDB, input: MakeBathInput, actor: string): Promise<string> {
  const bathId = newUlid();
  await recordChecked(db, actor, async () => {
    demand(checkMadeDate(input.madeDate, todayOn(db)));
    const name = input.name.trim();
    const baths = await db.baths.toArray();
    const clash = baths.find(
      (b) =>
        isMade(b) && b.retired === null && b.made.name.trim().toLowerCase() === name.toLowerCase(),
    );
    if (clash && name !== '') {
      refuse(`${clash.made?.name ?? name} is already in use: give the new bath another name.`);
    }
    if (input.equipmentId !== undefined) {
      const machine = await db.equipment.get(input.equipmentId);
      if (!machine?.fields) refuse('This tablet has no such rectifier or tank in the registry.');
    }
    return [
      {
        jobId: bathId,
        type: 'bath.made',
        data: {
          name,
          madeDate: input.madeDate,
          rhodiumG: input.rhodiumG,
          volumeMl: input.volumeMl,
          ...(input.equipmentId === undefined ? {} : { equipmentId: input.equipmentId }),
          ...trimmed('note', input.note),
        },
      },
    ];
  });
  return bathId;
}

export type ReplenishInput = EventData<'bath.replenished'> & { bathId: string };

/** Rhodium (and perhaps solution) added to a bath in use. */
export function replenishBath(
  db: LoupeDB,
  input: ReplenishInput,
  actor: string,
): Promise<LoupeEvent[]> {
  return recordChecked(db, actor, async () => {
    demand(checkBathInUse(await db.baths.get(input.bathId), input.bathId));
    return [
      {
        jobId: input.bathId,
        type: 'bath.replenished',
        data: {
          rhodiumG: input.rhodiumG,
          ...(input.volumeMl === undefined ? {} : { volumeMl: input.volumeMl }),
          ...trimmed('note', input.note),
        },
      },
    ];
  });
}

export interface RetireInput {
  bathId: string;
  reason: string;
}

/**
 * A bath taken out of use, with the reason (spent, contaminated, dumped): it stays in the log with
 * everything it plated. A tablet offline that records a plating in it after is kept (bathState.ts).
 */
export function retireBath(db: LoupeDB, input: RetireInput, actor: string): Promise<LoupeEvent[]> {
  return recordChecked(db, actor, async () => {
    demand(checkBathInUse(await db.baths.get(input.bathId), input.bathId));
    const reason = input.reason.trim();
    if (reason === '') refuse('Say why the bath is retired: spent, contaminated, dumped…');
    return [{ jobId: input.bathId, type: 'bath.retired', data: { reason } }];
  });
}

// ---- Chemical waste ----

export type LogWasteInput = Omit<EventData<'waste.logged'>, 'entryId'>;

/** One entry in the waste log: what, how much, where it went; who is the actor. Returns its id. */
export async function logWaste(db: LoupeDB, input: LogWasteInput, actor: string): Promise<string> {
  const entryId = newUlid();
  const what = input.what.trim();
  const where = input.where.trim();
  if (what === '') refuse('Say what the waste is: spent rhodium solution, old pickle…');
  if (where === '') refuse('Say where it went: the waste drum, the collector…');
  await recordChecked(db, actor, () =>
    Promise.resolve([
      {
        jobId: WASTE_STREAM_ID,
        type: 'waste.logged',
        data: {
          entryId,
          what,
          amount: input.amount,
          unit: input.unit,
          where,
          ...trimmed('note', input.note),
        },
      },
    ]),
  );
  return entryId;
}

export interface CorrectWasteInput {
  entryId: string;
  reason: string;
}

/**
 * Marks a waste entry wrong, with what was wrong: it stays in the log, struck through. Two tablets
 * marking it offline both keep their reason; the first by stamp is the one shown.
 */
export function correctWaste(
  db: LoupeDB,
  input: CorrectWasteInput,
  actor: string,
): Promise<LoupeEvent[]> {
  return recordChecked(db, actor, async () => {
    const log = (await db.waste.get(WASTE_STREAM_ID)) ?? emptyWaste();
    demand(checkWasteCorrection(log, input.entryId));
    const reason = input.reason.trim();
    if (reason === '') refuse('Say what was wrong with the entry.');
    return [
      { jobId: WASTE_STREAM_ID, type: 'waste.corrected', data: { entryId: input.entryId, reason } },
    ];
  });
}
