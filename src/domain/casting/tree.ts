// A casting tree's projection: a pure fold of its stream's events, the same in any arrival order.
import { isRealStamp, stampMs } from '../clock';
import type { Attribution } from '../job';
import type { AlloyId } from '../metals';
import {
  compareStreamEvents,
  inStreamOrder,
  sortsAfter,
  withSkipped,
  type StreamHead,
  type StreamProjection,
} from '../streamProjection';
import type { TreeStepId } from '../../protocol/casting';
import {
  readStoredEvent,
  type EventData,
  type LoupeEvent,
  type StoredEvent,
} from '../../protocol/events';

/** Where a tree is in the casting room's day; derived from what has been recorded. */
export type TreeStage = 'building' | 'invested' | 'kiln' | 'cast' | 'done';

export interface TreeJob {
  jobId: string;
  envelopeNumber: string;
  serviceId?: string;
  added: Attribution;
  /** Taken off the tree (broken wax, wrong alloy): kept, shown struck through. */
  removed: (Attribution & { reason: string }) | null;
}

export type Attributed<T> = T & Attribution;

export type BurnoutRecord =
  | Attributed<{ kind: 'started' } & EventData<'tree.burnout_started'>>
  | Attributed<{ kind: 'paused' } & EventData<'tree.burnout_paused'>>
  | Attributed<{ kind: 'resumed' } & EventData<'tree.burnout_resumed'>>
  | Attributed<{ kind: 'changed' } & EventData<'tree.burnout_changed'>>;

export interface TreeState extends StreamHead {
  alloyId: AlloyId;
  note?: string;
  started: Attribution;
  /** The wall-clock ms the tree was started (its stamp's), for "today" lists. */
  startedMs: number;
  jobs: TreeJob[];
  /** Jobs on the tree now (not removed): indexed, so a job page finds its tree. */
  jobIds: string[];
  /** Last-writer-wins per step. */
  steps: Partial<Record<TreeStepId, Attributed<{ done: boolean }>>>;
  /** The latest weighing (a re-weigh corrects it); every weighing stays in the history. */
  weighed: Attributed<EventData<'tree.weighed'>> | null;
  metalIssued: Attributed<EventData<'tree.metal_issued'>>[];
  invested: Attributed<EventData<'tree.invested'>> | null;
  /** The flask tag it is in (upper case), indexed: scanning a flask tag opens its tree. */
  flaskKeys: string[];
  /** Every burnout record, in stamp order; the run is computed from their wall-clock times. */
  burnout: BurnoutRecord[];
  cast: Attributed<EventData<'tree.cast'>> | null;
  weighedOut: Attributed<EventData<'tree.weighed_out'>> | null;
  notes: Attributed<EventData<'tree.note_added'>>[];
  stage: TreeStage;
}

function attribution(e: { actor: string; at: string; id: string }): Attribution {
  return { by: e.actor, at: e.at, eventId: e.id };
}

function startTree(e: Extract<LoupeEvent, { type: 'tree.started' }>): TreeState {
  return {
    id: e.jobId,
    alloyId: e.data.alloyId,
    ...(e.data.note ? { note: e.data.note } : {}),
    started: attribution(e),
    startedMs: stampMs(e.at) ?? 0,
    jobs: [],
    jobIds: [],
    steps: {},
    weighed: null,
    metalIssued: [],
    invested: null,
    flaskKeys: [],
    burnout: [],
    cast: null,
    weighedOut: null,
    notes: [],
    stage: 'building',
    lastAt: e.at,
    lastEventId: e.id,
    eventCount: 1,
    skipped: { count: 0, types: [] },
  };
}

/** The tree.started a fold can start from, or null. */
function opening(stored: StoredEvent): TreeState | null {
  if (stored.type !== 'tree.started' || !isRealStamp(stored.at)) return null;
  const read = readStoredEvent(stored);
  return read.known && read.event.type === 'tree.started' ? startTree(read.event) : null;
}

