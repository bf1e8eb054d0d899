// Which stage of the casting room's work a tree is at, so its page opens the section the caster needs.
import { metalForTree } from '../../../domain/casting/castingMath';
import { metalIssuedG, type TreeStage, type TreeState } from '../../../domain/casting/tree';

/** The page's sections, in the order a caster works. */
export const SECTION_IDS = [
  'waxes',
  'weigh',
  'metal',
  'flask',
  'burnout',
  'cast',
  'weighOut',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export const SECTION_TITLES: Record<SectionId, string> = {
  waxes: 'Waxes',
  weigh: 'Weigh the tree',
  metal: 'Metal',
  flask: 'Flask',
  burnout: 'Burnout',
  cast: 'Cast',
  weighOut: 'Weigh-out',
};

const STAGE_RANK: Record<TreeStage, number> = {
  building: 0,
  invested: 1,
  kiln: 2,
  cast: 3,
  done: 4,
};

/** Grams to weigh out for the tree as weighed (0.01 g, as the board shows it); null before weighing. */
export function metalNeededG(tree: TreeState): number | null {
  if (!tree.weighed) return null;
  const metal = metalForTree(tree.weighed.grossG, tree.weighed.baseG, tree.alloyId);
  return metal.ok ? metal.rounded.totalG : null;
}

/**
 * Whether a section's work is behind the caster. A later stage of the tree closes every section
 * before it, whatever was left in it: once the flask is mixed nobody goes back to the waxes, and
 * metal not issued yet is asked for by the cast (it is refused without).
 */
export function sectionDone(id: SectionId, tree: TreeState, burnoutReady = false): boolean {
  const rank = STAGE_RANK[tree.stage];
  const ticked = (step: keyof TreeState['steps']) => tree.steps[step]?.done === true;
  switch (id) {
    case 'waxes':
      return (
        rank >= 1 ||
        (tree.jobIds.length > 0 && ticked('wax_cleanup') && ticked('sprue') && ticked('tree'))
      );
    case 'weigh':
      return rank >= 1 || tree.weighed !== null;
    case 'metal': {
      if (rank >= 1) return true;
      const needed = metalNeededG(tree);
      const issued = metalIssuedG(tree).totalG;
      // Half the scale's last digit: 115.02 g issued for 115.02 g needed is enough.
      return needed !== null && issued > 0 && issued >= needed - 0.005;
    }
    case 'flask':
      return rank >= 2 || (tree.invested !== null && ticked('vacuum'));
    case 'burnout':
      // A run that is through its stages holds the flask at the soak: the cast is next.
      return rank >= 3 || (tree.stage === 'kiln' && burnoutReady);
    case 'cast':
      return (
        rank >= 4 ||
        (tree.cast !== null && ticked('quench') && ticked('devest') && ticked('cut_off'))
      );
    case 'weighOut':
      return tree.weighedOut !== null;
  }
}

export interface SectionPlan {
  /** The first section with work left; the weigh-out (its result) once all is done. */
  current: SectionId;
  later: SectionId[];
  earlier: SectionId[];
}

export function planSections(tree: TreeState, burnoutReady = false): SectionPlan {
  const index = SECTION_IDS.findIndex((id) => !sectionDone(id, tree, burnoutReady));
  const at = index < 0 ? SECTION_IDS.length - 1 : index;
  return {
    current: SECTION_IDS[at] as SectionId,
    later: SECTION_IDS.slice(at + 1),
    earlier: SECTION_IDS.slice(0, at),
  };
}
