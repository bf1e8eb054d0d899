// Hand-offs as the bench defends them: the shop's places, each custody move with the receiver's word
// on it, the work out at trade shops, where a piece was last, and what an end-of-day safe count finds.
import type { CustodyEntry, CustodyTarget, JobState } from './job';
import { compareStreamEvents } from './streamProjection';
import { openVisit } from './trade';
import { TRADE_PLACE_PREFIX, type ConfirmMethod } from '../protocol/handoffs';

/** The safe's place id: where every envelope goes at night (DOMAIN.md, "Take-in"). */
export const SAFE_PLACE_ID = 'safe';

/** The generic "sent out" place from before trade shops were named; still offered by "Hand to…". */
export const OUTSIDE_PLACE_ID = 'outside';

/**
 * The places a piece can be handed to. Ids are stored in custody events forever: never rename one.
 * (Labels travel in each event, so a renamed label changes no history, only new hand-offs.)
 */
export const SHOP_PLACES: readonly CustodyTarget[] = [
  { kind: 'place', id: SAFE_PLACE_ID, label: 'Safe' },
  { kind: 'place', id: 'bench_1', label: 'Bench 1' },
  { kind: 'place', id: 'bench_2', label: 'Bench 2' },
  { kind: 'place', id: 'bench_3', label: 'Bench 3' },
  { kind: 'place', id: 'casting_room', label: 'Casting room' },
  { kind: 'place', id: 'plating', label: 'Plating' },
  { kind: 'place', id: 'polishing', label: 'Polishing' },
  { kind: 'place', id: 'front_counter', label: 'Front counter' },
  // DOMAIN.md ("Hand-offs"): work sent out is where pieces get lost; the note says who took it.
  { kind: 'place', id: OUTSIDE_PLACE_ID, label: 'Outside setter/trade shop' },
];

/**
 * The places that get a badge. "Outside" gets none: work sent out is handed on with the trade
 * shop's own badge, whose send form records who took it, the expected return and the insurance.
 */
export const BADGE_PLACES: readonly CustodyTarget[] = SHOP_PLACES.filter(
  (p) => p.id !== OUTSIDE_PLACE_ID,
);

export const SAFE: CustodyTarget = SHOP_PLACES[0] as CustodyTarget;

/** A place of the shop by id, or undefined. */
export function shopPlace(id: string): CustodyTarget | undefined {
  return SHOP_PLACES.find((p) => p.id === id);
}

/** The custody place id of a trade shop (protocol/handoffs.ts): `trade:<its id>`. */
export function tradePlaceId(tradeShopId: string): string {
  return `${TRADE_PLACE_PREFIX}${tradeShopId}`;
}

/** The trade shop a custody target names, or null when it is a person or a place of the shop. */
export function tradeShopIdOf(to: CustodyTarget): string | null {
  return to.kind === 'place' && to.id.startsWith(TRADE_PLACE_PREFIX)
    ? to.id.slice(TRADE_PLACE_PREFIX.length)
    : null;
}

/** Whether two custody targets are the same person or place (labels may differ after a rename). */
export function sameTarget(a: CustodyTarget, b: CustodyTarget): boolean {
  return a.kind === b.kind && a.id === b.id;
}

/** A job still with the shop: neither collected by the customer nor voided. */
export function isOpenJob(job: JobState): boolean {
  return job.voided === null && job.status !== 'collected';
}

/**
 * Where a move stands:
 * - `confirmed`: the receiver signed for it (by is always the move's target person);
 * - `awaiting`: moved to a person who has not confirmed it (yet);
 * - `taken`: the person signed in moved it to themselves: the move is their own word;
 * - `place`: moved to a place (the safe, a bench, a trade shop), which signs for nothing.
 */
export type CustodyState =
  | { kind: 'confirmed'; by: string; method: ConfirmMethod; at: string; eventId: string }
  | { kind: 'awaiting'; receiverId: string }
  | { kind: 'taken' }
  | { kind: 'place' };

export interface TrailEntry {
  move: CustodyEntry;
  state: CustodyState;
  /** The last move: where the piece is now. */
  current: boolean;
}

function byStamp<T extends { at: string; eventId: string }>(list: readonly T[]): T[] {
  return list
    .slice()
    .sort((a, b) => compareStreamEvents({ at: a.at, id: a.eventId }, { at: b.at, id: b.eventId }));
}

/**
 * Every custody move in stamp order, with its state. Only a confirmation whose actor IS the move's
 * target person counts: someone else typing "confirmed" for Mia proves nothing. Of several, the
 * earliest stands (a second tablet may confirm the same move offline). A confirmation naming a
 * move this tablet has not got yet waits, unshown, until the move syncs in. The same lists in any
 * order give the same trail.
 */
export function custodyTrail(job: JobState): TrailEntry[] {
  const confirmations = byStamp(job.custodyConfirmations);
  const moves = byStamp(job.custody);
  return moves.map((move, i) => ({
    move,
    state: stateOf(move, confirmations),
    current: i === moves.length - 1,
  }));
}