/**
 * Folds all of one tree's events, or null while no tree.started has arrived (its other events are
 * kept and folded once it does). Never throws because of an event: one that cannot be folded is
 * counted in `skipped`. As for jobs, an event a broken clock stamped before the start still counts
 * for the lists (metal issued, burnout records, notes); single values set that early lose to later ones.
 */
export function foldTree(events: readonly StoredEvent[]): TreeState | null {
  const ordered = inStreamOrder(events);
  const at = ordered.findIndex((e) => opening(e) !== null);
  if (at < 0) return null;
  let tree = opening(ordered[at] as StoredEvent) as TreeState;
  for (const early of ordered.slice(0, at)) tree = applyOne(tree, early, true);
  for (const later of ordered.slice(at + 1)) tree = applyOne(tree, later, false);
  return finish(tree);
}

/** Events that all sort after the tree's last one: the same as folding every event again. */
export function applyToTree(tree: TreeState, events: readonly StoredEvent[]): TreeState {
  let next = tree;
  for (const e of inStreamOrder(events)) {
    if (!sortsAfter(next, e)) {
      throw new Error(`Event ${e.id} sorts before tree ${tree.id}'s last event: fold it in full.`);
    }
    next = applyOne(next, e, false);
  }
  return finish(next);
}

export const TREE_PROJECTION: StreamProjection<TreeState> = {
  kind: 'tree',
  fold: foldTree,
  extend: applyToTree,
};

function applyOne(tree: TreeState, stored: StoredEvent, early: boolean): TreeState {
  const counted = { ...tree, eventCount: tree.eventCount + 1 };
  if (!isRealStamp(stored.at)) return withSkipped(counted, stored.type);
  const base = early ? counted : { ...counted, lastAt: stored.at, lastEventId: stored.id };
  try {
    const read = readStoredEvent(stored);
    if (!read.known) return withSkipped(base, stored.type);
    return (
      applyKnown(base, read.event, attribution(read.event), early) ?? withSkipped(base, stored.type)
    );
  } catch {
    return withSkipped(base, stored.type);
  }
}

/** One known event's effect on a tree; null when it does not apply (another stream's type). */
function applyKnown(
  tree: TreeState,
  e: LoupeEvent,
  who: Attribution,
  early: boolean,
): TreeState | null {
  // Single values are last-writer-wins in stamp order: an early one (broken clock) never wins.
  const single = <T>(current: T, next: T): T => (early ? current : next);
  switch (e.type) {
    case 'tree.started':
      // A second start of the same tree changes nothing: the first one stands.
      return tree;
    case 'tree.job_added': {
      const index = tree.jobs.findIndex((j) => j.jobId === e.data.jobId);
      const entry: TreeJob = {
        jobId: e.data.jobId,
        envelopeNumber: e.data.envelopeNumber,
        ...(e.data.serviceId ? { serviceId: e.data.serviceId } : {}),
        added: who,
        removed: null,
      };
      const jobs = tree.jobs.slice();
      // Added again after a removal: it is back on the tree (the latest word wins).
      if (index < 0) jobs.push(entry);
      else
        jobs[index] = single(jobs[index] as TreeJob, {
          ...entry,
          added: (jobs[index] as TreeJob).added,
        });
      return { ...tree, jobs };
    }
    case 'tree.job_removed': {
      const index = tree.jobs.findIndex((j) => j.jobId === e.data.jobId);
      if (index < 0) return null;
      const jobs = tree.jobs.slice();
      const job = jobs[index] as TreeJob;
      jobs[index] = single(job, { ...job, removed: { ...who, reason: e.data.reason } });
      return { ...tree, jobs };
    }
    case 'tree.step_set':
      return {
        ...tree,
        steps: single(tree.steps, {
          ...tree.steps,
          [e.data.stepId]: { ...who, done: e.data.done },
        }),
      };
    case 'tree.weighed':
      return { ...tree, weighed: single(tree.weighed, { ...who, ...e.data }) };
    case 'tree.metal_issued':
      return { ...tree, metalIssued: [...tree.metalIssued, { ...who, ...e.data }] };
    case 'tree.invested':
      return { ...tree, invested: single(tree.invested, { ...who, ...e.data }) };
    case 'tree.burnout_started':
      return { ...tree, burnout: [...tree.burnout, { ...who, kind: 'started', ...e.data }] };
    case 'tree.burnout_paused':
      return { ...tree, burnout: [...tree.burnout, { ...who, kind: 'paused', ...e.data }] };
    case 'tree.burnout_resumed':
      return { ...tree, burnout: [...tree.burnout, { ...who, kind: 'resumed', ...e.data }] };
    case 'tree.burnout_changed':
      return { ...tree, burnout: [...tree.burnout, { ...who, kind: 'changed', ...e.data }] };
    case 'tree.cast':
      return { ...tree, cast: single(tree.cast, { ...who, ...e.data }) };
    case 'tree.weighed_out':
      return { ...tree, weighedOut: single(tree.weighedOut, { ...who, ...e.data }) };
    case 'tree.note_added':
      return { ...tree, notes: [...tree.notes, { ...who, ...e.data }] };
    default:
      // Another stream kind's event never belongs to a tree: skipped.
      return null;
  }
}

