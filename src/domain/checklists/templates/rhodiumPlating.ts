// Checklist for rhodium plating, in the sequence of DOMAIN.md (Stuller 12-step guide; Romanoff/Blaco; Ganoksin).
import type { StepTemplate, ChecklistTemplate } from '../types';
import {
  alloyField,
  checkField,
  choiceField,
  numberField,
  photoField,
  ULTRASONIC_WARNING,
} from './fields';

// Ranges are wide enough for any real bath but catch a slipped digit (49 → 490 °C, 4.5 → 45 V).
const BATH_TEMP_C = { min: 15, max: 70, step: 1 } as const;
const VOLTS = { min: 0, max: 12, step: 0.1 } as const;

function rinse(id: string, label: string): StepTemplate {
  return { id, label, requiredBeforeQc: true, fields: [] };
}

export const RHODIUM_PLATING: ChecklistTemplate = {
  kind: 'rhodium_plating',
  name: 'Rhodium plating',
  // DOMAIN.md ("What workshop software commonly has"): rhodium carries about 30 days of warranty.
  warrantyDays: 30,
  detailFields: [
    choiceField('plated_area', 'Plated area', [
      { value: 'whole_piece', label: 'Whole piece' },
      { value: 'prongs_only', label: 'Prongs only' },
      { value: 'chain_bracelet', label: 'Chain or bracelet' },
    ]),
    alloyField('base_metal', 'Base metal', {
      optional: true,
      hint: 'Silver needs a palladium or nickel barrier before rhodium.',
    }),
  ],
  // DOMAIN.md: polish → ultrasonic → rinse (distilled) → steam → electroclean → rinse → activate →
  // rinse → (silver: barrier) → rhodium → rinse (deionised) → steam → dry → inspect.
  steps: [
    {
      id: 'polish',
      label: 'Polish',
      hint: 'Plating shows every scratch: polish to the final finish first.',
      requiredBeforeQc: true,
      fields: [],
    },
    {
      id: 'ultrasonic',
      label: 'Ultrasonic clean',
      hint: ULTRASONIC_WARNING,
      requiredBeforeQc: true,
      fields: [],
    },
    rinse('rinse_distilled', 'Rinse in distilled water'),
    { id: 'steam', label: 'Steam', requiredBeforeQc: true, fields: [] },
    {
      id: 'electroclean',
      label: 'Electroclean',
      hint: 'About 49 °C (120 °F), 4–6 V, 5 s to 2 min.',
      requiredBeforeQc: true,
      fields: [
        numberField('electroclean_temp_c', 'Electroclean temperature', '°C', BATH_TEMP_C),
        numberField('electroclean_volts', 'Electroclean voltage', 'V', VOLTS),
        numberField('electroclean_seconds', 'Electroclean time', 's', {
          min: 1,
          max: 300,
          step: 1,
        }),
      ],
    },
    rinse('rinse_after_electroclean', 'Rinse'),
    {
      id: 'activate',
      label: 'Activate',
      hint: 'Room temperature, no current (0 V), about 30 s.',
      requiredBeforeQc: true,
      fields: [
        numberField('activate_seconds', 'Activation time', 's', { min: 1, max: 300, step: 1 }),
      ],
    },
    rinse('rinse_after_activate', 'Rinse'),
    {
      id: 'barrier',
      label: 'Barrier plate (silver only)',
      hint: 'Palladium or nickel, about 2 V for 2 min. Palladium spares customers with a nickel allergy.',
      // Only silver needs it, so it cannot hold up QC on white gold.
      requiredBeforeQc: false,
      fields: [
        choiceField('barrier_metal', 'Barrier metal', [
          { value: 'palladium', label: 'Palladium' },
          { value: 'nickel', label: 'Nickel' },
        ]),
        numberField('barrier_volts', 'Barrier voltage', 'V', VOLTS),
        numberField('barrier_seconds', 'Barrier time', 's', { min: 1, max: 600, step: 1 }),
      ],
    },
    {
      id: 'rhodium',
      label: 'Rhodium plate',
      hint: 'Whole ring about 4–4.5 V for 20–30 s; prongs only 0.5–1 V; bracelets and chains 3–4 V. Some baths run at 50–60 °C. Too short a plate leaves a thin deposit.',
      requiredBeforeQc: true,
      fields: [
        numberField('bath_temp_c', 'Bath temperature', '°C', BATH_TEMP_C),
        numberField('rhodium_volts', 'Plating voltage', 'V', VOLTS),
        numberField('rhodium_seconds', 'Plating time', 's', { min: 1, max: 600, step: 1 }),
      ],
    },
    rinse('rinse_deionised', 'Rinse in deionised water'),
    { id: 'steam_after_plate', label: 'Steam', requiredBeforeQc: true, fields: [] },
    { id: 'dry', label: 'Dry', requiredBeforeQc: true, fields: [] },
    {
      id: 'inspect',
      label: 'Inspect the plate',
      hint: 'Even white colour, no stains, dull or yellow spots.',
      requiredBeforeQc: true,
      fields: [
        checkField('even_colour', 'Even colour, no stains'),
        photoField('after_photo', 'Photo after', { optional: true }),
      ],
    },
  ],
};
