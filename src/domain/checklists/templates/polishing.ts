// Checklist for polishing and finishing.
import type { ChecklistTemplate } from '../types';
import { checkField, choiceField, CLEAN_STEP, inspectStep, PHOTO_AFTER_STEP } from './fields';

export const POLISHING: ChecklistTemplate = {
  kind: 'polishing',
  name: 'Polishing and finishing',
  // DOMAIN.md ("What workshop software commonly has"): polish about 30 days.
  warrantyDays: 30,
  detailFields: [
    choiceField('finish', 'Finish', [
      { value: 'high_polish', label: 'High polish' },
      { value: 'satin', label: 'Satin' },
      { value: 'brushed', label: 'Brushed' },
      { value: 'hammered', label: 'Hammered' },
    ]),
  ],
  steps: [
    // Polishing removes metal: worn prongs and thin shanks get thinner, so they are noted first.
    inspectStep(
      [checkField('worn_prongs', 'Worn or broken prongs', { optional: true })],
      'Polishing takes metal off: note worn prongs, thin shanks and loose stones before starting.',
    ),
    {
      id: 'remove_scratches',
      label: 'Remove scratches and pre-polish',
      requiredBeforeQc: true,
      fields: [],
    },
    { id: 'finish', label: 'Apply the finish', requiredBeforeQc: true, fields: [] },
    CLEAN_STEP,
    PHOTO_AFTER_STEP,
  ],
};