function byStamp<T extends Attribution>(list: readonly T[]): T[] {
  return list
    .slice()
    .sort((a, b) => compareStreamEvents({ at: a.at, id: a.eventId }, { at: b.at, id: b.eventId }));
}

function stageOf(tree: TreeState): TreeStage {
  if (tree.weighedOut) return 'done';
  if (tree.cast) return 'cast';
  if (tree.burnout.some((r) => r.kind === 'started')) return 'kiln';
  if (tree.invested) return 'invested';
  return 'building';
}

/** Recomputes what is derived: list orders (early events), live jobs, the flask tag, the stage. */
function finish(tree: TreeState): TreeState {
  const result: TreeState = {
    ...tree,
    jobs: tree.jobs
      .slice()
      .sort((a, b) =>
        compareStreamEvents(
          { at: a.added.at, id: a.added.eventId },
          { at: b.added.at, id: b.added.eventId },
        ),
      ),
    metalIssued: byStamp(tree.metalIssued),
    burnout: byStamp(tree.burnout),
    notes: byStamp(tree.notes),
  };
  return {
    ...result,
    jobIds: result.jobs.filter((j) => j.removed === null).map((j) => j.jobId),
    flaskKeys: result.invested ? [result.invested.flaskId.toUpperCase()] : [],
    stage: stageOf(result),
  };
}

/** Metal issued to the tree so far, fresh and reused. */
export function metalIssuedG(tree: TreeState): { totalG: number; freshG: number; reusedG: number } {
  let freshG = 0;
  let reusedG = 0;
  for (const m of tree.metalIssued) {
    if (m.source === 'fresh') freshG += m.grams;
    else reusedG += m.grams;
  }
  // Scales read to 0.01 g: sums are cleaned of binary fractions (0.1 + 0.2) at a far finer grain.
  const clean = (g: number) => Math.round(g * 10_000) / 10_000;
  return { totalG: clean(freshG + reusedG), freshG: clean(freshG), reusedG: clean(reusedG) };
}

/** The casting room, as a custody place: the same id as the bench's place list uses. */
export const CASTING_ROOM = { kind: 'place', id: 'casting_room', label: 'Casting room' } as const;

/**
 * A tree's short name on the board and its tag: T- and the last four characters of its id (random,
 * Crockford base32: one in a million to clash among the few trees a room has open at once).
 */
export function treeCode(tree: { id: string }): string {
  return `T-${tree.id.slice(-4)}`;
}
