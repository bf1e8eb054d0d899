// Reads of the workshop's machines the screens use: the registry, one machine, the board at this
// moment, and the counts a manager's alert strip shows.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import {
  equipmentAlerts,
  equipmentBoard,
  type EquipmentAlerts,
  type EquipmentBoard,
} from '../domain/equipment/board';
import type { EquipmentState } from '../domain/equipment/equipmentState';
import { db as appDb } from './db';
import type { LoupeDB } from './LoupeDB';

/** Every machine in the registry (retired ones too: their logs name them), in name order. */
export async function listMachines(db: LoupeDB): Promise<EquipmentState[]> {
  const rows = await db.equipment.toArray();
  return rows
    .filter((m) => m.fields !== null)
    .sort(
      (a, b) =>
        (a.fields?.name ?? '').localeCompare(b.fields?.name ?? '') ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/** One machine's row, or null when this tablet has no such machine (yet). */
export async function getMachine(db: LoupeDB, equipmentId: string): Promise<EquipmentState | null> {
  const row = await db.equipment.get(equipmentId);
  return row?.fields ? row : null;
}

/** The registry, live; undefined while it is first read. */
export function useMachines(): EquipmentState[] | undefined {
  return useLiveQuery(() => listMachines(appDb), []);
}

/** One machine, live: undefined while read, null when this tablet has no such machine. */
export function useMachine(equipmentId: string): EquipmentState | null | undefined {
  return useLiveQuery(() => getMachine(appDb, equipmentId), [equipmentId]);
}

const TICK_MS = 60_000;

/**
 * This tablet's wall clock, read again every minute and when the page comes back into view: a
 * task falls due at midnight with no event to wake a live query, and a tablet asleep overnight
 * counts no ticks, so the clock is read, never counted.
 */
export function useWallClock(db: LoupeDB = appDb): number {
  const [now, setNow] = useState(() => db.wallClock());
  useEffect(() => {
    const tick = () => setNow(db.wallClock());
    const onVisibility = () => {
      if (document.visibilityState === 'visible') tick();
    };
    const timer = setInterval(tick, TICK_MS);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pageshow', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pageshow', tick);
    };
  }, [db]);
  return now;
}

/** The board (maintenance due, open malfunctions, scales to check) now, live. */
export function useEquipmentBoard(): EquipmentBoard | undefined {
  const machines = useMachines();
  const now = useWallClock();
  return useMemo(() => (machines ? equipmentBoard(machines, now) : undefined), [machines, now]);
}

/**
 * What the manager's alert strip counts: tasks overdue (and due today), malfunctions open and the
 * machines they put out of service, scales overdue for their check or failed. Undefined while read.
 */
export function useEquipmentAlerts(): EquipmentAlerts | undefined {
  const machines = useMachines();
  const now = useWallClock();
  return useMemo(() => (machines ? equipmentAlerts(machines, now) : undefined), [machines, now]);
}
