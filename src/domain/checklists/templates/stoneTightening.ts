// Checklist for tightening loose stones.
import type { ChecklistTemplate } from '../types';
import {
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

const STONE_COUNT = { min: 1, max: 200, step: 1 } as const;

export const STONE_TIGHTENING: ChecklistTemplate = {
  kind: 'stone_tightening',
  name: 'Stone tightening',
  // DOMAIN.md ("What workshop software commonly has"): setting work about 90 days.
  warrantyDays: 90,
  detailFields: [
    numberField('stone_count', 'Loose stones', 'count', STONE_COUNT),
    textField('which_stones', 'Which stones', 200, { optional: true }),
  ],
  steps: [
    // DOMAIN.md (take-in): loose and chipped stones are recorded, with photos, before work starts.
    inspectStep([
      photoField('stones_before_photo', 'Photo of the stones before'),
      checkField('chips_found', 'Chipped stones found', { optional: true }),
    ]),
    {
      id: 'tighten',
      label: 'Tighten the stones',
      requiredBeforeQc: true,
      fields: [
        numberField('stones_tightened', 'Stones tightened', 'count', STONE_COUNT),
        choiceField(
          'setting',
          'Setting',
          [
            { value: 'prong', label: 'Prong' },
            { value: 'bezel', label: 'Bezel' },
            { value: 'channel', label: 'Channel' },
            { value: 'pave_bead', label: 'Pavé or bead' },
            { value: 'other', label: 'Other' },
          ],
          { optional: true },
        ),
      ],
    },
    {
      id: 'check_all_stones',
      label: 'Check every other stone',
      hint: 'Tap each stone under 10×: no movement, no rattle. A loose one found now is a new quote, not a comeback.',
      requiredBeforeQc: true,
      fields: [checkField('all_stones_tight', 'All stones tight')],
    },
    POLISH_STEP,
    CLEAN_STEP,
    PHOTO_AFTER_STEP,
  ],
};
