// Checklists for sizing a ring up or down: sizes are inner diameters in mm (DOMAIN.md, ring sizes).
import type { ChecklistTemplate, FieldProblem, StepTemplate, StepValues } from '../types';
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
  ringSizeField,
} from './fields';

// DOMAIN.md: store the inner diameter (mm) as the truth; US/UK/EU/JP are views of it.
const SIZE_HINT = 'Inner diameter in mm; US, UK, EU and JP sizes are shown from it.';

const DETAIL_FIELDS = [
  ringSizeField('current_size', 'Current size', { hint: SIZE_HINT }),
  ringSizeField('target_size', 'Target size', { hint: SIZE_HINT }),
] as const;

function directionRule(direction: 'up' | 'down') {
  return (details: StepValues): FieldProblem[] => {
    const current = details.current_size;
    const target = details.target_size;
    if (typeof current !== 'number' || typeof target !== 'number') return [];
    const ok = direction === 'up' ? target > current : target < current;
    if (ok) return [];
    const message =
      direction === 'up'
        ? `Target size must be larger than the current size for sizing up (current ${current} mm, target ${target} mm).`
        : `Target size must be smaller than the current size for sizing down (current ${current} mm, target ${target} mm).`;
    return [{ key: 'target_size', message }];
  };
}

const INSPECT = inspectStep(
  [
    checkField('worn_prongs', 'Worn or broken prongs', { optional: true }),
    checkField('thin_shank', 'Thin or cracked shank', { optional: true }),
  ],
  'Worn prongs (one worn: check all) and a thin shank change the quote: a thin shank may need new stock, not a seam.',
);

const MEASURE: StepTemplate = {
  id: 'measure',
  label: 'Measure on the mandrel',
  hint: 'Confirm it matches the current size on the ticket before cutting.',
  requiredBeforeQc: true,
  fields: [ringSizeField('measured_size', 'Measured size')],
};

const SOLDER: StepTemplate = {
  id: 'solder',
  label: 'Solder or laser weld the seam',
  hint: 'Protect heat-sensitive stones; a seam that will be heated again wants hard solder.',
  requiredBeforeQc: true,
  fields: [
    choiceField('join', 'Join', [
      ...JOIN_OPTIONS,
      { value: 'no_seam', label: 'No seam (stretched or compressed)' },
    ]),
    // Required (0 allowed): the job's expected return weight counts it, as it does the stock.
    numberField('metal_added_g', 'Solder used', 'g', BENCH_METAL_G, {
      hint: '0 for a laser weld with no filler, or no seam.',
    }),
    alloyField('solder_alloy', 'Solder alloy', {
      optional: true,
      hint: 'The karat and colour of the solder or filler wire.',
    }),
  ],
};

const FINISHING: readonly StepTemplate[] = [
  { id: 'true_round', label: 'True round on the mandrel', requiredBeforeQc: true, fields: [] },
  { id: 'file_emery', label: 'File and emery the seam', requiredBeforeQc: true, fields: [] },
  {
    id: 'verify_size',
    label: 'Verify the size on the mandrel',
    hint: 'Should match the target size on the ticket.',
    requiredBeforeQc: true,
    fields: [ringSizeField('final_size', 'Final size')],
  },
  POLISH_STEP,
  CLEAN_STEP,
  PHOTO_AFTER_STEP,
];

// DOMAIN.md ("What workshop software commonly has"): sizing carries about 30 days of warranty.
const SIZING_WARRANTY_DAYS = 30;

export const RING_SIZING_UP: ChecklistTemplate = {
  kind: 'ring_sizing_up',
  name: 'Ring sizing up',
  warrantyDays: SIZING_WARRANTY_DAYS,
  detailFields: DETAIL_FIELDS,
  checkDetails: directionRule('up'),
  steps: [
    INSPECT,
    MEASURE,
    {
      id: 'cut_add_stock',
      label: 'Cut and add stock, or stretch',
      hint: 'Stretch only plain bands and only a little; match the karat and colour of added stock.',
      requiredBeforeQc: true,
      fields: [
        choiceField('method', 'Sizing method', [
          { value: 'cut_add_stock', label: 'Cut and add stock' },
          { value: 'stretch', label: 'Stretch' },
        ]),
        numberField('metal_added_g', 'Metal added', 'g', BENCH_METAL_G, {
          hint: '0 when stretched.',
        }),
        alloyField('stock_alloy', 'Stock alloy', { optional: true }),
      ],
    },
    SOLDER,
    ...FINISHING,
  ],
};

export const RING_SIZING_DOWN: ChecklistTemplate = {
  kind: 'ring_sizing_down',
  name: 'Ring sizing down',
  warrantyDays: SIZING_WARRANTY_DAYS,
  detailFields: DETAIL_FIELDS,
  checkDetails: directionRule('down'),
  steps: [
    INSPECT,
    MEASURE,
    {
      id: 'cut_remove_stock',
      label: 'Cut out stock, or compress',
      // DOMAIN.md (precious metal and scrap): keep scrap separate by karat and metal family.
      hint: 'Keep the offcut with the scrap of its karat.',
      requiredBeforeQc: true,
      fields: [
        choiceField('method', 'Sizing method', [
          { value: 'cut_remove_stock', label: 'Cut and remove stock' },
          { value: 'compress', label: 'Compress' },
        ]),
        numberField('metal_removed_g', 'Metal removed', 'g', BENCH_METAL_G, {
          hint: '0 when compressed.',
        }),
      ],
    },
    SOLDER,
    ...FINISHING,
  ],
};
