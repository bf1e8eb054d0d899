// The kiln board's alarms: stage ends and ready flasks not yet acknowledged on this tablet, and ringing.
//
// Alarms are computed, not scheduled: every tick folds each run's log with burnoutAlarms from the start
// of the run to now, so a moment that passed while the tablet slept, or before a reload, is found the
// same as one that passes while someone watches. What this tablet has acknowledged is remembered in
// localStorage (alarmMemory.ts), so a reload rings again only for what nobody here said "Got it" to.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { burnoutAlarms, type BurnoutAlarm } from '../../../domain/casting/burnout';
import type { TreeState } from '../../../domain/casting/tree';
import {
  acknowledgeAlarms,
  ALARM_MEMORY_KEY,
  forgetOtherTrees,
  isAcknowledged,
  readAcknowledged,
  type AcknowledgedAlarms,
} from './alarmMemory';
import { notifyAlarm, playAlarmBeep, unlockAlarmSound, vibrateForAlarm } from './alarmSound';
import { alarmWords, type AlarmWords } from './kilnText';

/** While an alarm waits for "Got it", the beep comes back this often: one beep is easy to miss. */
export const ALARM_REPEAT_MS = 20_000;

/** One tree's alarms not acknowledged here, shown as its latest one. */
export interface PendingAlarm {
  /** `${treeId}@${atMs}` of the latest alarm: what the banner and the notification are keyed by. */
  key: string;
  tree: TreeState;
  /** The latest: it says what the kiln should be set to now. Earlier ones are behind it. */
  alarm: BurnoutAlarm;
  /** Every unacknowledged alarm instant of the tree, the latest included: "Got it" takes them all. */
  atMsList: number[];
  words: AlarmWords;
}

/**
 * The alarms of the trees in the kiln up to nowMs that `memory` does not hold, one entry per tree,
 * the most recent first. Pure, so the board and the tests compute the same.
 */
export function pendingAlarms(
  trees: readonly TreeState[],
  memory: AcknowledgedAlarms,
  nowMs: number,
): PendingAlarm[] {
  const pending: PendingAlarm[] = [];
  for (const tree of trees) {
    if (tree.stage !== 'kiln' || tree.burnout.length === 0) continue;
    // From just before the run's first entry: every alarm of the run so far (burnoutAlarms counts
    // only the latest start), which is what "alarms that rang while the tablet slept" need.
    const fromMs = Math.min(...tree.burnout.map((r) => r.atMs)) - 1;
    const open = burnoutAlarms(tree.burnout, fromMs, nowMs).filter(
      (a) => !isAcknowledged(memory, tree.id, a.atMs),
    );
    const latest = open.at(-1);
    if (!latest) continue;
    pending.push({
      key: `${tree.id}@${latest.atMs}`,
      tree,
      alarm: latest,
      atMsList: open.map((a) => a.atMs),
      words: alarmWords(tree, tree.burnout, latest, nowMs),
    });
  }
  return pending.sort((a, b) => b.alarm.atMs - a.alarm.atMs);
}

export interface KilnAlarms {
  pending: PendingAlarm[];
  /** "Got it": this tablet will not ring for these again, through reloads. */
  acknowledge: (treeId: string) => void;
}

export function useKilnAlarms(trees: readonly TreeState[] | undefined, nowMs: number): KilnAlarms {
  const [memory, setMemory] = useState<AcknowledgedAlarms>(readAcknowledged);

  // Another window of Loupe on this tablet said "Got it": this one stops ringing too.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === null || e.key === ALARM_MEMORY_KEY) setMemory(readAcknowledged());
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  // Only once the list is read: an empty list while loading must not forget what was acknowledged.
  const kilnIds = trees?.map((t) => t.id).join(',');
  useEffect(() => {
    if (kilnIds === undefined) return;
    forgetOtherTrees(new Set(kilnIds === '' ? [] : kilnIds.split(',')));
  }, [kilnIds]);

  const pending = useMemo(() => pendingAlarms(trees ?? [], memory, nowMs), [trees, memory, nowMs]);

  // Rings once for each alarm this page has not rung for: a new one, or after a reload one nobody
  // acknowledged. Keys rung are kept per page, so the tick every second does not ring again.
  const rung = useRef(new Set<string>());
  useEffect(() => {
    const fresh = pending.filter((p) => !rung.current.has(p.key));
    if (fresh.length === 0) return;
    for (const p of fresh) rung.current.add(p.key);
    playAlarmBeep();
    vibrateForAlarm();
    for (const p of fresh) notifyAlarm(p.words.title, p.words.body, p.key);
  }, [pending]);

  const ringing = pending.length > 0;
  useEffect(() => {
    if (!ringing) return;
    const repeat = setInterval(playAlarmBeep, ALARM_REPEAT_MS);
    return () => clearInterval(repeat);
  }, [ringing]);

  const acknowledge = useCallback(
    (treeId: string) => {
      unlockAlarmSound();
      const entry = pending.find((p) => p.tree.id === treeId);
      if (!entry) return;
      setMemory(acknowledgeAlarms(treeId, entry.atMsList));
    },
    [pending],
  );

  return { pending, acknowledge };
}
