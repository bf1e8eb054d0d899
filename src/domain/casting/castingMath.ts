// Casting-room arithmetic: metal for a wax tree, flask temperature, investment for a flask, timers, metal loss.
import { BURNOUT_MAX_TEMP_C } from '../checklists/templates/lostWaxCasting';
import { ALLOYS, estimateMetalForWax, type AlloyId } from '../metals';
import { flaskSize, type FlaskSizeId } from './burnout';

const MINUTE_MS = 60_000;

/** Binary noise off (31.1 − 30.789 is 0.31100000000000136), so a figure on a boundary stays on it. */
function clean(x: number): number {
  return Number(x.toPrecision(12));
}

// ---------------------------------------------------------------------------------------------------
// Wax to metal

/** DOMAIN.md ("Wax to metal"): add about 10 % for the button. */
export const BUTTON_SHARE = 0.1;

export interface TreeGrams {
  waxG: number;
  metalG: number;
  buttonG: number;
  totalG: number;
}

export type TreeMetal =
  | (TreeGrams & {
      ok: true;
      /** The alloy's wax-to-metal factor (metals.ts). */
      factor: number;
      /**
       * The same figures to 0.01 g for the board and the casting record, each rounded and the total the
       * sum of the rounded parts so the record adds up (as estimateMetalForWax does). The top-level
       * figures are exact: use those for any further arithmetic.
       */
      rounded: TreeGrams;
    })
  | { ok: false; message: string };

/**
 * Metal to weigh out for a tree, from the tree weighed on its base and the base alone. DOMAIN.md ("Wax to
 * metal"): wax × the alloy's factor, plus about 10 % for the button. Returns exact grams, with `rounded`
 * for display.
 */
