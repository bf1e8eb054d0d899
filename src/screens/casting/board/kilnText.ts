// Words and numbers the kiln board reads out: temperatures in °C and °F, clock times, stage lengths.
import {
  BURNOUT_MAX_TEMP_C,
  BURNOUT_MIN_TEMP_C,
  burnoutStatus,
  cToF,
  FLASK_SIZES,
  type BurnoutAlarm,
  type BurnoutLogEntry,
  type BurnoutProgram,
  type BurnoutStage,
  type BurnoutStatus,
} from '../../../domain/casting/burnout';
import { treeCode, type TreeState } from '../../../domain/casting/tree';
import { WEEKDAY_NAMES } from '../../../domain/dates';
import { ALLOYS } from '../../../domain/metals';

const DAY_MS = 86_400_000;

/** "371 °C (700 °F)": the kiln's dial may be in either. */
export function tempText(c: number): string {
  return `${c} °C (${cToF(c)} °F)`;
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

function localMidnight(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** "14:05" today, "tomorrow 03:10", "yesterday 22:40", "Tue 03:10" further off: local time. */
export function clockText(ms: number, nowMs: number): string {
  const d = new Date(ms);
  const time = `${twoDigits(d.getHours())}:${twoDigits(d.getMinutes())}`;
  const days = Math.round((localMidnight(ms) - localMidnight(nowMs)) / DAY_MS);
  if (days === 0) return time;
  if (days === 1) return `tomorrow ${time}`;
  if (days === -1) return `yesterday ${time}`;
  return `${WEEKDAY_NAMES[d.getDay()] ?? ''} ${d.getDate()}, ${time}`;
}

/** A stage's length as a program says it: "1 h", "2 h 30 min", "45 min". */
export function stageLength(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
 * What the kiln is set to in a stage: its own temperature, or in the soak the run's flask temperature,
 * kept inside what the stage allows (the same bounds burnoutStatus sets the kiln with).
 */
export function setTempOf(stage: BurnoutStage, soakTempC: number): number {
  if (stage.soak !== true || !Number.isFinite(soakTempC)) return stage.tempC;
  return Math.min(Math.max(soakTempC, BURNOUT_MIN_TEMP_C), stage.tempC, BURNOUT_MAX_TEMP_C);
}

/** "then 371 °C for 1 h", "then soak at 650 °C for 1 h", "then ready to cast". */
export function nextStepText(status: BurnoutStatus): string {
  if (status.state === 'ready') return 'Ready to cast';
  const next = status.nextStage;
  if (next === null) return 'then ready to cast';
  const c = setTempOf(next, status.soakTempC);
  return next.soak === true
    ? `then soak at ${c} °C (${cToF(c)} °F) for ${stageLength(next.minutes)}`
    : `then ${c} °C (${cToF(c)} °F) for ${stageLength(next.minutes)}`;
}

/** "Stage 2 of 4: Burn off". */
export function stageText(status: BurnoutStatus): string {
  return `Stage ${status.stageIndex + 1} of ${status.program.stages.length}: ${status.stage.label}`;
}

/** "2 h at 149 °C, 1 h at 371 °C, …, 1 h soak at casting temperature (up to 788 °C)". */
export function scheduleText(program: BurnoutProgram): string {
  return program.stages
    .map((s) =>
      s.soak === true
        ? `${stageLength(s.minutes)} soak at casting temperature (up to ${s.tempC} °C)`
        : `${stageLength(s.minutes)} at ${s.tempC} °C`,
    )
    .join(', ');
}

export function flaskSizeLabel(tree: TreeState): string {
  const id = tree.invested?.flaskSize;
  return FLASK_SIZES.find((s) => s.id === id)?.label ?? '';
}

/** "Flask F12" once invested; the tree's code before. */
export function flaskName(tree: TreeState): string {
  return tree.invested ? `Flask ${tree.invested.flaskId}` : `Tree ${treeCode(tree)}`;
}

export function alloyName(tree: TreeState): string {
  return ALLOYS[tree.alloyId].name;
}

export interface AlarmWords {
  title: string;
  body: string;
}

/**
 * An alarm as the banner and the notification say it: what ended, when, and what to set the kiln to
 * now. The kiln setting is the run's at the alarm's instant (at a stage's end the next one has begun).
 */
export function alarmWords(
  tree: TreeState,
  log: readonly BurnoutLogEntry[],
  alarm: BurnoutAlarm,
  nowMs: number,
): AlarmWords {
  const at = burnoutStatus(log, alarm.atMs);
  const who = `${flaskName(tree)} (${treeCode(tree)}, ${alloyName(tree)})`;
  const when = clockText(alarm.atMs, nowMs);
  if (alarm.kind === 'ready') {
    const hold = at ? ` The kiln holds it at ${tempText(at.setTempC)}.` : '';
    return { title: `${who} is ready to cast`, body: `Ready since ${when}.${hold}` };
  }
  const ended = at?.program.stages[alarm.stageIndex]?.label ?? `Stage ${alarm.stageIndex + 1}`;
  const setC = at ? at.setTempC : setTempOf(alarm.nextStage, Number.NaN);
  return {
    title: `${who}: ${ended} is done`,
    body: `Ended at ${when}. Set the kiln to ${tempText(setC)} for ${alarm.nextStage.label}.`,
  };
}
