// The tree in a flask now, kept current: looked up again whenever an unfinished tree changes here.
import { useEffect, useState } from 'react';
import { db, treeInFlask, useTreesInStages } from '../../../db';
import type { TreeState } from '../../../domain/casting/tree';

const OPEN_STAGES = ['building', 'invested', 'kiln', 'cast'] as const;

/**
 * `undefined` while looking, `null` when no tree on this tablet is in that flask. The open trees'
 * live list is the signal: a tree invested in the flask here, or arriving by sync, changes it, and
 * the flask's tree is then read again by treeInFlask (which also finds one weighed out of it).
 */
export function useTreeInFlask(flaskId: string): TreeState | null | undefined {
  const openTrees = useTreesInStages(OPEN_STAGES);
  const [found, setFound] = useState<{ key: string; tree: TreeState | null } | undefined>();
  useEffect(() => {
    if (openTrees === undefined) return;
    let live = true;
    void treeInFlask(db, flaskId).then((tree) => {
      if (live) setFound({ key: flaskId, tree: tree ?? null });
    });
    return () => {
      live = false;
    };
  }, [flaskId, openTrees]);
  // A result for another flask (the route changed) is not this flask's.
  return found?.key === flaskId ? found.tree : undefined;
}
