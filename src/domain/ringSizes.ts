// Ring sizes: the inner diameter in mm is the truth; US, UK, EU, Swiss and Japanese sizes are views.
//
// Why mm is the truth: published conversion tables disagree by half a UK letter or one or two Japanese
// sizes for the same ring (DOMAIN.md, "Ring sizes"), so a size typed in one convention is turned into
// millimetres once and every other convention is derived from that measurement, never from another table.

export const RING_SIZE_SYSTEMS = ['mm', 'us', 'uk', 'eu', 'ch', 'jp'] as const;
export type RingSizeSystem = (typeof RING_SIZE_SYSTEMS)[number];

/**
 * Inner diameters Loupe accepts, in mm. 11.6 is just under US 0 (11.63 mm). The top is 25.1 rather
 * than a round 25 because US 16½ is 25.04 mm: with 25 the largest US size that could be typed would be
 * 16¼. Every convention's accepted sizes are the ones whose diameter falls inside these limits.
 */
export const RING_SIZE_LIMITS = { minMm: 11.6, maxMm: 25.1 } as const;

export class RingSizeError extends Error {
  constructor(message: string) {
    super(message);
    // Set by hand: class names do not survive minification.
    this.name = 'RingSizeError';
  }
}

// US/Canada: 11.63 mm at size 0, +0.032 in (0.8128 mm) of diameter per whole size (Wikipedia, "Ring
// size": inner diameter = 11.63 + 0.8128 × US size; its circumference form 36.5 + 2.55 × US size is the
// same line times π, rounded).
const US_ZERO_MM = 11.63;
const US_STEP_MM = 0.8128;

export function usToMm(us: number): number {
  return US_ZERO_MM + US_STEP_MM * us;
}

/** The exact (unrounded) US size for an inner diameter; views round it to a quarter size. */
export function mmToUs(mm: number): number {
  return (mm - US_ZERO_MM) / US_STEP_MM;
}

export function circumferenceMm(innerDiameterMm: number): number {
  return Math.PI * innerDiameterMm;
}

export function diameterFromCircumference(circumference: number): number {
  return circumference / Math.PI;
}

// UK/Ireland/Australia letters: the linear scale DOMAIN.md gives (tools-shed.com converter table):
// A ≈ 37.8 mm inner circumference, +1.25 mm per letter, half letters every 0.625 mm, all 26 letters
// A–Z with none skipped, then Z+1, Z+2 … one letter step each. Published tables differ from this and from
// each other by half a letter or more (US 7 appears as N, N½ or O): the International Gem Society chart
// sits up to about a letter above this scale around US 6–8, Wikipedia's table about half a letter below.
const UK_A_CIRCUMFERENCE_MM = 37.8;
const UK_HALF_LETTER_MM = 0.625;
const UK_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const UK_Z_HALF_STEPS = 2 * (UK_LETTERS.length - 1);

// Japan (JIS): whole numbers, size 1 ≈ 13 mm inner diameter, about +1/3 mm per size (DOMAIN.md).
const JP_ONE_MM = 13;
const JP_STEP_MM = 1 / 3;

/**
 * One convention as a scale of numbers: `fromMm` gives the exact (continuous) size for a diameter,
 * views round it to `1 / perUnit` and keep it between the first size the convention has and the sizes
 * inside RING_SIZE_LIMITS. For UK the number is half-letter steps above A.
 */
interface Scale {
  label: string;
  perUnit: number;
  first: number;
  fromMm(mm: number): number;
  toMm(size: number): number;
  format(size: number): string;
  read(text: string): number | null;
  hint: string;
}

