// Burnout programs for the kiln and the run on the board: which stage, what to set, what is left, when it rings.
//
// A run is kept as wall-clock facts (started, paused, resumed, changed) and everything the board shows is
// folded from them for the instant asked. Nothing is counted from a timer, so a tablet that slept, was
// restarted or was offline while another tablet paused the kiln shows the same stage as every other tablet
// once it has the same entries.
import { BURNOUT_MAX_TEMP_C, BURNOUT_PROGRAMS } from '../checklists/templates/lostWaxCasting';

export { BURNOUT_MAX_TEMP_C };

/** Flask sizes as the bench says them: diameter × height in inches. */
export type FlaskSizeId = '2.5x2.5' | '3.5x4' | '4x8';

export interface FlaskSize {
  id: FlaskSizeId;
  label: string;
  diameterIn: number;
  heightIn: number;
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (typeof inner === 'object' && inner !== null) deepFreeze(inner as object);
  }
  return Object.freeze(value);
}

// The three sizes the burnout schedules of DOMAIN.md ("Burnout for gypsum-bonded investment") are for.
export const FLASK_SIZES: readonly FlaskSize[] = deepFreeze<FlaskSize[]>([
  { id: '2.5x2.5', label: '2.5 × 2.5 in', diameterIn: 2.5, heightIn: 2.5 },
  { id: '3.5x4', label: '3.5 × 4 in', diameterIn: 3.5, heightIn: 4 },
  { id: '4x8', label: '4 × 8 in', diameterIn: 4, heightIn: 8 },
]);

const FLASK_SIZE_IDS: readonly string[] = FLASK_SIZES.map((s) => s.id);

export function isFlaskSizeId(x: unknown): x is FlaskSizeId {
  return typeof x === 'string' && FLASK_SIZE_IDS.includes(x);
}

export function flaskSize(id: FlaskSizeId): FlaskSize {
  const size = FLASK_SIZES.find((s) => s.id === id);
  if (!size)
    throw new Error(`Unknown flask size "${id}". Known sizes: ${FLASK_SIZE_IDS.join(', ')}.`);
  return size;
}

export interface BurnoutStage {
  label: string;
  tempC: number;
  minutes: number;
  /**
   * The final hold "at casting temperature". A run sets the kiln to its own flask temperature
   * (`soakTempC`, given when the run starts, from the alloy being cast); the stage's tempC is the most a
   * run may set for it.
   */
  soak?: true;
}

export type InvestmentKind = 'gypsum' | 'stone_safe';

export interface BurnoutProgram {
  id: string;
  name: string;
  stages: BurnoutStage[];
  investment: InvestmentKind;
  /** The flask sizes the program is meant for; may be empty (a shop program for any flask). */
  flaskSizes: FlaskSizeId[];
  builtIn: boolean;
}

/** Ids of the built-in programs: the same values the casting checklist offers (lostWaxCasting.ts). */
export type BuiltInProgramId = (typeof BURNOUT_PROGRAMS)[number]['value'];

/** Below room temperature a kiln cannot hold the flask: such a figure is a typo. */
export const BURNOUT_MIN_TEMP_C = 20;
/** No schedule in DOMAIN.md has more than five stages; twelve leaves room for a shop's own. */
export const BURNOUT_MAX_STAGES = 12;
/** The longest schedule in DOMAIN.md is stone-in-place at up to 18 h; a program past a day is a typo. */
export const BURNOUT_MAX_TOTAL_MINUTES = 24 * 60;
// The same limits as the wire schema (protocol/casting.ts), so a program checked here is never refused
// on sync; domain/ cannot import protocol/, which imports it.
export const PROGRAM_NAME_MAX_LENGTH = 60;
export const STAGE_LABEL_MAX_LENGTH = 40;
const PROGRAM_ID_PATTERN = /^[a-z0-9_]{1,40}$/;

const MINUTE_MS = 60_000;
const HOUR = 60;

