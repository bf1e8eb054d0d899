// Checklist for cleaning a piece, with the stone check that keeps fragile stones out of the ultrasonic.
import type { ChecklistTemplate } from '../types';
import { checkField, choiceField, ULTRASONIC_WARNING } from './fields';

export const CLEANING: ChecklistTemplate = {
  kind: 'cleaning',
  name: 'Cleaning',
  // DOMAIN.md lists no warranty for a clean: it repairs nothing, so none (a shop choice).
  warrantyDays: 0,
  detailFields: [],
  steps: [
    {
      id: 'check_stones',
      label: 'Check the stones before cleaning',
      hint: ULTRASONIC_WARNING,
      requiredBeforeQc: true,
      fields: [
        checkField(
          'stones_checked',
          'Checked for emeralds, opals, pearls and fracture-filled stones',
        ),
        checkField('unsafe_stones', 'Has stones that must not go in the ultrasonic', {
          optional: true,
        }),
      ],
    },
    {
      id: 'clean',
      label: 'Clean',
      hint: ULTRASONIC_WARNING,
      requiredBeforeQc: true,
      fields: [
        choiceField('method', 'Cleaning method', [
          { value: 'ultrasonic', label: 'Ultrasonic' },
          { value: 'steam', label: 'Steam' },
          { value: 'ultrasonic_steam', label: 'Ultrasonic then steam' },
          { value: 'by_hand', label: 'By hand (warm water, soft brush)' },
        ]),
      ],
    },
    {
      id: 'inspect_after',
      label: 'Inspect under 10×',
      hint: 'A clean piece shows loose stones and worn prongs the dirt hid: tell the customer.',
      requiredBeforeQc: true,
      fields: [checkField('issues_found', 'Loose stones or worn prongs found', { optional: true })],
    },
  ],
};