const SCALES: Readonly<Record<RingSizeSystem, Scale>> = {
  mm: {
    label: 'inner diameters',
    perUnit: 100,
    first: -Infinity,
    fromMm: (mm) => mm,
    toMm: (mm) => mm,
    format: (mm) => `${mm} mm`,
    read: (text) => readDecimal(text.replace(/\s*mm$/i, '')),
    hint: 'is not an inner diameter in mm (use a number like 17.3 or 17,3)',
  },
  us: {
    label: 'US ring sizes',
    perUnit: 4,
    // The US scale continues below 0 as 00, 000 (convert-me.com); RING_SIZE_LIMITS stops at 0.
    first: 0,
    fromMm: mmToUs,
    toMm: usToMm,
    format: formatUs,
    read: readAmount,
    hint: 'is not a US ring size (use a number like 7, 7.5 or 7½)',
  },
  uk: {
    label: 'UK ring sizes',
    perUnit: 1,
    first: 0,
    fromMm: (mm) => (circumferenceMm(mm) - UK_A_CIRCUMFERENCE_MM) / UK_HALF_LETTER_MM,
    toMm: (steps) => diameterFromCircumference(UK_A_CIRCUMFERENCE_MM + steps * UK_HALF_LETTER_MM),
    format: formatUk,
    read: readUk,
    hint: 'is not a UK ring size (use a letter like N or N½; past Z, Z+1)',
  },
  eu: {
    // ISO 8653: the size is the inner circumference in mm. It is a measurement, so it has no first size.
    label: 'EU ring sizes',
    perUnit: 1,
    first: -Infinity,
    fromMm: circumferenceMm,
    toMm: diameterFromCircumference,
    format: String,
    read: readAmount,
    hint: 'is not an EU ring size (use the inner circumference in mm, like 54)',
  },
  ch: {
    // Swiss, Italian, Spanish: inner circumference in mm minus 40, so 0 is 40 mm.
    label: 'Swiss ring sizes',
    perUnit: 1,
    first: 0,
    fromMm: (mm) => circumferenceMm(mm) - 40,
    toMm: (size) => diameterFromCircumference(size + 40),
    format: String,
    read: readAmount,
    hint: 'is not a Swiss ring size (use a number like 14: the inner circumference in mm minus 40)',
  },
  jp: {
    label: 'Japanese ring sizes',
    perUnit: 1,
    first: 1,
    fromMm: (mm) => 1 + (mm - JP_ONE_MM) / JP_STEP_MM,
    toMm: (size) => JP_ONE_MM + (size - 1) * JP_STEP_MM,
    format: String,
    read: (text) => (/^\d+$/.test(text) ? Number(text) : null),
    hint: 'is not a Japanese ring size (use a whole number like 14)',
  },
};

/** Sizes a scale offers inside RING_SIZE_LIMITS, in its own units: [smallest, largest]. */
function scaleRange(scale: Scale): [number, number] {
  // The small epsilons keep a limit that falls exactly on a size (11.6 mm, 25.1 mm) inside the range.
  const lo = Math.ceil(scale.fromMm(RING_SIZE_LIMITS.minMm) * scale.perUnit - 1e-9) / scale.perUnit;
  const hi =
    Math.floor(scale.fromMm(RING_SIZE_LIMITS.maxMm) * scale.perUnit + 1e-9) / scale.perUnit;
  return [noNegativeZero(Math.max(scale.first, lo)), noNegativeZero(hi)];
}

/**
 * The nearest size the convention has. Below its first size (UK A ≈ 12.03 mm, Swiss 0 ≈ 12.73 mm,
 * Japanese 1 = 13 mm: children's sizes) that is the first size; the mm view still tells the truth.
 */
function nearestSize(scale: Scale, mm: number): number {
  const [lo, hi] = scaleRange(scale);
  const size = Math.round(scale.fromMm(mm) * scale.perUnit) / scale.perUnit;
  return noNegativeZero(Math.min(hi, Math.max(lo, size)));
}

export interface RingSizeViews {
  /** Inner diameter, rounded to 0.01 mm. */
  mm: number;
  /** Inner circumference, rounded to 0.1 mm. */
  circumferenceMm: number;
  /** Nearest quarter size: '7', '7¼', '7½', '7¾'. */
  us: string;
  /** Nearest half letter: 'N', 'N½'; past Z, 'Z+1', 'Z+1½'. */
  uk: string;
  /** ISO 8653: inner circumference in mm, rounded. */
  eu: number;
  /** Swiss/Italian/Spanish: inner circumference − 40, rounded. */
  ch: number;
  /** JIS whole number. */
  jp: number;
}

export function ringSizeViews(innerDiameterMm: number): RingSizeViews {
  assertInRange(innerDiameterMm);
  return {
    mm: roundTo(innerDiameterMm, 100),
    circumferenceMm: roundTo(circumferenceMm(innerDiameterMm), 10),
    us: formatUs(nearestSize(SCALES.us, innerDiameterMm)),
    uk: formatUk(nearestSize(SCALES.uk, innerDiameterMm)),
    eu: nearestSize(SCALES.eu, innerDiameterMm),
    ch: nearestSize(SCALES.ch, innerDiameterMm),
    jp: nearestSize(SCALES.jp, innerDiameterMm),
  };
}

/** The inner diameter in mm for a size as a person types it in `system`. */
export function parseRingSize(system: RingSizeSystem, text: string): number {
  const scale = SCALES[system];
  const typed = text.trim();
  const size = scale.read(typed);
  if (size === null) throw new RingSizeError(`"${typed}" ${scale.hint}.`);
  const [lo, hi] = scaleRange(scale);
  if (size < lo - 1e-9 || size > hi + 1e-9) {
    const range =
      system === 'mm' ? `${lo} to ${hi} mm` : `${scale.format(lo)} to ${scale.format(hi)}`;
    throw new RingSizeError(`"${typed}" is outside the ${scale.label} Loupe handles (${range}).`);
  }
  return scale.toMm(size);
}

