// Checklist for re-tipping worn prongs.
import type { ChecklistTemplate } from '../types';
import {
  alloyField,
  BENCH_METAL_G,
  checkField,
  choiceField,
  CLEAN_STEP,
  inspectStep,
  numberField,
  PHOTO_AFTER_STEP,
  photoField,
  POLISH_STEP,
  textField,
} from './fields';

/** A cluster or halo can carry dozens of prongs; more than this is a typo. */
const PRONG_COUNT = { min: 1, max: 100, step: 1 } as const;

export const PRONG_RETIPPING: ChecklistTemplate = {
  kind: 'prong_retipping',
  name: 'Prong re-tipping',
  // DOMAIN.md ("What workshop software commonly has"): prongs carry about 90 days of warranty.
  warrantyDays: 90,
  detailFields: [
    numberField('prong_count', 'Prongs to re-tip', 'count', PRONG_COUNT),
    textField('which_prongs', 'Which prongs', 200, {
      hint: 'e.g. "centre stone, prongs at 2 and 8 o\'clock"',
    }),
  ],
  steps: [
    // DOMAIN.md (take-in): one worn prong means check all; photograph stones before anyone heats them,
    // so a chip that was already there is on record.
    inspectStep([
      photoField('stones_before_photo', 'Photo of the stones before'),
      checkField('all_prongs_checked', 'All other prongs checked'),
    ]),
    {
      id: 'protect_stone',
      label: 'Protect the stone',
      hint: 'Emerald, opal, pearl, tanzanite and treated stones do not take torch heat: remove them or laser.',
      requiredBeforeQc: true,
      fields: [
        checkField('heat_sensitive', 'Heat-sensitive stone', { optional: true }),
        choiceField('protection', 'Protection', [
          { value: 'stone_removed', label: 'Stone removed' },
          { value: 'heat_shield', label: 'Heat-shield paste' },
          { value: 'none_needed', label: 'None needed (laser)' },
        ]),
      ],
    },
    {
      id: 'retip',
      label: 'Re-tip the prongs',
      requiredBeforeQc: true,
      fields: [
        choiceField('method', 'Method', [
          { value: 'laser', label: 'Laser' },
          { value: 'torch', label: 'Torch' },
        ]),
        numberField('prongs_retipped', 'Prongs re-tipped', 'count', PRONG_COUNT),
        // Required (0 allowed): the metal balance counts it, and a blank would read as none used.
        numberField('metal_added_g', 'Re-tipping wire used', 'g', BENCH_METAL_G, {
          hint: 'Weigh the wire before and after; 0 if the tips were built up with no wire.',
        }),
        alloyField('wire_alloy', 'Re-tipping wire alloy', { optional: true }),
      ],
    },
    {
      id: 'shape_file',
      label: 'Shape and file the tips',
      hint: 'Tips cover the girdle, rounded, nothing to catch on a sweater.',
      requiredBeforeQc: true,
      fields: [],
    },
    {
      id: 'check_stones',
      label: 'Check the stones are tight',
      requiredBeforeQc: true,
      fields: [checkField('stones_tight', 'All stones tight')],
    },
    POLISH_STEP,
    CLEAN_STEP,
    PHOTO_AFTER_STEP,
  ],
};