function stage(label: string, tempC: number, hours: number): BurnoutStage {
  return { label, tempC, minutes: hours * HOUR };
}

function soak(label: string, tempC: number, hours: number): BurnoutStage {
  return { ...stage(label, tempC, hours), soak: true };
}

// The gypsum programs' soak may be set as high as the investment takes (788 °C, 1450 °F: DOMAIN.md), the
// same ceiling the checklist puts on the flask temperature; the run's own figure comes from the alloy
// (castingMath.ts, flaskTempRuleOfThumb), which is what the caster normally sets.
const GYPSUM_SOAK = 'Soak at casting temperature';

/**
 * The schedules of DOMAIN.md ("Burnout for gypsum-bonded investment", R&R-style schedules), stage for
 * stage. °F in the comments are DOMAIN.md's own figures.
 */
export const BUILT_IN_PROGRAMS: readonly BurnoutProgram[] = deepFreeze([
  {
    id: '6h',
    name: '6 h burnout',
    // Small flask, about 2.5 × 2.5 in.
    stages: [
      stage('Wax out', 149, 2), // 300 °F
      stage('Burn off', 371, 1), // 700 °F
      stage('Full burnout', 732, 2), // 1350 °F
      soak(GYPSUM_SOAK, BURNOUT_MAX_TEMP_C, 1),
    ],
    investment: 'gypsum',
    flaskSizes: ['2.5x2.5'],
    builtIn: true,
  },
  {
    id: '8h',
    name: '8 h burnout',
    // 3.5 × 4 in: the 6 h temperatures held 2 h / 2 h / 3 h, then 1 h soak.
    stages: [
      stage('Wax out', 149, 2),
      stage('Burn off', 371, 2),
      stage('Full burnout', 732, 3),
      soak(GYPSUM_SOAK, BURNOUT_MAX_TEMP_C, 1),
    ],
    investment: 'gypsum',
    flaskSizes: ['3.5x4'],
    builtIn: true,
  },
  {
    id: '12h',
    name: '12 h burnout',
    // 4 × 8 in.
    stages: [
      stage('Wax out', 149, 2),
      stage('Burn off', 315, 2), // about 600 °F
      stage('Burn off, hotter', 482, 2), // 900 °F
      stage('Full burnout', 732, 4),
      soak(GYPSUM_SOAK, BURNOUT_MAX_TEMP_C, 2),
    ],
    investment: 'gypsum',
    flaskSizes: ['4x8'],
    builtIn: true,
  },
  {
    id: 'stone_in_place',
    name: 'Stone-in-place burnout',
    // Steam dewax first (off the kiln, so not a stage). Then 2 h at 300 °F, 2 h at 500 °F and a long hold
    // (10–14 h) at a low top temperature: sources range 800–950 °F (427–510 °C); 900 °F (482 °C) for 12 h
    // is the middle of both. The hold is the last stage and the flask is cast from it, so it is the soak:
    // a run may set it lower, never above 482 °C, because the stones are in the flask.
    stages: [
      stage('Wax out', 149, 2), // 300 °F
      stage('Burn off', 260, 2), // 500 °F
      soak('Long hold, stones in place', 482, 12), // 900 °F
    ],
    investment: 'stone_safe',
    flaskSizes: [],
    builtIn: true,
  },
] satisfies (BurnoutProgram & { id: BuiltInProgramId })[]);

export function builtInProgram(id: string): BurnoutProgram | undefined {
  return BUILT_IN_PROGRAMS.find((p) => p.id === id);
}

/** The built-in gypsum program for a flask size (DOMAIN.md: 6 h small, 8 h 3.5 × 4 in, 12 h 4 × 8 in). */
export function programForFlask(size: FlaskSizeId): BurnoutProgram {
  const program = BUILT_IN_PROGRAMS.find(
    (p) => p.investment === 'gypsum' && p.flaskSizes.includes(size),
  );
  if (!program) throw new Error(`No built-in burnout program is meant for a ${size} in flask.`);
  return program;
}