export const RING_SIZE_TABLE_NOTE =
  'Sizes are worked out from the inner diameter: US 0 is 11.63 mm plus 0.8128 mm a size, EU is the ' +
  'inner circumference in mm (ISO 8653), Swiss is that circumference minus 40, UK A is 37.8 mm around ' +
  'plus 1.25 mm a letter, and Japanese 1 is 13 mm plus ⅓ mm a size, so other charts may differ by half ' +
  'a UK letter or a Japanese size or two.';

function assertInRange(mm: number): void {
  if (!Number.isFinite(mm)) {
    throw new RingSizeError(
      `An inner diameter must be a number of millimetres, not ${String(mm)}.`,
    );
  }
  const { minMm, maxMm } = RING_SIZE_LIMITS;
  if (mm < minMm || mm > maxMm) {
    throw new RingSizeError(
      `An inner diameter of ${mm} mm is outside the range Loupe handles (${minMm} to ${maxMm} mm).`,
    );
  }
}

const QUARTERS = ['', '¼', '½', '¾'] as const;

function formatUs(size: number): string {
  const whole = Math.floor(size);
  const quarter = QUARTERS[Math.round((size - whole) * 4)] ?? '';
  return whole === 0 && quarter !== '' ? quarter : `${whole}${quarter}`;
}

function formatUk(halfSteps: number): string {
  const half = halfSteps % 2 === 1 ? '½' : '';
  if (halfSteps <= UK_Z_HALF_STEPS + 1) {
    return `${UK_LETTERS.charAt(Math.floor(halfSteps / 2))}${half}`;
  }
  return `Z+${Math.floor((halfSteps - UK_Z_HALF_STEPS) / 2)}${half}`;
}

const HALF = String.raw`(½|1\s*/\s*2)?`;
const UK_LETTER = new RegExp(String.raw`^([a-z])\s*${HALF}$`, 'i');
const UK_PAST_Z = new RegExp(String.raw`^z\s*\+\s*([1-9]\d*)\s*${HALF}$`, 'i');

function readUk(text: string): number | null {
  const letter = UK_LETTER.exec(text);
  if (letter) {
    const index = UK_LETTERS.indexOf((letter[1] ?? '').toUpperCase());
    return 2 * index + (letter[2] ? 1 : 0);
  }
  const pastZ = UK_PAST_Z.exec(text);
  if (pastZ) return UK_Z_HALF_STEPS + 2 * Number(pastZ[1]) + (pastZ[2] ? 1 : 0);
  return null;
}

/** '17.3' or '17,3' (a decimal comma, as typed on many European tablets). */
function readDecimal(text: string): number | null {
  return /^\d+(?:[.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : null;
}

const FRACTION_CHARS = new Map([
  ['⅛', 1 / 8],
  ['¼', 1 / 4],
  ['⅜', 3 / 8],
  ['½', 1 / 2],
  ['⅝', 5 / 8],
  ['¾', 3 / 4],
  ['⅞', 7 / 8],
]);

/** A size with a decimal or a fraction: '7', '7.5', '7,5', '7½', '7 1/2', '7-1/2', '½'. */
function readAmount(text: string): number | null {
  const decimal = readDecimal(text);
  if (decimal !== null) return decimal;

  const withChar = /^(\d*)\s*([⅛¼⅜½⅝¾⅞])$/.exec(text);
  if (withChar) return Number(withChar[1] ?? '') + (FRACTION_CHARS.get(withChar[2] ?? '') ?? 0);

  // A space or hyphen must separate the whole number from the fraction: '71/2' is ambiguous.
  const withSlash = /^(?:(\d+)(?:\s+|\s*-\s*))?(\d+)\s*\/\s*(\d+)$/.exec(text);
  if (withSlash) {
    const numerator = Number(withSlash[2]);
    const denominator = Number(withSlash[3]);
    if (denominator === 0 || numerator >= denominator) return null;
    return Number(withSlash[1] ?? '0') + numerator / denominator;
  }
  return null;
}

function roundTo(value: number, perUnit: number): number {
  // toPrecision first so 653.4999999999 (binary noise for 653.5) rounds the way a person expects.
  return noNegativeZero(Math.round(Number((value * perUnit).toPrecision(12))) / perUnit);
}

function noNegativeZero(value: number): number {
  return value === 0 ? 0 : value;
}