function stateOf(
  move: CustodyEntry,
  confirmations: JobState['custodyConfirmations'],
): CustodyState {
  if (move.to.kind === 'place') return { kind: 'place' };
  const receiverId = move.to.id;
  const signed = confirmations.find((c) => c.moveEventId === move.eventId && c.by === receiverId);
  if (signed) {
    return {
      kind: 'confirmed',
      by: signed.by,
      method: signed.method,
      at: signed.at,
      eventId: signed.eventId,
    };
  }
  if (move.by === receiverId) return { kind: 'taken' };
  return { kind: 'awaiting', receiverId };
}

/** The moves to `staffId` that still await their confirmation, oldest first. */
export function awaitingFor(job: JobState, staffId: string): CustodyEntry[] {
  return custodyTrail(job)
    .filter((t) => t.state.kind === 'awaiting' && t.state.receiverId === staffId)
    .map((t) => t.move);
}

/** A piece whose last hand-off, to a person, awaits that person's confirmation. */
export interface AwaitingMove {
  job: JobState;
  move: CustodyEntry & { to: { kind: 'staff' } };
}

/** The job's last move when it is to a person who has not confirmed it, else null. */
export function currentAwaiting(job: JobState): AwaitingMove | null {
  const last = custodyTrail(job).at(-1);
  if (last?.state.kind !== 'awaiting' || last.move.to.kind !== 'staff') return null;
  return { job, move: last.move as AwaitingMove['move'] };
}

/** Where the piece is now, by the custody trail: the last move's target, or null before any. */
export function holderOf(job: JobState): CustodyTarget | null {
  return byStamp(job.custody).at(-1)?.to ?? null;
}

const WHERE_MAX = 80;

/** A person's name by the staff list now, or undefined for an id the list lacks (not synced yet). */
export type NameOf = (staffId: string) => string | undefined;

/**
 * Where a piece was last, in words for the safe count: "Out at Kovac Setting", "Mia Berg", "Bench 2",
 * or who took it in when it was never handed on. A person is named as the staff list has them now,
 * else as the move recorded them.
 */
export function lastWhere(job: JobState, nameOf: NameOf): string {
  const out = openVisit(job)?.sent;
  const holder = holderOf(job);
  let where: string;
  if (out !== undefined) where = `Out at ${out.tradeShopName}`;
  else if (holder !== null) {
    where = holder.kind === 'staff' ? (nameOf(holder.id) ?? holder.label) : holder.label;
  } else {
    const intake = nameOf(job.opened.by);
    where = intake === undefined ? 'Not handed on since intake' : `${intake} (took it in)`;
  }
  return where.length > WHERE_MAX ? `${where.slice(0, WHERE_MAX - 1)}…` : where;
}

export interface MissingFromSafe {
  jobId: string;
  envelopeNumber: string;
  lastWhere: string;
}

export interface OutAtTradeShop {
  jobId: string;
  envelopeNumber: string;
  tradeShopName: string;
  sentDate: string;
  expectedBack: string;
}

export interface SafeCountOutcome {
  /** Open jobs whose envelope was not scanned and that are not out at a trade shop. */
  missing: MissingFromSafe[];
  /** Open jobs out at a trade shop and not scanned: known to be away, so listed apart. */
  outAtTrade: OutAtTradeShop[];
}

function byEnvelope(a: { envelopeNumber: string }, b: { envelopeNumber: string }): number {
  return a.envelopeNumber.localeCompare(b.envelopeNumber, undefined, { numeric: true });
}

/**
 * What a safe count found: every open job not scanned, with where it was last. A job out at a trade
 * shop (an open trade.sent) is not missing — it is where the shop sent it, with a date it is due
 * back — so it is listed apart, and kept out of `missing`: the count's alarm is for pieces nobody
 * can account for. Jobs that are not open (collected, voided) are never counted.
 */
export function safeCountOutcome(
  jobs: readonly JobState[],
  scanned: Iterable<string>,
  nameOf: NameOf,
): SafeCountOutcome {
  const seen = new Set(scanned);
  const missing: MissingFromSafe[] = [];
  const outAtTrade: OutAtTradeShop[] = [];
  for (const job of jobs) {
    if (!isOpenJob(job) || seen.has(job.id)) continue;
    const out = openVisit(job)?.sent;
    if (out !== undefined) {
      outAtTrade.push({
        jobId: job.id,
        envelopeNumber: job.envelopeNumber,
        tradeShopName: out.tradeShopName,
        sentDate: out.sentDate,
        expectedBack: out.expectedBack,
      });
    } else {
      missing.push({
        jobId: job.id,
        envelopeNumber: job.envelopeNumber,
        lastWhere: lastWhere(job, nameOf),
      });
    }
  }
  return { missing: missing.sort(byEnvelope), outAtTrade: outAtTrade.sort(byEnvelope) };
}