export function cToF(c: number): number {
  return Math.round((c * 9) / 5 + 32);
}

const MAX_F = cToF(BURNOUT_MAX_TEMP_C);
const MIN_F = cToF(BURNOUT_MIN_TEMP_C);

/**
 * A duration for the board, in whole minutes: "1 h 05 min", "4 min", "0 min". Rounded up by default, so a
 * stage with 40 s left still says "1 min" and "0 min" means it is over; pass 'down' for time run.
 */
export function formatDuration(ms: number, rounding: 'up' | 'down' | 'nearest' = 'up'): string {
  const exact = Number.isFinite(ms) && ms > 0 ? ms / MINUTE_MS : 0;
  // toPrecision first so 3.9e6 ms minus a little binary noise is still 65 min, not 66 when rounding up.
  const clean = Number(exact.toPrecision(12));
  const total =
    rounding === 'up'
      ? Math.ceil(clean)
      : rounding === 'down'
        ? Math.floor(clean)
        : Math.round(clean);
  const hours = Math.floor(total / HOUR);
  const minutes = total % HOUR;
  return hours > 0 ? `${hours} h ${String(minutes).padStart(2, '0')} min` : `${minutes} min`;
}

// ---------------------------------------------------------------------------------------------------
// Checking a shop's own program

export interface ProgramDraft {
  /** Left out when the caller gives the stored program its own id (the returned id is then ''). */
  id?: string;
  name: string;
  stages: readonly BurnoutStage[];
  investment: InvestmentKind;
  flaskSizes?: readonly FlaskSizeId[];
}

export interface ProgramError {
  /** Where the problem is, as the form names its fields: 'name', 'stages', 'stages.2.tempC'. */
  path: string;
  message: string;
}

export type ProgramCheck =
  { ok: true; program: BurnoutProgram } | { ok: false; errors: ProgramError[] };

function stageName(index: number, label: string): string {
  const trimmed = label.trim();
  return trimmed === '' ? `Stage ${index + 1}` : `Stage ${index + 1} (“${trimmed}”)`;
}

/**
 * A shop's own burnout program, refused with every problem at once (each a sentence the caster can act
 * on) or returned as it will be stored. The hard limit is the investment's: gypsum-bonded investment
 * breaks down above about 788 °C (1450 °F) (DOMAIN.md, burnout), so no stage may be set above it.
 */