export function metalForTree(
  grossG: number,
  baseG: number,
  alloyId: AlloyId,
  buttonShare = BUTTON_SHARE,
): TreeMetal {
  if (!Number.isFinite(grossG) || grossG <= 0) {
    return { ok: false, message: 'Enter the weight of the tree on its base, in grams.' };
  }
  if (!Number.isFinite(baseG) || baseG < 0) {
    return {
      ok: false,
      message: 'Enter the weight of the base alone, in grams (0 if the tree was weighed off it).',
    };
  }
  if (baseG >= grossG) {
    return {
      ok: false,
      message: `The base (${baseG} g) weighs as much as the tree on it (${grossG} g) or more: weigh the tree on its base, then the base alone.`,
    };
  }
  const factor = ALLOYS[alloyId].waxToMetal;
  const waxG = grossG - baseG;
  const metalG = waxG * factor;
  const buttonG = metalG * buttonShare;
  const shown = estimateMetalForWax(waxG, alloyId, buttonShare);
  return {
    ok: true,
    factor,
    waxG,
    metalG,
    buttonG,
    totalG: metalG + buttonG,
    rounded: {
      waxG: Math.round(clean(waxG * 100)) / 100,
      metalG: shown.metalGrams,
      buttonG: shown.buttonGrams,
      totalG: shown.totalGrams,
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Melting points and flask temperature

/**
 * Liquidus (fully molten), °C. Alloys melt over a range; the rule of thumb counts from the top of it.
 * - Fine gold 1064, fine silver 962: DOMAIN.md (Ganoksin forum; Delmer Group).
 * - Sterling 893 (1640 °F): the liquidus published for 92.5 Ag / 7.5 Cu by most casting-grain suppliers
 *   (solidus about 802 °C).
 * - Karat golds: the karat-gold melting list jewelers' suppliers and teaching pages reprint (e.g. "Types of
 *   Gold", beadsouk.blogspot.com): 10k yellow 1665 °F (907), 14k yellow 1615 °F (879), 14k white 1825 °F
 *   (996), 18k yellow 1700 °F (927), 18k white 1730 °F (943); its longer versions give 10k white 1975 °F
 *   (1079). White golds are mostly nickel whites here; palladium whites melt higher still.
 * - Rose golds: no published figure in our sources. Estimated from the gold–copper liquidus, which dips to
 *   about 910 °C near 18k red's make-up, and rises with copper: 18k 915, 14k 930, 10k 940. Replace them
 *   with the supplier's sheet for the casting grain the shop buys.
 * - Platinum 950 about 1780 (Pt–Ru and Pt–Ir 950; Pt–Co a little lower), inside DOMAIN.md's 1550–1800 for
 *   platinum alloys; palladium 950 about 1550 (fine palladium melts at about 1550 °C, Ganoksin "Recipes
 *   – alloys"). Only used to say gypsum will not do: they are not cast from a gypsum flask.
 */
export const MELTING_POINTS_C: Readonly<Record<AlloyId, number>> = Object.freeze({
  au10y: 907,
  au10w: 1079,
  au10r: 940,
  au14y: 879,
  au14w: 996,
  au14r: 930,
  au18y: 927,
  au18w: 943,
  au18r: 915,
  au24: 1064,
  ag925: 893,
  ag999: 962,
  pt950: 1780,
  pd950: 1550,
});

/** DOMAIN.md (burnout): cast with the flask about 200 °C below the alloy's melting point. */
export const FLASK_BELOW_MELTING_C = 200;

export interface FlaskTempAdvice {
  alloyId: AlloyId;
  meltingPointC: number;
  /** Melting point − 200 °C, the rule as DOMAIN.md gives it, whatever the investment. */
  ruleTempC: number;
  /** Whether the alloy is cast from a gypsum-bonded flask at all. */
  gypsumOk: boolean;
  /** The flask temperature to use in gypsum: the rule, never above 788 °C; null when gypsum will not do. */
  flaskTempC: number | null;
  /** The rule gave more than gypsum takes, so flaskTempC is the investment's limit, not the rule. */
  capped: boolean;
  /** What to tell the caster about it. */
  note: string;
}

/**
 * The flask temperature for an alloy by DOMAIN.md's rule of thumb (melting point − 200 °C), for a
 * gypsum-bonded flask. Gypsum breaks down above 788 °C (1450 °F), so a higher rule is capped and said so;
 * platinum and palladium need a phosphate-bonded investment and a hotter flask (DOMAIN.md, "Investing
 * and casting"), so for them there is no gypsum figure.
 */
export function flaskTempRuleOfThumb(alloyId: AlloyId): FlaskTempAdvice {
  const alloy = ALLOYS[alloyId];
  const meltingPointC = MELTING_POINTS_C[alloyId];
  const ruleTempC = meltingPointC - FLASK_BELOW_MELTING_C;
  if (alloy.family === 'platinum' || alloy.family === 'palladium') {
    return {
      alloyId,
      meltingPointC,
      ruleTempC,
      gypsumOk: false,
      flaskTempC: null,
      capped: false,
      note: `${alloy.name} melts at about ${meltingPointC} °C: cast it in a phosphate-bonded investment with its own burnout, not a gypsum flask (gypsum breaks down above ${BURNOUT_MAX_TEMP_C} °C).`,
    };
  }
  if (ruleTempC > BURNOUT_MAX_TEMP_C) {
    return {
      alloyId,
      meltingPointC,
      ruleTempC,
      gypsumOk: true,
      flaskTempC: BURNOUT_MAX_TEMP_C,
      capped: true,
      note: `The rule gives ${ruleTempC} °C (${meltingPointC} °C less ${FLASK_BELOW_MELTING_C}), hotter than gypsum-bonded investment takes: cast from at most ${BURNOUT_MAX_TEMP_C} °C.`,
    };
  }
  return {
    alloyId,
    meltingPointC,
    ruleTempC,
    gypsumOk: true,
    flaskTempC: ruleTempC,
    capped: false,
    note: `About ${ruleTempC} °C: ${FLASK_BELOW_MELTING_C} °C below ${alloy.name}'s melting point (${meltingPointC} °C).`,
  };
}

// ---------------------------------------------------------------------------------------------------
// Investment

/**
 * DOMAIN.md ("Investing and casting"): 38 parts water to 100 of powder for large castings, 39 medium, 40
 * fine detail, by weight (Ransom & Randolph via Ganoksin).
 */
export const INVESTMENT_WATER_RATIOS = Object.freeze({ large: 38, medium: 39, fine: 40 } as const);

/** The range the casting checklist accepts for a maker's water ratio (lostWaxCasting.ts, water_ratio_pct). */
export const WATER_RATIO_LIMITS = Object.freeze({ minPct: 25, maxPct: 60 } as const);

/**
 * The reference flask: DOMAIN.md's "3×2.5 in flask takes about 12 oz (340 g) of powder and 136 ml of
 * water" (Kerr Satin Cast 20; 136 ml is 40 % of 340 g). Kerr's chart gives height × diameter, so this is a
 * flask 2.5 in across and 3 in high. Read the other way round it would not fit Kerr's other rows: a flask 3 in
 * wide and 3 in tall takes 18 oz, 510 g (T. Bauman's blog, 2010, from Kerr's chart; 490 g by this scaling)
 * and a short flask 3 in high and 3.5 in across 1.5 lb, 680 g (Ganoksin, "Investment – how to mix?"; 666 g
 * here), where the other reading gives 408 g and 555 g. Kerr's tall 5 × 3.5 in row (2 lb) is about a fifth
 * under volume scaling, so for tall flasks these figures leave some over.
 */
const REFERENCE_FLASK = { diameterIn: 2.5, heightIn: 3, powderG: 340 } as const;

function cylinderVolume(diameterIn: number, heightIn: number): number {
  return Math.PI * (diameterIn / 2) ** 2 * heightIn;
}

export interface InvestmentAmounts {
  /** Powder to weigh out, whole grams. */
  powderG: number;
  /** Water, whole ml (1 g of water is 1 ml), for the powder as weighed. */
  waterMl: number;
}

/**
 * Investment for a flask. The slurry fills the flask, so powder scales with the flask's volume, π r² h,
 * from the reference flask above; the water is the powder times the maker's ratio (parts water to 100
 * parts powder by weight). Powder is rounded to the gram first and the water worked from that, so the
 * ratio holds for what is actually on the scale.
 */
export function investmentFor(sizeId: FlaskSizeId, waterRatioPct: number): InvestmentAmounts {
  const { minPct, maxPct } = WATER_RATIO_LIMITS;
  if (!Number.isFinite(waterRatioPct) || waterRatioPct < minPct || waterRatioPct > maxPct) {
    throw new RangeError(
      `Water ratio must be ${minPct}–${maxPct} parts to 100 of powder (got ${String(waterRatioPct)}).`,
    );
  }
  const size = flaskSize(sizeId);
  const share =
    cylinderVolume(size.diameterIn, size.heightIn) /
    cylinderVolume(REFERENCE_FLASK.diameterIn, REFERENCE_FLASK.heightIn);
  const powderG = Math.round(clean(REFERENCE_FLASK.powderG * share));
  return { powderG, waterMl: Math.round(clean((powderG * waterRatioPct) / 100)) };
}

/**
 * Working time from mixing (powder into the water) to the flask poured. Gypsum investments give about
 * 9–10 minutes; 9½ is the figure in McCreight's casting chapter ("a working time of about 9½ minutes", as
 * quoted in course notes at eadoma1.blogspot.com, 2008). Warmer water shortens it, and Whip Mix ("Dental
 * technicians: do you cast jewelry?") says to time your own: from powder into water to gloss-off, less 2
 * minutes. So it is a parameter, and the shop should set its investment's figure.
 */
export const DEFAULT_WORKING_MINUTES = 9.5;

/** DOMAIN.md ("Investing and casting"): let a flask stand about 2 h before dewaxing. */
export const BENCH_SET_MINUTES = 120;

export interface TimeLeft {
  endsAtMs: number;
  /** Never below 0. */
  msLeft: number;
  /** The time is up (at endsAtMs exactly it is). */
  over: boolean;
}

function timeLeft(fromMs: number, minutes: number, nowMs: number, what: string): TimeLeft {
  if (!Number.isFinite(minutes) || minutes <= 0) {
    throw new RangeError(`${what} must be more than 0 minutes (got ${String(minutes)}).`);
  }
  const endsAtMs = fromMs + minutes * MINUTE_MS;
  return { endsAtMs, msLeft: Math.max(0, endsAtMs - nowMs), over: nowMs >= endsAtMs };
}

/** Working time left to pour the flask, counted from the moment the powder went into the water. */
export function workingTimeLeft(
  mixedAtMs: number,
  workingMinutes: number,
  nowMs: number,
): TimeLeft {
  return timeLeft(mixedAtMs, workingMinutes, nowMs, 'Working time');
}

/** Bench set left before the flask may be dewaxed, counted from the pour. */
export function setTimeLeft(
  pouredAtMs: number,
  nowMs: number,
  setMinutes = BENCH_SET_MINUTES,
): TimeLeft {
  return timeLeft(pouredAtMs, setMinutes, nowMs, 'Bench set');
}

// ---------------------------------------------------------------------------------------------------
// Metal loss

/**
 * Loss over which a casting is flagged. DOMAIN.md gives no figure: 1 % of the metal issued is this shop's
 * starting point, editable within LOSS_THRESHOLD_LIMITS.
 */
export const DEFAULT_LOSS_THRESHOLD_PCT = 1;
export const LOSS_THRESHOLD_LIMITS = Object.freeze({ minPct: 0.1, maxPct: 10 } as const);
/** A gain this small is the scale's last digit, not metal from nowhere. */
export const GAIN_TOLERANCE_G = 0.01;

export type LossThresholdCheck =
  { ok: true; thresholdPct: number } | { ok: false; message: string };

export function checkLossThreshold(pct: number): LossThresholdCheck {
  const { minPct, maxPct } = LOSS_THRESHOLD_LIMITS;
  if (!Number.isFinite(pct)) {
    return { ok: false, message: 'Enter the loss threshold as a percentage, such as 1.' };
  }
  if (pct < minPct || pct > maxPct) {
    return {
      ok: false,
      message: `Set the loss threshold between ${minPct} % and ${maxPct} % of the metal issued (it says ${pct} %).`,
    };
  }
  return { ok: true, thresholdPct: pct };
}

export interface CastingWeights {
  issuedG: number;
  castingsG: number;
  /** The button. The checklist weighs button and sprues together: put that in one and 0 in the other. */
  buttonG: number;
  spruesG: number;
}

export interface MetalLoss {
  /** Issued less all that came back, g; negative is a gain. */
  lossG: number;
  /** The loss as a share of the metal issued, %. */
  lossPct: number;
  flagged: boolean;
  reason?: string;
}

function grams(g: number): string {
  return `${g.toFixed(2)} g`;
}

function percent(p: number): string {
  return `${Number(p.toFixed(2))} %`;
}

/**
 * What a casting lost (DOMAIN.md, "Precious metal and scrap": the casting record's metal issued, good
 * weight returned and button). Flagged when the loss is more than the threshold (exactly at it is not), or
 * when more came back than was issued. Throws for weights no form should let through.
 */
export function metalLoss(
  weights: CastingWeights,
  thresholdPct = DEFAULT_LOSS_THRESHOLD_PCT,
): MetalLoss {
  const { issuedG, castingsG, buttonG, spruesG } = weights;
  for (const [name, g] of Object.entries(weights)) {
    if (typeof g !== 'number' || !Number.isFinite(g) || g < 0) {
      throw new RangeError(`${name} must be a weight of 0 g or more (got ${String(g)}).`);
    }
  }
  if (issuedG <= 0)
    throw new RangeError('The metal issued must be more than 0 g to work out a loss.');
  const threshold = checkLossThreshold(thresholdPct);
  if (!threshold.ok) throw new RangeError(threshold.message);

  const lossG = clean(issuedG - (castingsG + buttonG + spruesG));
  const lossPct = clean((lossG / issuedG) * 100);
  if (lossG < -GAIN_TOLERANCE_G) {
    return {
      lossG,
      lossPct,
      flagged: true,
      reason: `${grams(-lossG)} more came back than was issued: check the scale or the issue.`,
    };
  }
  if (lossPct > thresholdPct) {
    return {
      lossG,
      lossPct,
      flagged: true,
      reason: `${grams(lossG)} (${percent(lossPct)}) is missing, more than the ${percent(thresholdPct)} allowed: look for metal in the spent investment, the crucible and the sweeps, then weigh again.`,
    };
  }
  return { lossG, lossPct, flagged: false };
}
