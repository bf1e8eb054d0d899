// Which kiln alarms this tablet has acknowledged, kept in localStorage so a reload rings only for new ones.
//
// Per tablet on purpose: "Got it" on the tablet by the kiln says that person heard it; a second tablet
// across the room still rings until someone there acknowledges it too. An alarm is named by its tree and
// its wall-clock instant (burnoutAlarms' atMs), which every reload computes the same from the same log.

/** Changing this key rings every acknowledged alarm once more on every tablet: harmless, but loud. */
export const ALARM_MEMORY_KEY = 'loupe.kilnAlarms.acknowledged';

/** Tree id → the atMs of each of its alarms acknowledged here. */
export type AcknowledgedAlarms = Readonly<Record<string, readonly number[]>>;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage switched off (private mode, a policy): alarms ring, acknowledgements last this visit.
    return null;
  }
}

/** What is stored, read defensively: a hand-edited or half-written value rings again, never throws. */
export function readAcknowledged(): AcknowledgedAlarms {
  const raw = storage()?.getItem(ALARM_MEMORY_KEY);
  if (raw == null) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const result: Record<string, number[]> = {};
    for (const [treeId, list] of Object.entries(parsed as Record<string, unknown>)) {
      if (Array.isArray(list)) {
        result[treeId] = list.filter(
          (n): n is number => typeof n === 'number' && Number.isFinite(n),
        );
      }
    }
    return result;
  } catch {
    return {};
  }
}

function write(memory: AcknowledgedAlarms): void {
  try {
    storage()?.setItem(ALARM_MEMORY_KEY, JSON.stringify(memory));
  } catch {
    // Storage full or refused: the acknowledgement still holds in this page until it reloads.
  }
}

export function isAcknowledged(memory: AcknowledgedAlarms, treeId: string, atMs: number): boolean {
  return memory[treeId]?.includes(atMs) === true;
}

/** Adds the alarms to what is stored (re-read first: another window of this tablet may have added). */
export function acknowledgeAlarms(treeId: string, atMsList: readonly number[]): AcknowledgedAlarms {
  const current = readAcknowledged();
  const merged = [...new Set([...(current[treeId] ?? []), ...atMsList])].sort((a, b) => a - b);
  const next = { ...current, [treeId]: merged };
  write(next);
  return next;
}

/**
 * Forgets trees no longer in the kiln, so the memory stays small over years of casting. A tree back in
 * the kiln (a re-run after a correction) has new instants, so nothing it needs is forgotten.
 */
export function forgetOtherTrees(keep: ReadonlySet<string>): AcknowledgedAlarms {
  const current = readAcknowledged();
  const ids = Object.keys(current);
  if (ids.every((id) => keep.has(id))) return current;
  const next: Record<string, readonly number[]> = {};
  for (const id of ids) {
    const list = current[id];
    if (keep.has(id) && list) next[id] = list;
  }
  write(next);
  return next;
}
