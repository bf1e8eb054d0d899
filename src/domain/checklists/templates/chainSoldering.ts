// Checklist for soldering a broken chain.
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
  textField,
} from './fields';

const LINK_COUNT = { min: 1, max: 50, step: 1 } as const;

export const CHAIN_SOLDERING: ChecklistTemplate = {
  kind: 'chain_soldering',
  name: 'Chain soldering',
  // DOMAIN.md ("What workshop software commonly has"): solder and chain work about 90 days.
  warrantyDays: 90,
  detailFields: [
    numberField('break_count', 'Breaks to solder', 'count', LINK_COUNT),
    textField('chain_style', 'Chain style', 60, { optional: true, hint: 'e.g. curb, rope, box' }),
  ],
  steps: [
    // DOMAIN.md (take-in): worn links are part of the condition a careful jeweler records.
    inspectStep(
      [checkField('worn_links', 'Other worn links found', { optional: true })],
      'Check the whole length for worn or stretched links, not only the break.',
    ),
    {
      id: 'fit_link',
      label: 'Clean and close the link',
      hint: 'A tight, clean seam takes the least solder and stays flexible.',
      requiredBeforeQc: true,
      fields: [],
    },
    {
      id: 'solder',
      label: 'Solder or laser weld',
      requiredBeforeQc: true,
      fields: [
        choiceField('join', 'Join', JOIN_OPTIONS),
        numberField('links_joined', 'Links joined', 'count', LINK_COUNT),
        // Required (0 allowed): the metal balance counts it, and a blank would read as none used.
        numberField('metal_added_g', 'Solder used', 'g', BENCH_METAL_G, {
          hint: '0 for a laser weld with no filler.',
        }),
        alloyField('solder_alloy', 'Solder alloy', {
          optional: true,
          hint: 'The karat and colour of the solder or filler wire.',
        }),
      ],
    },
    {
      id: 'test_joint',
      label: 'Test the joints',
      requiredBeforeQc: true,
      fields: [
        checkField('links_move_freely', 'Joined links move freely'),
        checkField('pull_tested', 'Pull tested'),
      ],
    },
    POLISH_STEP,
    CLEAN_STEP,
    PHOTO_AFTER_STEP,
  ],
};
