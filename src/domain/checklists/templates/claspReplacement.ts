// Checklist for replacing a clasp.
import type { ChecklistTemplate } from '../types';
import {
  alloyField,
  BENCH_METAL_G,
  checkField,
  choiceField,
  CLEAN_STEP,
  inspectStep,
  JOIN_OPTIONS,
  numberField,
  PHOTO_AFTER_STEP,
  POLISH_STEP,
} from './fields';

export const CLASP_REPLACEMENT: ChecklistTemplate = {
  kind: 'clasp_replacement',
  name: 'Clasp replacement',
  // DOMAIN.md ("What workshop software commonly has"): clasp work about 90 days.
  warrantyDays: 90,
  detailFields: [
    choiceField('clasp_type', 'Clasp type', [
      { value: 'lobster', label: 'Lobster' },
      { value: 'spring_ring', label: 'Spring ring' },
      { value: 'box', label: 'Box' },
      { value: 'toggle', label: 'Toggle' },
      { value: 'magnetic', label: 'Magnetic' },
    ]),
    alloyField('clasp_alloy', 'Clasp alloy', { optional: true }),
  ],
  steps: [
    inspectStep(
      [checkField('worn_end_rings', 'Worn jump rings or end caps', { optional: true })],
      'Check the jump rings, end caps and the links next to the clasp.',
    ),
    {
      id: 'remove_old',
      label: 'Remove the old clasp',
      // The old clasp is the customer's metal: it goes back in the envelope.
      requiredBeforeQc: true,
      fields: [
        checkField('old_clasp_kept', 'Old clasp kept for the customer', { optional: true }),
        // The piece is weighed back without it: its grams leave the expected return weight.
        numberField('metal_removed_g', 'Old clasp and ring weight', 'g', BENCH_METAL_G, {
          hint: 'What came off the piece; it goes back in the envelope, weighed apart.',
        }),
      ],
    },
    {
      id: 'attach',
      label: 'Attach the new clasp',
      hint: 'Solder the jump ring closed; an open ring is where clasps are lost.',
      requiredBeforeQc: true,
      fields: [
        choiceField('join', 'Jump ring closed with', JOIN_OPTIONS),
        numberField('metal_added_g', 'New clasp, ring and solder weight', 'g', BENCH_METAL_G, {
          hint: 'Weigh the new clasp and jump ring before attaching them.',
        }),
      ],
    },
    {
      id: 'test_tension',
      label: 'Test clasp tension',
      // DOMAIN.md (take-in): clasp tension is part of the condition a careful jeweler records.
      hint: 'Open and close it ten times: it must snap shut firmly; a box clasp also needs its safety catch.',
      requiredBeforeQc: true,
      fields: [checkField('tension_ok', 'Clasp snaps shut firmly')],
    },
    POLISH_STEP,
    CLEAN_STEP,
    PHOTO_AFTER_STEP,
  ],
};
