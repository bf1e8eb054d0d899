// Scrap as the bench segregates it: which pot each kind of scrap of each alloy goes in, and what fine
// metal a pot is estimated to hold before the refiner assays it.
import type { ScrapKind } from '../../protocol/ledger';
import { ALLOYS, alloyById, type AlloyId, type MetalFamily } from '../metals';

export type PotGrade = 'clean' | 'sweeps';

export interface ScrapKindInfo {
  label: string;
  grade: PotGrade;
}

/**
 * DOMAIN.md ("Precious metal and scrap"): bench sweeps and polishing dust assay low and vary most, so
 * they are estimated apart from clean scrap: they go in a pot of their own, of the same scrap group.
 */
export const SCRAP_KIND_INFO: Readonly<Record<ScrapKind, ScrapKindInfo>> = {
  bench_filings: { label: 'Bench filings', grade: 'clean' },
  sprues_buttons: { label: 'Sprues and buttons', grade: 'clean' },
  lemel: { label: 'Lemel', grade: 'clean' },
  bench_sweeps: { label: 'Bench sweeps', grade: 'sweeps' },
  polishing_dust: { label: 'Polishing dust', grade: 'sweeps' },
  floor_sweeps: { label: 'Floor sweeps', grade: 'sweeps' },
};

/**
 * The share of a sweeps pot's fine content a refiner typically pays out: a first estimate only. Sweeps
 * weigh with their dust, paper and compound, so their metal is a fraction of their weight; each settled
 * lot's yield shows the shop how far off this is for its own sweeps.
 */
export const SWEEPS_ESTIMATED_RECOVERY = 0.25;

/** The pot a kind of scrap of an alloy goes in: `gold-14k/clean`, `platinum/sweeps`. */
export function potIdFor(alloyId: AlloyId, kind: ScrapKind): string {
  return `${alloyById(alloyId).scrapGroup}/${SCRAP_KIND_INFO[kind].grade}`;
}

export interface PotInfo {
  id: string;
  scrapGroup: string;
  grade: PotGrade;
  family: MetalFamily;
  /** As the bench says it: "14k gold, clean scrap", "Platinum, sweeps". */
  label: string;
}

/** Every pot the shop can have: each scrap group, clean and sweeps, in the alloys' order. */
export const POTS: readonly PotInfo[] = (() => {
  const seen = new Map<string, PotInfo>();
  for (const alloy of Object.values(ALLOYS)) {
    for (const grade of ['clean', 'sweeps'] as const) {
      const id = `${alloy.scrapGroup}/${grade}`;
      if (seen.has(id)) continue;
      seen.set(id, {
        id,
        scrapGroup: alloy.scrapGroup,
        grade,
        family: alloy.family,
        label: `${groupName(alloy.scrapGroup)}, ${grade === 'clean' ? 'clean scrap' : 'sweeps'}`,
      });
    }
  }
  return [...seen.values()];
})();

/** A pot by id, or null for one this version does not know. */
export function potById(id: string): PotInfo | null {
  return POTS.find((p) => p.id === id) ?? null;
}

/** "gold-14k" → "14k gold", "silver-925" → "Sterling silver", "platinum" → "Platinum". */
function groupName(group: string): string {
  const [family, grade] = group.split('-');
  if (family === 'gold' && grade) return `${grade} gold`;
  if (family === 'silver') return grade === '925' ? 'Sterling silver' : 'Fine silver';
  return (family ?? group).charAt(0).toUpperCase() + (family ?? group).slice(1);
}

/** Fine weight: grams × fineness (DOMAIN.md: 14k = 585 ‰, 18k = 750 ‰, sterling 925 ‰, Pt950 950 ‰). */
export function fineGrams(grams: number, alloyId: AlloyId): number {
  return (grams * alloyById(alloyId).fineness) / 1000;
}

/** The fine metal grams of scrap in a pot of this grade are estimated to give at the refiner. */
export function estimatedFineGrams(grams: number, alloyId: AlloyId, grade: PotGrade): number {
  return fineGrams(grams, alloyId) * (grade === 'sweeps' ? SWEEPS_ESTIMATED_RECOVERY : 1);
}
