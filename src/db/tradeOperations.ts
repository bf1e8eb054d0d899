// Named operations of work sent out: the shop's trade shops, a piece sent to one and brought back.
// Each checks its rules against what is stored, inside the transaction that records its events, so a
// refused send or return stores nothing.
import { localDay } from '../domain/dates';
import { newUlid } from '../domain/ids';
import type { JobState } from '../domain/job';
import type { ShopState } from '../domain/shopState';
import {
  checkReturnDate,
  checkSendDates,
  defaultInsuranceCents,
  openVisit,
  tradeVisits,
} from '../domain/trade';
import type { Verdict } from '../domain/workflow';
import { SHOP_JOB_ID, type LoupeEvent } from '../protocol/events';
import { TRADE_PLACE_PREFIX, type TradeShopData } from '../protocol/handoffs';
import { BenchInputError, recordEvents, type EventDraft } from './jobOperations';
import type { LoupeDB } from './LoupeDB';
import { getShop } from './staff';
import { storingTables } from './streams';

function refuse(message: string): never {
  throw new BenchInputError(message);
}

function demand(verdict: Verdict): void {
  if (!verdict.ok) refuse(verdict.message);
}

/** Every table these operations read or write: recordEvents' transaction nests in it. */
function tradeTables(db: LoupeDB) {
  return [db.meta, ...storingTables(db)];
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

/**
 * Reads the job and the shop and records what `decide` makes of them, in one 'rw' transaction: no
 * pulled page or other window lands between the check and the write.
 */
function recordOnJob(
  db: LoupeDB,
  jobId: string,
  actor: string,
  decide: (job: JobState, shop: ShopState) => EventDraft[],
): Promise<LoupeEvent[]> {
  return db.transaction('rw', tradeTables(db), async () => {
    const job = await db.jobs.get(jobId);
    if (!job) refuse(`This tablet has no job ${jobId}.`);
    const drafts = decide(job, await getShop(db));
    return recordEvents(db, drafts, actor);
  });
}

// ---- The registry ----

export type TradeShopInput = Omit<TradeShopData, 'tradeShopId'> & {
  /** Absent for a new trade shop: it is given an id here. */
  tradeShopId?: string;
};

/**
 * Adds a trade shop or outside setter, or changes one (rename, retire, bring back): last writer
 * wins per shop. Two tablets adding the same name offline get two entries; either can be retired.
 * Returns the trade shop's id.
 */
export async function setTradeShop(
  db: LoupeDB,
  input: TradeShopInput,
  actor: string,
): Promise<string> {
  return db.transaction('rw', tradeTables(db), async () => {
    const shops = (await getShop(db)).tradeShops;
    const tradeShopId = input.tradeShopId ?? newUlid();
    if (input.tradeShopId !== undefined && !shops.some((s) => s.tradeShopId === tradeShopId)) {
      refuse('This tablet has no such trade shop: add it instead.');
    }
    const name = input.name.trim();
    const clash = shops.find(
      (s) => s.tradeShopId !== tradeShopId && s.name.trim().toLowerCase() === name.toLowerCase(),
    );
    if (clash && name !== '') {
      refuse(
        `${clash.name} is already on the list${clash.active ? '' : ' (retired: bring it back)'}.`,
      );
    }
    const data: TradeShopData = {
      tradeShopId,
      name,
      kind: input.kind,
      ...trimmed('phone', input.phone),
      active: input.active,
    };
    await recordEvents(db, [{ jobId: SHOP_JOB_ID, type: 'trade.shop_set', data }], actor);
    return tradeShopId;
  });
}

// ---- Sending and bringing back ----

export interface SendInput {
  jobId: string;
  tradeShopId: string;
  /** What the trade shop is asked to do: "set the centre stone", "engrave inside the band". */
  work: string;
  /** Who physically took the piece: the setter, a courier. */
  takenBy: string;
  sentDate: string;
  expectedBack: string;
  /** Absent: the job's insurance value (else its stated value) goes with it. */
  insuranceValueCents?: number;
  note?: string;
}

/**
 * Sends the piece out: the trip (trade.sent) and the custody move to the trade shop's place are
 * recorded together or not at all, so the custody trail and the "Out at trade shops" list agree.
 * Two tablets offline may each send the same piece: both trips are kept and both stay open until
 * recorded back (domain/trade.ts openVisits).
 */
export function sendToTradeShop(
  db: LoupeDB,
  input: SendInput,
  actor: string,
): Promise<LoupeEvent[]> {
  return recordOnJob(db, input.jobId, actor, (job, shop) => {
    if (job.voided) refuse('This job was voided: nothing more goes out on it.');
    if (job.status === 'collected') {
      refuse('This job was collected: the piece went home with the customer.');
    }
    const out = openVisit(job);
    if (out) {
      refuse(
        `This piece is already out at ${out.sent.tradeShopName}: record it back before sending it again.`,
      );
    }
    const tradeShop = shop.tradeShops.find((s) => s.tradeShopId === input.tradeShopId);
    if (!tradeShop) refuse('Choose a trade shop from the list (Settings → Trade shops).');
    if (!tradeShop.active) {
      refuse(`${tradeShop.name} is retired: bring it back in Settings to send work there.`);
    }
    demand(checkSendDates(input.sentDate, input.expectedBack, todayOn(db)));
    const takenBy = input.takenBy.trim();
    const work = input.work.trim();
    const insurance = input.insuranceValueCents ?? defaultInsuranceCents(job);
    return [
      {
        jobId: job.id,
        type: 'trade.sent',
        data: {
          tradeShopId: tradeShop.tradeShopId,
          tradeShopName: tradeShop.name,
          work,
          takenBy,
          sentDate: input.sentDate,
          expectedBack: input.expectedBack,
          ...(insurance === null ? {} : { insuranceValueCents: insurance }),
          ...trimmed('note', input.note),
        },
      },
      {
        jobId: job.id,
        type: 'custody.moved',
        data: {
          to: {
            kind: 'place',
            id: `${TRADE_PLACE_PREFIX}${tradeShop.tradeShopId}`,
            label: tradeShop.name,
          },
          ...(takenBy === '' ? {} : { note: `Taken by ${takenBy}` }),
        },
      },
    ];
  });
}

export interface ReturnInput {
  jobId: string;
  /** The trade.sent this return closes. */
  sentEventId: string;
  returnedDate: string;
  /** The condition it came back in, said in words: "stone set, prongs even, no marks". */
  condition: string;
  /** Weighed on return, as a check weighing of the job's metal. */
  weightG?: number;
  note?: string;
}

/**
 * Brings the piece back: the return, the custody move to the person receiving it (the actor) and,
 * when weighed, a check weighing, together or not at all. A return works on a collected or voided
 * job too: the piece is a fact, and where it is must stay true.
 */
export function returnFromTradeShop(
  db: LoupeDB,
  input: ReturnInput,
  actor: string,
): Promise<LoupeEvent[]> {
  return recordOnJob(db, input.jobId, actor, (job, shop) => {
    const visit = tradeVisits(job).find((v) => v.sentEventId === input.sentEventId);
    if (!visit?.sent) refuse('This tablet has no such trip out on this job.');
    if (visit.returned) {
      refuse(`This piece was already recorded back from ${visit.sent.tradeShopName}.`);
    }
    const receiver = shop.staff.find((s) => s.id === actor);
    if (!receiver) refuse('Sign in first: the person receiving the piece signs for it.');
    demand(checkReturnDate(visit.sent, input.returnedDate, todayOn(db)));
    const name = visit.sent.tradeShopName;
    const drafts: EventDraft[] = [
      {
        jobId: job.id,
        type: 'trade.returned',
        data: {
          sentEventId: visit.sentEventId,
          returnedDate: input.returnedDate,
          condition: input.condition.trim(),
          ...(input.weightG === undefined ? {} : { weightG: input.weightG }),
          ...trimmed('note', input.note),
        },
      },
      {
        jobId: job.id,
        type: 'custody.moved',
        data: {
          to: { kind: 'staff', id: receiver.id, label: receiver.name },
          note: `Back from ${name}`,
        },
      },
    ];
    if (input.weightG !== undefined) {
      drafts.push({
        jobId: job.id,
        type: 'weight.logged',
        data: { kind: 'check', grams: input.weightG, note: `Weighed back from ${name}` },
      });
    }
    return drafts;
  });
}
