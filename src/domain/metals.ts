// The alloys the bench works in: fineness, specific gravity, wax-to-metal factor and scrap pot.

export const ALLOY_IDS = [
  'au10y',
  'au10w',
  'au10r',
  'au14y',
  'au14w',
  'au14r',
  'au18y',
  'au18w',
  'au18r',
  'au24',
  'ag925',
  'ag999',
  'pt950',
  'pd950',
] as const;
export type AlloyId = (typeof ALLOY_IDS)[number];

export type MetalFamily = 'gold' | 'silver' | 'platinum' | 'palladium';

export interface Alloy {
  id: AlloyId;
  /** As the bench says it: '14k yellow gold', 'Sterling silver', 'Platinum 950'. */
  name: string;
  family: MetalFamily;
  /** Precious metal content in parts per thousand: 417, 585, 750, 999, 925, 950. */
  fineness: number;
  colour?: 'yellow' | 'white' | 'rose';
  specificGravity: number;
  /** Multiply the wax tree's weight by this for the metal it needs (before the button). */
  waxToMetal: number;
  /**
   * Which scrap pot its filings, sprues and buttons go in. DOMAIN.md ("Precious metal and scrap"): keep
   * scrap separate by karat and metal family, platinum group apart from gold and silver. Colours of one
   * karat share a pot because the refiner pays on fine content; platinum and palladium get a pot each
   * because they refine and pay differently.
   */
  scrapGroup: string;
}

// Sources for the figures below.
// - Wax-to-metal factors are the alloy's specific gravity, taking wax as 1 (AU Enterprises, "Relative
//   Weights": "The specific gravity of wax is 1"), so for every alloy here waxToMetal = specificGravity.
// - Where DOMAIN.md gives a figure (Rio Grande and AU Enterprises tables; Romanoff for Pt/Pd 950) it is
//   used as is: sterling 10.36, fine silver 10.49, 10k yellow 11.57 (the low end of 11.57–11.60),
//   14k yellow 13.07, 14k white 12.65, 18k yellow 15.58, 18k white 14.65, 24k 19.32, Pd950 12.0.
// - Pt950 is sold as Pt/Ir, Pt/Co and Pt/Ru, about 20.7–21.5 (DOMAIN.md). We take 21.5 so a tree is
//   never short of metal whichever alloy the shop buys; the surplus comes back as button.
// - DOMAIN.md has no figure for 10k white, or for rose golds: these are typical published figures from
//   Stuller's specific-gravity list (Stuller, "Where can I find the specific gravity of various
//   materials?", 2012), which calls rose "red": 10k white 11.07, 10k red 11.59, 14k red 13.26,
//   18k red 15.18. Real alloys vary by a few per cent with their recipe (nickel or palladium white).
function alloy(
  id: AlloyId,
  name: string,
  family: MetalFamily,
  fineness: number,
  specificGravity: number,
  scrapGroup: string,
  colour?: Alloy['colour'],
): Alloy {
  const base = {
    id,
    name,
    family,
    fineness,
    specificGravity,
    waxToMetal: specificGravity,
    scrapGroup,
  };
  return Object.freeze(colour === undefined ? base : { ...base, colour });
}

export const ALLOYS: Readonly<Record<AlloyId, Alloy>> = Object.freeze({
  au10y: alloy('au10y', '10k yellow gold', 'gold', 417, 11.57, 'gold-10k', 'yellow'),
  au10w: alloy('au10w', '10k white gold', 'gold', 417, 11.07, 'gold-10k', 'white'),
  au10r: alloy('au10r', '10k rose gold', 'gold', 417, 11.59, 'gold-10k', 'rose'),
  au14y: alloy('au14y', '14k yellow gold', 'gold', 585, 13.07, 'gold-14k', 'yellow'),
  au14w: alloy('au14w', '14k white gold', 'gold', 585, 12.65, 'gold-14k', 'white'),
  au14r: alloy('au14r', '14k rose gold', 'gold', 585, 13.26, 'gold-14k', 'rose'),
  au18y: alloy('au18y', '18k yellow gold', 'gold', 750, 15.58, 'gold-18k', 'yellow'),
  au18w: alloy('au18w', '18k white gold', 'gold', 750, 14.65, 'gold-18k', 'white'),
  au18r: alloy('au18r', '18k rose gold', 'gold', 750, 15.18, 'gold-18k', 'rose'),
  au24: alloy('au24', '24k gold', 'gold', 999, 19.32, 'gold-24k'),
  ag925: alloy('ag925', 'Sterling silver', 'silver', 925, 10.36, 'silver-925'),
  ag999: alloy('ag999', 'Fine silver', 'silver', 999, 10.49, 'silver-999'),
  pt950: alloy('pt950', 'Platinum 950', 'platinum', 950, 21.5, 'platinum'),
  pd950: alloy('pd950', 'Palladium 950', 'palladium', 950, 12.0, 'palladium'),
});

export function isAlloyId(x: unknown): x is AlloyId {
  // Checked against the list, not `x in ALLOYS`, so 'toString' and friends are not alloys.
  return typeof x === 'string' && (ALLOY_IDS as readonly string[]).includes(x);
}

export function alloyById(id: string): Alloy {
  if (!isAlloyId(id)) {
    throw new Error(`Unknown alloy "${id}". Known alloys: ${ALLOY_IDS.join(', ')}.`);
  }
  return ALLOYS[id];
}

export interface MetalEstimate {
  /** Metal for the tree itself: wax × the alloy's factor. */
  metalGrams: number;
  /** Extra for the button (the sprue reservoir that feeds the tree as it shrinks). */
  buttonGrams: number;
  /** What to weigh out: metal + button. */
  totalGrams: number;
}

/**
 * Metal to issue for a wax tree. DOMAIN.md ("Wax to metal"): multiply the tree's wax weight by the
 * factor and add about 10 % for the button. Each figure is rounded to 0.01 g and the total is the sum of
 * the rounded parts, so the numbers on the casting record add up.
 */
export function estimateMetalForWax(
  waxGrams: number,
  alloyId: AlloyId,
  buttonShare = 0.1,
): MetalEstimate {
  if (!Number.isFinite(waxGrams) || waxGrams <= 0) {
    throw new Error(`Wax weight must be a positive number of grams (got ${String(waxGrams)}).`);
  }
  if (!(buttonShare >= 0 && buttonShare <= 1)) {
    throw new Error(`Button share must be between 0 and 1 (got ${String(buttonShare)}).`);
  }
  const metal = waxGrams * alloyById(alloyId).waxToMetal;
  const metalGrams = roundGrams(metal);
  const buttonGrams = roundGrams(metal * buttonShare);
  return { metalGrams, buttonGrams, totalGrams: roundGrams(metalGrams + buttonGrams) };
}

function roundGrams(grams: number): number {
  // toPrecision first so binary noise (6.534999… for 6.535) rounds the way a person expects.
  return Math.round(Number((grams * 100).toPrecision(12))) / 100;
}
