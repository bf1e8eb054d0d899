// Reads of the trees projection that the casting screens use: lists by stage, a flask's tree, a job's.
import { useLiveQuery } from 'dexie-react-hooks';
import type { TreeStage, TreeState } from '../domain/casting/tree';
import { db as appDb } from './db';
import type { LoupeDB } from './LoupeDB';

/** Newest first: the tree started last is the one a caster is most likely working on. */
function newestFirst(a: TreeState, b: TreeState): number {
  return b.startedMs - a.startedMs || (a.id < b.id ? 1 : -1);
}

export async function treesInStages(
  db: LoupeDB,
  stages: readonly TreeStage[],
): Promise<TreeState[]> {
  const trees = await db.trees.where('stage').anyOf(stages).toArray();
  return trees.sort(newestFirst);
}

/** Trees started at or after `sinceMs` (e.g. local midnight), whatever their stage. */
export async function treesStartedSince(db: LoupeDB, sinceMs: number): Promise<TreeState[]> {
  const trees = await db.trees.where('startedMs').aboveOrEqual(sinceMs).toArray();
  return trees.sort(newestFirst);
}

/** The tree in the flask with this tag now: the newest one not weighed out, else the newest. */
export async function treeInFlask(db: LoupeDB, flaskId: string): Promise<TreeState | undefined> {
  const trees = (
    await db.trees.where('flaskKeys').equals(flaskId.trim().toUpperCase()).toArray()
  ).sort(newestFirst);
  return trees.find((t) => t.stage !== 'done') ?? trees[0];
}

/** Every tree a job has been on, newest first (a failed casting is cast again on another tree). */
export async function treesOfJob(db: LoupeDB, jobId: string): Promise<TreeState[]> {
  const onNow = await db.trees.where('jobIds').equals(jobId).toArray();
  return onNow.sort(newestFirst);
}

export function useTree(treeId: string | undefined): TreeState | null | undefined {
  return useLiveQuery(
    async () => (treeId === undefined ? null : ((await appDb.trees.get(treeId)) ?? null)),
    [treeId],
  );
}

export function useTreesInStages(stages: readonly TreeStage[]): TreeState[] | undefined {
  const key = stages.join(',');
  // `key` stands for `stages`: a new array of the same stages must not start a new query.
  return useLiveQuery(() => treesInStages(appDb, stages), [key]);
}

export function useTreesStartedSince(sinceMs: number): TreeState[] | undefined {
  return useLiveQuery(() => treesStartedSince(appDb, sinceMs), [sinceMs]);
}

export function useTreesOfJob(jobId: string): TreeState[] | undefined {
  return useLiveQuery(() => treesOfJob(appDb, jobId), [jobId]);
}

/**
 * The tree in a flask now, kept current as trees change here; `undefined` while it is first read,
 * `null` when no tree on this tablet has been in that flask.
 */
export function useTreeInFlask(flaskId: string): TreeState | null | undefined {
  return useLiveQuery(async () => (await treeInFlask(appDb, flaskId)) ?? null, [flaskId]);
}
