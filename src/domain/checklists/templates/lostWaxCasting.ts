// Checklist for lost-wax casting in gypsum-bonded investment, keeping the casting record of DOMAIN.md.
import type { ChecklistTemplate } from '../types';
import { alloyField, choiceField, numberField, textField } from './fields';

/**
 * Gypsum-bonded investment breaks down above about 788 °C (1450 °F) (DOMAIN.md, burnout: R&R-style
 * schedules). No burnout program or flask temperature in this checklist may go above it.
 */
export const BURNOUT_MAX_TEMP_C = 788;

/** Burnout programs (DOMAIN.md, "Burnout for gypsum-bonded investment"), hottest hold in topTempC. */
export const BURNOUT_PROGRAMS = [
  {
    value: '6h',
    label: '6 h (flask about 2.5×2.5 in)',
    schedule: '2 h at 149 °C, 1 h at 371 °C, 2 h at 732 °C, 1 h soak at casting temperature.',
    topTempC: 732,
  },
  {
    value: '8h',
    label: '8 h (flask about 3.5×4 in)',
    schedule: '2 h at 149 °C, 2 h at 371 °C, 3 h at 732 °C, 1 h soak at casting temperature.',
    topTempC: 732,
  },
  {
    value: '12h',
    label: '12 h (flask about 4×8 in)',
    schedule:
      '2 h at 149 °C, 2 h at 315 °C, 2 h at 482 °C, 4 h at 732 °C, 2 h soak at casting temperature.',
    topTempC: 732,
  },
  {
    // Sources range 800–950 °F (427–510 °C) for the long hold; stone-safe investment only.
    value: 'stone_in_place',
    label: 'Stone-in-place',
    schedule: 'Steam dewax, 2 h at 149 °C, 2 h at 260 °C, then hold 10–14 h at 427–510 °C.',
    topTempC: 510,
  },
] as const;

// Wax trees and the metal for them: a shop flask of silver can pass a kilogram; beyond 2 kg is a typo.
const WAX_G = { min: 0.01, max: 200, step: 0.01 } as const;
const METAL_G = { min: 0, max: 2000, step: 0.01 } as const;

export const LOST_WAX_CASTING: ChecklistTemplate = {
  kind: 'lost_wax_casting',
  name: 'Lost-wax casting',
  // DOMAIN.md lists no casting warranty: 90 days, like other metalwork, is this shop's choice.
  warrantyDays: 90,
  detailFields: [
    alloyField('alloy', 'Alloy'),
    textField('model_ref', 'Model or wax reference', 60, { optional: true }),
  ],
  steps: [
    { id: 'wax_cleanup', label: 'Clean up the wax', requiredBeforeQc: true, fields: [] },
    { id: 'sprue', label: 'Sprue the wax', requiredBeforeQc: true, fields: [] },
    {
      id: 'tree',
      label: 'Build the tree',
      requiredBeforeQc: true,
      fields: [textField('flask_id', 'Flask ID', 40)],
    },
    {
      id: 'weigh_tree',
      label: 'Weigh the tree',
      // DOMAIN.md (wax to metal: Rio Grande and AU Enterprises tables; Romanoff for Pd/Pt 950).
      hint: "Metal needed = wax weight × the alloy's factor (sterling 10.36, 14k yellow 13.07, 18k yellow 15.58), plus about 10 % for the button.",
      requiredBeforeQc: true,
      fields: [
        numberField('wax_weight_g', 'Wax weight', 'g', WAX_G, { hint: 'Without the base.' }),
      ],
    },
    {
      id: 'invest',
      label: 'Invest the flask',
      hint: 'Gypsum-bonded investment: platinum and palladium need phosphate-bonded investment and their own burnout, not this checklist.',
      requiredBeforeQc: true,
      fields: [
        choiceField('investment', 'Investment', [
          { value: 'gypsum', label: 'Gypsum-bonded' },
          { value: 'stone_safe', label: 'Stone-safe gypsum-bonded' },
        ]),
        numberField(
          'water_ratio_pct',
          'Water to powder',
          '%',
          { min: 25, max: 60, step: 0.5 },
          { optional: true, hint: "ml of water per 100 g of powder, from the maker's sheet." },
        ),
      ],
    },
    {
      id: 'burnout',
      label: 'Burnout',
      hint: `${BURNOUT_PROGRAMS.map((p) => `${p.label}: ${p.schedule}`).join(' ')} Never above ${BURNOUT_MAX_TEMP_C} °C: the investment breaks down.`,
      requiredBeforeQc: true,
      fields: [
        choiceField('program', 'Burnout program', [
          ...BURNOUT_PROGRAMS.map((p) => ({ value: p.value, label: p.label })),
          // A program the shop added for itself (casting room); its name says which.
          { value: 'custom', label: "The shop's own program" },
        ]),
        textField('program_name', 'Program name', 60, { optional: true }),
        numberField('burnout_top_temp_c', 'Highest kiln temperature', '°C', {
          min: 100,
          max: BURNOUT_MAX_TEMP_C,
          step: 1,
        }),
      ],
    },
    {
      id: 'cast',
      label: 'Cast',
      // DOMAIN.md (precious metal and scrap): the PIRO Fusion casting tree record.
      requiredBeforeQc: true,
      fields: [
        alloyField('alloy', 'Alloy cast'),
        numberField('metal_issued_g', 'Metal issued', 'g', METAL_G),
        numberField(
          'flask_temp_c',
          'Flask temperature',
          '°C',
          { min: 100, max: BURNOUT_MAX_TEMP_C, step: 1 },
          // DOMAIN.md (burnout): cast with the flask about 200 °C below the alloy's melting point.
          { hint: "About 200 °C below the alloy's melting point." },
        ),
        numberField(
          'casting_temp_c',
          'Casting temperature',
          '°C',
          { min: 600, max: 1300, step: 1 },
          { hint: 'The metal at the pour.' },
        ),
      ],
    },
    { id: 'quench', label: 'Quench', requiredBeforeQc: true, fields: [] },
    { id: 'devest', label: 'Devest', requiredBeforeQc: true, fields: [] },
    {
      id: 'cut_off',
      label: 'Cut off and weigh',
      requiredBeforeQc: true,
      fields: [
        numberField('button_weight_g', 'Button weight', 'g', METAL_G, {
          hint: 'Button and sprues.',
        }),
        numberField('good_weight_g', 'Good weight returned', 'g', METAL_G, {
          hint: 'The castings.',
        }),
      ],
    },
    {
      id: 'return_to_stock',
      label: 'Return metal to stock',
      // DOMAIN.md (precious metal and scrap): keep scrap separate by karat and metal family.
      hint: 'Button and sprues go back with metal of the same karat and colour.',
      requiredBeforeQc: true,
      fields: [numberField('returned_to_stock_g', 'Weight returned to stock', 'g', METAL_G)],
    },
    { id: 'clean_up', label: 'Clean up the castings', requiredBeforeQc: true, fields: [] },
  ],
};