export function checkProgram(draft: ProgramDraft): ProgramCheck {
  const errors: ProgramError[] = [];
  const fail = (path: string, message: string) => errors.push({ path, message });

  const id = (draft.id ?? '').trim();
  if (id !== '' && !PROGRAM_ID_PATTERN.test(id)) {
    fail('id', `“${id}” is not a program id: lower-case letters, digits and _, up to 40.`);
  } else if (builtInProgram(id)) {
    fail('id', `“${id}” is a built-in program's id: a shop program needs an id of its own.`);
  }

  const name = draft.name.trim().replace(/\s+/g, ' ');
  if (name === '') fail('name', 'Give the program a name, such as “6 h small flasks”.');
  else if (name.length > PROGRAM_NAME_MAX_LENGTH) {
    fail(
      'name',
      `Keep the program name to ${PROGRAM_NAME_MAX_LENGTH} characters (it has ${name.length}).`,
    );
  }

  if (draft.stages.length === 0) fail('stages', 'Add at least one stage.');
  if (draft.stages.length > BURNOUT_MAX_STAGES) {
    fail(
      'stages',
      `A program can have at most ${BURNOUT_MAX_STAGES} stages (this one has ${draft.stages.length}): merge some of them.`,
    );
  }

  draft.stages.forEach((s, i) => {
    const at = `stages.${i}`;
    const who = stageName(i, s.label);
    const label = s.label.trim();
    if (label === '') fail(`${at}.label`, `Give stage ${i + 1} a label, such as “Wax out”.`);
    else if (label.length > STAGE_LABEL_MAX_LENGTH) {
      fail(
        `${at}.label`,
        `Keep stage ${i + 1}'s label to ${STAGE_LABEL_MAX_LENGTH} characters (it has ${label.length}).`,
      );
    }
    if (!Number.isFinite(s.tempC)) {
      fail(`${at}.tempC`, `${who} needs a temperature in °C.`);
    } else if (!Number.isInteger(s.tempC)) {
      fail(`${at}.tempC`, `${who} is set to ${s.tempC} °C: kilns are set in whole degrees.`);
    } else if (s.tempC > BURNOUT_MAX_TEMP_C) {
      fail(
        `${at}.tempC`,
        `${who} is set to ${s.tempC} °C (${cToF(s.tempC)} °F): gypsum-bonded investment breaks down above ${BURNOUT_MAX_TEMP_C} °C (${MAX_F} °F). Set it to ${BURNOUT_MAX_TEMP_C} °C or lower.`,
      );
    } else if (s.tempC < BURNOUT_MIN_TEMP_C) {
      fail(
        `${at}.tempC`,
        `${who} is set to ${s.tempC} °C (${cToF(s.tempC)} °F), below room temperature: set it to ${BURNOUT_MIN_TEMP_C} °C (${MIN_F} °F) or more.`,
      );
    }
    if (!Number.isInteger(s.minutes) || s.minutes <= 0) {
      fail(
        `${at}.minutes`,
        `${who} must last a whole number of minutes, at least 1 (it says ${String(s.minutes)}).`,
      );
    }
    if (s.soak === true && i !== draft.stages.length - 1) {
      fail(
        `${at}.soak`,
        `${who} is the soak at casting temperature, so it must be the last stage: move it to the end.`,
      );
    }
  });

  const totalMinutes = draft.stages.reduce(
    (sum, s) => sum + (Number.isFinite(s.minutes) ? s.minutes : 0),
    0,
  );
  if (totalMinutes > BURNOUT_MAX_TOTAL_MINUTES) {
    fail(
      'stages',
      `The stages add up to ${formatDuration(totalMinutes * MINUTE_MS)}, more than ${BURNOUT_MAX_TOTAL_MINUTES / HOUR} h: shorten them.`,
    );
  }

  const flaskSizes: FlaskSizeId[] = [];
  for (const size of draft.flaskSizes ?? []) {
    if (!isFlaskSizeId(size))
      fail('flaskSizes', `“${String(size)}” is not a flask size Loupe knows.`);
    else if (!flaskSizes.includes(size)) flaskSizes.push(size);
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    program: {
      id,
      name,
      stages: draft.stages.map((s) => ({
        label: s.label.trim(),
        tempC: s.tempC,
        minutes: s.minutes,
        ...(s.soak === true ? { soak: true as const } : {}),
      })),
      investment: draft.investment,
      flaskSizes,
      builtIn: false,
    },
  };
}

/** The program's soak stage (its last stage, when it has one). */
export function soakStage(program: BurnoutProgram): BurnoutStage | null {
  const last = program.stages[program.stages.length - 1];
  return last?.soak === true ? last : null;
}

export type SoakTempCheck = { ok: true; soakTempC: number } | { ok: false; message: string };

/**
 * The flask temperature a run is started with, checked before it is written to the log: never above what
 * the program's soak allows (the investment's 788 °C for gypsum, 482 °C with stones in place), never below
 * room temperature.
 */
