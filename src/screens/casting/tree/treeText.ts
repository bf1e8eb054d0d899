// Words and numbers as the tree page and the flask tag show them: stages, alloys, grams, clock times.
import { cToF, flaskSize, formatDuration, type FlaskSizeId } from '../../../domain/casting/burnout';
import type { TreeStage, TreeState } from '../../../domain/casting/tree';
import { localDay, MONTH_NAMES } from '../../../domain/dates';
import { ALLOYS, type AlloyId } from '../../../domain/metals';
import type { TreeStepId } from '../../../protocol/casting';

export const STAGE_LABELS: Record<TreeStage, string> = {
  building: 'Building',
  invested: 'Invested',
  kiln: 'In the kiln',
  cast: 'Cast',
  done: 'Weighed out',
};

export const TREE_STEP_LABELS: Record<TreeStepId, string> = {
  wax_cleanup: 'Waxes cleaned up',
  sprue: 'Waxes sprued',
  tree: 'Tree built',
  vacuum: 'Vacuumed',
  quench: 'Quenched',
  devest: 'Devested',
  cut_off: 'Cut off the tree',
};

export const INVESTMENT_LABELS = { gypsum: 'Gypsum-bonded', stone_safe: 'Stone-safe' } as const;

export const SOURCE_LABELS = { fresh: 'Fresh grain', reused: 'Reused button and sprues' } as const;

export const DESTINATION_LABELS = { stock: 'Back to stock', scrap: 'Scrap pot' } as const;

export function alloyName(alloyId: AlloyId): string {
  return ALLOYS[alloyId].name;
}

export function flaskSizeLabel(id: FlaskSizeId): string {
  try {
    return flaskSize(id).label;
  } catch {
    return id;
  }
}

/** The bench scale reads 0.01 g: "3.42 g". */
export function grams(g: number): string {
  return `${g.toFixed(2)} g`;
}

/** "732 °C (1350 °F)": the kilns in the room are set in either. */
export function degrees(c: number): string {
  return `${c} °C (${cToF(c)} °F)`;
}

/** The waxes on the tree now (not taken off). */
export function liveJobs(tree: TreeState): TreeState['jobs'] {
  return tree.jobs.filter((j) => j.removed === null);
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * A wall-clock moment (ms) as the room reads it: "14:05" today, "20 Nov 14:05" another day. The
 * burnout's and the flask's times are wall-clock facts in the data, not clock stamps.
 */
export function msText(ms: number, today: string = localDay()): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return '—';
  const time = `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
  if (localDay(date) === today) return time;
  return `${date.getDate()} ${MONTH_NAMES[date.getMonth()] ?? ''} ${time}`;
}

/** "20 Nov 14:05" always: what a printed tag says, read on another day. */
export function dayTimeText(ms: number): string {
  return msText(ms, '');
}

/** A stage's length as a program lists it: "2 h", "90 min", "1 h 30 min". */
export function stageLength(minutes: number): string {
  if (minutes >= 60 && minutes % 60 === 0) return `${minutes / 60} h`;
  return formatDuration(minutes * 60_000, 'nearest');
}

/** A countdown to the second, for the few minutes of working time: "9:30", "0:05". */
export function minutesSeconds(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${twoDigits(total % 60)}`;
}
