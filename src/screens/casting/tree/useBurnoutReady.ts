// Whether a tree's burnout is through its stages by the wall clock: rechecked every second while in
// the kiln, re-rendering only when the answer changes.
import { useEffect, useState } from 'react';
import { burnoutStatus } from '../../../domain/casting/burnout';
import type { TreeState } from '../../../domain/casting/tree';

function readyAt(burnout: TreeState['burnout'], nowMs: number): boolean {
  return burnoutStatus(burnout, nowMs)?.state === 'ready';
}

export function useBurnoutReady(tree: TreeState): boolean {
  const inKiln = tree.stage === 'kiln';
  const [ready, setReady] = useState(() => inKiln && readyAt(tree.burnout, Date.now()));
  useEffect(() => {
    if (!inKiln) return;
    const timer = setInterval(() => setReady(readyAt(tree.burnout, Date.now())), 1000);
    return () => clearInterval(timer);
  }, [inKiln, tree.burnout]);
  return inKiln && ready;
}