export function checkSoakTemp(program: BurnoutProgram, soakTempC: number): SoakTempCheck {
  if (!Number.isFinite(soakTempC)) {
    return { ok: false, message: 'Enter the flask temperature for the soak in °C.' };
  }
  const ceiling = Math.min(soakStage(program)?.tempC ?? BURNOUT_MAX_TEMP_C, BURNOUT_MAX_TEMP_C);
  if (soakTempC > ceiling) {
    const why =
      ceiling === BURNOUT_MAX_TEMP_C
        ? 'gypsum-bonded investment breaks down above it'
        : `${program.name} soaks no hotter`;
    return {
      ok: false,
      message: `The soak is set to ${soakTempC} °C (${cToF(soakTempC)} °F), above ${ceiling} °C (${cToF(ceiling)} °F): ${why}. Set it to ${ceiling} °C or lower.`,
    };
  }
  if (soakTempC < BURNOUT_MIN_TEMP_C) {
    return {
      ok: false,
      message: `The soak is set to ${soakTempC} °C, below room temperature: set it to ${BURNOUT_MIN_TEMP_C} °C (${MIN_F} °F) or more.`,
    };
  }
  return { ok: true, soakTempC };
}

// ---------------------------------------------------------------------------------------------------
// A run on the board

/**
 * What happened to a run, as wall-clock facts. 'changed' means: from atMs the kiln runs `program` from the
 * beginning of stage `stageIndex` (a correction, a switch to a longer program, a re-soak after the kiln
 * went cold).
 */
export type BurnoutLogEntry =
  | { kind: 'started'; atMs: number; program: BurnoutProgram; soakTempC: number }
  | { kind: 'paused'; atMs: number; reason?: string }
  | { kind: 'resumed'; atMs: number }
  | {
      kind: 'changed';
      atMs: number;
      program: BurnoutProgram;
      stageIndex: number;
      soakTempC: number;
      reason?: string;
    };

export type BurnoutState = 'running' | 'paused' | 'ready';

export interface BurnoutStatus {
  /** ready: every stage is done and the kiln holds the flask at the soak temperature until it is cast. */
  state: BurnoutState;
  program: BurnoutProgram;
  /** When the run counted here was started (the latest 'started' at or before the instant asked). */
  startedAtMs: number;
  stageIndex: number;
  stage: BurnoutStage;
  /** What to set the kiln to now: the stage's temperature, or the run's flask temperature in the soak. */
  setTempC: number;
  /** The run's flask temperature for the soak, as the latest 'started' or 'changed' gave it. */
  soakTempC: number;
  /** When the kiln entered this stage (pauses inside the stage do not move it). */
  stageStartedAtMs: number;
  /** When this stage ends if nothing else happens; null while paused. When ready: when it became ready. */
  stageEndsAtMs: number | null;
  /** Program time left in this stage (frozen while paused; 0 when ready). */
  msLeftInStage: number;
  nextStage: BurnoutStage | null;
  /** When the flask will be ready, assuming no more pauses (when it was, once ready); null while paused. */
  readyAtMs: number | null;
  /** Time the kiln has run through stages since the start, pauses left out; it stops growing when ready. */
  elapsedMs: number;
  pausedSinceMs: number | null;
}

export type BurnoutAlarm =
  | { kind: 'stage_end'; atMs: number; stageIndex: number; nextStage: BurnoutStage }
  | { kind: 'ready'; atMs: number };

// Same-instant entries from two tablets are applied in this order, then by their content, so every
// tablet folds them the same way. A pause and a resume at the very same millisecond leave the kiln running.
const KIND_ORDER: Record<BurnoutLogEntry['kind'], number> = {
  started: 0,
  changed: 1,
  paused: 2,
  resumed: 3,
};

/** JSON with keys sorted, so the same entry synced through two tablets gives the same text. */
function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function stageMs(s: BurnoutStage): number {
  return s.minutes * MINUTE_MS;
}

/** A program the fold can run: at least one stage, each a positive, finite length. */
function runnable(program: BurnoutProgram): boolean {
  return (
    Array.isArray(program.stages) &&
    program.stages.length > 0 &&
    program.stages.every((s) => Number.isFinite(s.minutes) && s.minutes > 0)
  );
}

/**
 * Entries as the fold reads them: ones it cannot fold dropped (a bad clock stamp, a program with no
 * stages, a change to a stage the program does not have: checkProgram keeps these out, but a log synced
 * from an older or broken tablet must not stop the board), exact duplicates dropped, the rest in order.
 */
