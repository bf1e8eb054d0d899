// Words and numbers as the metal ledger shows them: grams to the bench scale's 0.01 g, who holds
// metal, a weigh-in against the book, a lot's yield, and money as the refiner bills it.
import { treeCode } from '../../domain/casting/tree';
import { SCRAP_KIND_INFO, potById } from '../../domain/ledger/scrap';
import type { ToleranceFlag } from '../../domain/ledger/scales';
import { alloyById, type MetalFamily } from '../../domain/metals';
import type { HolderData, MetalForm, WeighPlaceData } from '../../protocol/ledger';
import { PLACES } from '../jobs/job/places';

/** Grams to 0.01 g with a real minus sign: "50.00 g", "−0.02 g" (never "-0.00 g"). */
export function gramsText(g: number): string {
  const cents = Math.round(g * 100);
  const digits = (Math.abs(cents) / 100).toFixed(2);
  return cents < 0 ? `−${digits} g` : `${digits} g`;
}

/** A difference with its sign: "+0.01 g", "−0.02 g", "0.00 g". */
export function signedGramsText(g: number): string {
  const cents = Math.round(g * 100);
  return cents > 0 ? `+${gramsText(g)}` : gramsText(g);
}

/** A scale's tolerance: "±0.02 g". */
export function toleranceText(toleranceG: number): string {
  return `±${gramsText(toleranceG)}`;
}

export function alloyName(alloyId: string): string {
  try {
    return alloyById(alloyId).name;
  } catch {
    // An alloy a newer app version knows: its id is still better than nothing.
    return alloyId;
  }
}

export const FAMILY_NAMES: Record<MetalFamily, string> = {
  gold: 'Fine gold',
  silver: 'Fine silver',
  platinum: 'Fine platinum',
  palladium: 'Fine palladium',
};

export const FORM_LABELS: Record<MetalForm, string> = {
  grain: 'Grain',
  sheet: 'Sheet',
  wire: 'Wire',
  solder: 'Solder',
  findings: 'Findings stock',
  tube: 'Tube',
  casting: 'Casting',
};

export const SESSION_LABELS = {
  opening: 'Opening',
  closing: 'Closing',
  count: 'Spot count',
} as const;

/** The benches metal can sit at: the custody places whose ids start with "bench" (places.ts). */
export const BENCHES = PLACES.filter((p) => p.id.startsWith('bench')).map((p) => ({
  id: p.id,
  label: p.label,
}));

export function benchName(id: string): string {
  return BENCHES.find((b) => b.id === id)?.label ?? id;
}

/** A casting tree's short name, as its tag says it (domain/casting/tree.ts treeCode). */
export function treeName(treeId: string): string {
  return `Tree ${treeCode({ id: treeId })}`;
}

/** A refining lot's short name: L- and the last four characters of its id, like a tree's code. */
export function lotCode(lotId: string): string {
  return `L-${lotId.slice(-4)}`;
}

/** "Bench 1", "Mia Berg", "Tree T-4KQ2". */
export function holderText(holder: HolderData, nameOf: (staffId: string) => string): string {
  switch (holder.kind) {
    case 'bench':
      return benchName(holder.id);
    case 'person':
      return nameOf(holder.id);
    case 'tree':
      return treeName(holder.id);
  }
}

export function placeText(place: WeighPlaceData, nameOf: (staffId: string) => string): string {
  return place.kind === 'stock' ? 'the safe' : holderText(place, nameOf);
}

/** A holder as a choice's value: "bench:bench_1", "person:01J…" (the ledger's account names). */
export function holderKey(holder: HolderData): string {
  return `${holder.kind}:${holder.id}`;
}

export function holderFromKey(key: string): HolderData | null {
  const colon = key.indexOf(':');
  if (colon < 0) return null;
  const kind = key.slice(0, colon);
  const id = key.slice(colon + 1);
  if (kind === 'bench' || kind === 'person' || kind === 'tree') return { kind, id };
  return null;
}

export function potLabel(potId: string): string {
  return potById(potId)?.label ?? potId;
}

export function scrapKindLabel(kind: string): string {
  return kind in SCRAP_KIND_INFO
    ? SCRAP_KIND_INFO[kind as keyof typeof SCRAP_KIND_INFO].label
    : kind;
}

/**
 * A weighing against the book: "Book 12.40 g · scale 12.38 g: −0.02 g, within ±0.02 g", or, beyond the
 * scale, "Book 12.40 g · scale 12.10 g: 0.30 g short, beyond the scale's ±0.02 g". The flag is in the
 * words themselves, so it never rests on colour.
 */
export function weighInText(
  bookG: number,
  weighedG: number,
  toleranceG: number,
  flag: ToleranceFlag,
): string {
  const head = `Book ${gramsText(bookG)} · scale ${gramsText(weighedG)}`;
  const diff = weighedG - bookG;
  if (flag === 'within')
    return `${head}: ${signedGramsText(diff)}, within ${toleranceText(toleranceG)}`;
  return `${head}: ${gramsText(Math.abs(diff))} ${flag}, beyond the scale’s ${toleranceText(toleranceG)}`;
}

/** "credited 10.92 g fine of 11.70 g estimated: 93 %, −0.78 g". */
export function yieldText(
  creditedG: number,
  estimatedG: number,
  ratio: number | null,
  differenceG: number | null,
): string {
  const pct = ratio === null ? '' : `${Math.round(ratio * 100)} %, `;
  return `credited ${gramsText(creditedG)} fine of ${gramsText(estimatedG)} estimated: ${pct}${signedGramsText(differenceG ?? creditedG - estimatedG)}`;
}

/**
 * Cents as the refiner's bill shows them: "25.00", "-1.50". The shop's own currency goes unsaid.
 * The sign is written once, in front: the parts are of the amount without it.
 */
export function moneyText(cents: number): string {
  const whole = Math.abs(Math.round(cents));
  const sign = cents < 0 && whole > 0 ? '-' : '';
  return `${sign}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}