function ordered(log: readonly BurnoutLogEntry[]): BurnoutLogEntry[] {
  const usable = log.filter((e) => {
    if (!Number.isFinite(e.atMs)) return false;
    if (e.kind === 'started') return runnable(e.program);
    if (e.kind === 'changed') {
      return (
        runnable(e.program) &&
        Number.isInteger(e.stageIndex) &&
        e.stageIndex >= 0 &&
        e.stageIndex < e.program.stages.length
      );
    }
    // A kind a newer version added is not this fold's to read.
    return Object.hasOwn(KIND_ORDER, e.kind);
  });
  const keyed = usable.map((entry) => ({ entry, key: canonical(entry) }));
  keyed.sort(
    (a, b) =>
      a.entry.atMs - b.entry.atMs ||
      KIND_ORDER[a.entry.kind] - KIND_ORDER[b.entry.kind] ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return keyed.filter((k, i) => i === 0 || keyed[i - 1]?.key !== k.key).map((k) => k.entry);
}

interface Run {
  program: BurnoutProgram;
  soakTempC: number;
  startedAtMs: number;
  stageIndex: number;
  msIntoStage: number;
  stageStartedAtMs: number;
  running: boolean;
  /** The wall-clock instant the run has been folded up to. */
  atMs: number;
  pausedSinceMs: number | null;
  elapsedMs: number;
  /** When the last stage ended; null until then. */
  readyAtMs: number | null;
}

function stageOf(program: BurnoutProgram, index: number): BurnoutStage {
  const s = program.stages[index];
  // ordered() only lets through programs and stage indexes that exist, and the fold never steps past
  // the last stage, so this is a bug in this file, not bad data.
  if (!s) throw new Error(`Burnout fold went to stage ${index} of “${program.name}”.`);
  return s;
}

/** Moves a running run forward to toMs through its stages, telling `ring` each stage end and the ready. */
function advance(run: Run, toMs: number, ring?: (alarm: BurnoutAlarm) => void): void {
  if (toMs <= run.atMs) return;
  let t = run.atMs;
  while (run.running && run.readyAtMs === null) {
    const current = stageOf(run.program, run.stageIndex);
    const left = stageMs(current) - run.msIntoStage;
    if (t + left > toMs) {
      run.msIntoStage += toMs - t;
      run.elapsedMs += toMs - t;
      break;
    }
    // A boundary exactly at toMs is crossed: at the instant a stage ends, the next one has begun.
    t += left;
    run.elapsedMs += left;
    const next = run.program.stages[run.stageIndex + 1];
    if (next === undefined) {
      run.msIntoStage = stageMs(current);
      run.readyAtMs = t;
      ring?.({ kind: 'ready', atMs: t });
    } else {
      ring?.({ kind: 'stage_end', atMs: t, stageIndex: run.stageIndex, nextStage: next });
      run.stageIndex += 1;
      run.msIntoStage = 0;
      run.stageStartedAtMs = t;
    }
  }
  run.atMs = toMs;
}

/**
 * The run as it stands at untilMs, from the entries up to untilMs. Only the latest 'started' counts (a
 * restart is a correction: what was logged before it is ignored). A pause while paused and a resume while
 * running change nothing, so the same pause sent by two tablets is one pause. A 'changed' sets the kiln
 * running, paused or not: the entry says the kiln runs the program from that moment.
 */
function fold(
  log: readonly BurnoutLogEntry[],
  untilMs: number,
  ring?: (alarm: BurnoutAlarm) => void,
): Run | null {
  const entries = ordered(log).filter((e) => e.atMs <= untilMs);
  let startAt = -1;
  entries.forEach((e, i) => {
    if (e.kind === 'started') startAt = i;
  });
  const start = entries[startAt];
  if (start?.kind !== 'started') return null;

  const run: Run = {
    program: start.program,
    soakTempC: start.soakTempC,
    startedAtMs: start.atMs,
    stageIndex: 0,
    msIntoStage: 0,
    stageStartedAtMs: start.atMs,
    running: true,
    atMs: start.atMs,
    pausedSinceMs: null,
    elapsedMs: 0,
    readyAtMs: null,
  };
  for (const e of entries.slice(startAt + 1)) {
    advance(run, e.atMs, ring);
    switch (e.kind) {
      case 'paused':
        if (run.running) {
          run.running = false;
          run.pausedSinceMs = e.atMs;
        }
        break;
      case 'resumed':
        if (!run.running) {
          run.running = true;
          run.pausedSinceMs = null;
        }
        break;
      case 'changed':
        run.program = e.program;
        run.soakTempC = e.soakTempC;
        run.stageIndex = e.stageIndex;
        run.msIntoStage = 0;
        run.stageStartedAtMs = e.atMs;
        run.running = true;
        run.pausedSinceMs = null;
        run.readyAtMs = null;
        break;
      case 'started':
        // Not reached: entries after the latest 'started' hold no 'started'.
        break;
    }
  }
  advance(run, untilMs, ring);
  return run;
}

/**
 * The kiln temperature for a stage. In the soak it is the run's flask temperature, kept inside what the
 * stage allows: a figure from a bad entry must never tell the caster to go hotter than the investment takes.
 */
function setTempFor(s: BurnoutStage, soakTempC: number): number {
  if (s.soak !== true) return s.tempC;
  if (!Number.isFinite(soakTempC)) return s.tempC;
  return Math.min(Math.max(soakTempC, BURNOUT_MIN_TEMP_C), s.tempC, BURNOUT_MAX_TEMP_C);
}

/** The run at nowMs (past or future), from the log alone; null when no run had started by then. */
export function burnoutStatus(
  log: readonly BurnoutLogEntry[],
  nowMs: number,
): BurnoutStatus | null {
  const run = fold(log, nowMs);
  if (!run) return null;
  const { program, stageIndex } = run;
  const current = stageOf(program, stageIndex);
  const msLeftInStage = stageMs(current) - run.msIntoStage;
  const later = program.stages.slice(stageIndex + 1).reduce((sum, s) => sum + stageMs(s), 0);
  const state: BurnoutState = !run.running
    ? 'paused'
    : run.readyAtMs !== null
      ? 'ready'
      : 'running';
  return {
    state,
    program,
    startedAtMs: run.startedAtMs,
    stageIndex,
    stage: current,
    setTempC: setTempFor(current, run.soakTempC),
    soakTempC: run.soakTempC,
    stageStartedAtMs: run.stageStartedAtMs,
    stageEndsAtMs:
      state === 'paused' ? null : state === 'ready' ? run.readyAtMs : nowMs + msLeftInStage,
    msLeftInStage,
    nextStage: program.stages[stageIndex + 1] ?? null,
    readyAtMs:
      state === 'paused' ? null : state === 'ready' ? run.readyAtMs : nowMs + msLeftInStage + later,
    elapsedMs: run.elapsedMs,
    pausedSinceMs: run.pausedSinceMs,
  };
}

/**
 * The moments in (fromMs, toMs] at which a stage ended or the flask became ready, from the log as it is
 * (no further pauses assumed), in time order. The board calls this on waking for the span it slept
 * through, so it can ring for what it missed. The last stage's end is the 'ready' alarm alone, not a
 * stage_end as well: one moment, one ring. Moments of a run later restarted are not included.
 */
export function burnoutAlarms(
  log: readonly BurnoutLogEntry[],
  fromMs: number,
  toMs: number,
): BurnoutAlarm[] {
  if (!(toMs > fromMs)) return [];
  const alarms: BurnoutAlarm[] = [];
  fold(log, toMs, (alarm) => {
    if (alarm.atMs > fromMs && alarm.atMs <= toMs) alarms.push(alarm);
  });
  return alarms;
}
