// Checklist templates are sound data, and recorded values are checked with clear workshop messages.
import { describe, expect, it } from 'vitest';
import {
  BURNOUT_MAX_TEMP_C,
  BURNOUT_PROGRAMS,
  CHECKLIST_TEMPLATES,
  checkFieldValues,
  checkServiceDetails,
  checkStepValues,
  isServiceKind,
  SERVICE_KINDS,
  stepById,
  templateFor,
  type FieldProblem,
  type FieldTemplate,
  type ServiceKind,
  type StepTemplate,
  type StepValue,
  type StepValues,
} from '../../src/domain/checklists';

const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const SHA = 'ab'.repeat(32);

const templates = SERVICE_KINDS.map((kind) => templateFor(kind));

/** Every field of every template, with where it sits, for per-field tables. */
const allFields = templates.flatMap((t) => [
  ...t.detailFields.map((field) => ({ where: `${t.kind} details`, field })),
  ...t.steps.flatMap((s) => s.fields.map((field) => ({ where: `${t.kind}/${s.id}`, field }))),
]);

/** A value each field accepts, to fill a step completely. */
function validValue(field: FieldTemplate): StepValue {
  switch (field.kind) {
    case 'number':
      return field.min;
    case 'choice':
      return field.options[0]?.value ?? '';
    case 'ringSize':
      return 17.32;
    case 'alloy':
      return 'au14y';
    case 'text':
      return 'x';
    case 'photo':
      return SHA;
    case 'check':
      return true;
  }
}

function fill(fields: readonly FieldTemplate[]): StepValues {
  return Object.fromEntries(fields.map((f) => [f.key, validValue(f)]));
}

/** Stored data may hold anything; the checks must cope with what the types rule out. */
function raw(values: Record<string, unknown>): StepValues {
  return values as StepValues;
}

describe('service kinds', () => {
  it.each([
    ['ring_sizing_up', true],
    ['cleaning', true],
    ['ring_sizing', false],
    ['Cleaning', false],
    ['', false],
    [3, false],
    [null, false],
    [undefined, false],
  ])('isServiceKind(%j) is %s', (x, expected) => {
    expect(isServiceKind(x)).toBe(expected);
  });

  it('has one template per kind, and no other', () => {
    expect(Object.keys(CHECKLIST_TEMPLATES).sort()).toEqual([...SERVICE_KINDS].sort());
  });

  it.each(SERVICE_KINDS)('%s has a template of its own kind', (kind) => {
    expect(templateFor(kind).kind).toBe(kind);
    expect(CHECKLIST_TEMPLATES[kind]).toBe(templateFor(kind));
  });

  it('refuses a kind it does not know', () => {
    expect(() => templateFor('engraving' as ServiceKind)).toThrow(
      'Unknown service kind "engraving".',
    );
  });
});

describe('templates', () => {
  // Step ids are stored in events forever: this table fails when one is renamed or dropped.
  it.each<[ServiceKind, string[]]>([
    [
      'ring_sizing_up',
      [
        'inspect',
        'measure',
        'cut_add_stock',
        'solder',
        'true_round',
        'file_emery',
        'verify_size',
        'polish',
        'clean',
        'photo_after',
      ],
    ],
    [
      'ring_sizing_down',
      [
        'inspect',
        'measure',
        'cut_remove_stock',
        'solder',
        'true_round',
        'file_emery',
        'verify_size',
        'polish',
        'clean',
        'photo_after',
      ],
    ],
    [
      'prong_retipping',
      [
        'inspect',
        'protect_stone',
        'retip',
        'shape_file',
        'check_stones',
        'polish',
        'clean',
        'photo_after',
      ],
    ],
    [
      'rhodium_plating',
      [
        'polish',
        'ultrasonic',
        'rinse_distilled',
        'steam',
        'electroclean',
        'rinse_after_electroclean',
        'activate',
        'rinse_after_activate',
        'barrier',
        'rhodium',
        'rinse_deionised',
        'steam_after_plate',
        'dry',
        'inspect',
      ],
    ],
    [
      'lost_wax_casting',
      [
        'wax_cleanup',
        'sprue',
        'tree',
        'weigh_tree',
        'invest',
        'burnout',
        'cast',
        'quench',
        'devest',
        'cut_off',
        'return_to_stock',
        'clean_up',
      ],
    ],
    [
      'chain_soldering',
      ['inspect', 'fit_link', 'solder', 'test_joint', 'polish', 'clean', 'photo_after'],
    ],
    [
      'clasp_replacement',
      ['inspect', 'remove_old', 'attach', 'test_tension', 'polish', 'clean', 'photo_after'],
    ],
    [
      'stone_tightening',
      ['inspect', 'tighten', 'check_all_stones', 'polish', 'clean', 'photo_after'],
    ],
    ['polishing', ['inspect', 'remove_scratches', 'finish', 'clean', 'photo_after']],
    ['cleaning', ['check_stones', 'clean', 'inspect_after']],
  ])('%s keeps its step ids', (kind, ids) => {
    expect(templateFor(kind).steps.map((s) => s.id)).toEqual(ids);
  });

  it.each<[ServiceKind, number]>([
    ['ring_sizing_up', 30],
    ['ring_sizing_down', 30],
    ['prong_retipping', 90],
    ['rhodium_plating', 30],
    ['lost_wax_casting', 90],
    ['chain_soldering', 90],
    ['clasp_replacement', 90],
    ['stone_tightening', 90],
    ['polishing', 30],
    ['cleaning', 0],
  ])('%s carries %i warranty days', (kind, days) => {
    expect(templateFor(kind).warrantyDays).toBe(days);
  });

  it.each(templates)('$kind has unique snake_case step ids', (t) => {
    const ids = t.steps.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(SNAKE_CASE);
  });

  it.each(templates)('$kind has a name and at least one step required before QC', (t) => {
    expect(t.name).not.toBe('');
    expect(t.steps.some((s) => s.requiredBeforeQc)).toBe(true);
  });

  it.each(
    templates.flatMap((t) => [
      { where: `${t.kind} details`, fields: t.detailFields },
      ...t.steps.map((s) => ({ where: `${t.kind}/${s.id}`, fields: s.fields })),
    ]),
  )('$where has unique snake_case field keys', ({ fields }) => {
    const keys = fields.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(SNAKE_CASE);
  });

  it.each(allFields.filter(({ field }) => field.kind === 'number'))(
    '$where: number field $field.key has min < max and step > 0',
    ({ field }) => {
      if (field.kind !== 'number') throw new Error('not a number field');
      expect(field.min).toBeLessThan(field.max);
      expect(field.step).toBeGreaterThan(0);
      if (field.unit === 'count') expect(Number.isInteger(field.min)).toBe(true);
    },
  );

  it.each(allFields.filter(({ field }) => field.kind === 'choice'))(
    '$where: choice field $field.key has options with unique values',
    ({ field }) => {
      if (field.kind !== 'choice') throw new Error('not a choice field');
      const values = field.options.map((o) => o.value);
      expect(values.length).toBeGreaterThan(1);
      expect(new Set(values).size).toBe(values.length);
      for (const value of values) expect(value).toMatch(/^[a-z0-9_]+$/);
    },
  );

  it.each(allFields.filter(({ field }) => field.kind === 'text'))(
    '$where: text field $field.key has a positive maxLength',
    ({ field }) => {
      if (field.kind !== 'text') throw new Error('not a text field');
      expect(field.maxLength).toBeGreaterThan(0);
    },
  );

  it.each(templates.flatMap((t) => t.steps.map((step) => ({ kind: t.kind, step }))))(
    '$kind/$step.id accepts a completely filled step',
    ({ step }) => {
      expect(checkStepValues(step, fill(step.fields))).toEqual([]);
    },
  );

  it.each(templates)('$kind accepts completely filled details', (t) => {
    // Sizing direction decides the target; every other service takes any valid details.
    const details = fill(t.detailFields);
    const sized =
      t.kind === 'ring_sizing_up'
        ? { ...details, target_size: 18.13 }
        : t.kind === 'ring_sizing_down'
          ? { ...details, target_size: 16.51 }
          : details;
    expect(checkServiceDetails(t.kind, sized)).toEqual([]);
  });

  it('rhodium plating follows the sequence of DOMAIN.md', () => {
    // polish → ultrasonic → rinse (distilled) → steam → electroclean → rinse → activate → rinse →
    // (silver: barrier) → rhodium → rinse (deionised) → steam → dry → inspect
    const steps = templateFor('rhodium_plating').steps;
    expect(steps.map((s) => s.label)).toEqual([
      'Polish',
      'Ultrasonic clean',
      'Rinse in distilled water',
      'Steam',
      'Electroclean',
      'Rinse',
      'Activate',
      'Rinse',
      'Barrier plate (silver only)',
      'Rhodium plate',
      'Rinse in deionised water',
      'Steam',
      'Dry',
      'Inspect the plate',
    ]);
    // Only the silver barrier may be skipped before QC.
    expect(steps.filter((s) => !s.requiredBeforeQc).map((s) => s.id)).toEqual(['barrier']);
    expect(stepById('rhodium_plating', 'rhodium')?.fields.map((f) => f.key)).toEqual([
      'bath_temp_c',
      'rhodium_volts',
      'rhodium_seconds',
    ]);
  });

  describe('casting never heats gypsum investment above 788 °C', () => {
    const burnout = stepById('lost_wax_casting', 'burnout');

    it('has 788 °C as its limit', () => {
      expect(BURNOUT_MAX_TEMP_C).toBe(788);
    });

    it.each(BURNOUT_PROGRAMS)('program $value tops out at or below the limit', (program) => {
      expect(program.topTempC).toBeLessThanOrEqual(BURNOUT_MAX_TEMP_C);
      const temps = [...`${program.label} ${program.schedule}`.matchAll(/(\d+) °C/g)].map((m) =>
        Number(m[1]),
      );
      expect(Math.max(...temps)).toBe(program.topTempC);
    });

    it('offers exactly those programs', () => {
      const program = burnout?.fields.find((f) => f.key === 'program');
      expect(program?.kind === 'choice' ? program.options.map((o) => o.value) : []).toEqual([
        '6h',
        '8h',
        '12h',
        'stone_in_place',
        // A program the shop added itself (the casting room records its name with it).
        'custom',
      ]);
    });

    it('names no temperature above the limit in its hint', () => {
      const temps = [...(burnout?.hint ?? '').matchAll(/(\d+) °C/g)].map((m) => Number(m[1]));
      expect(temps.length).toBeGreaterThan(0);
      expect(Math.max(...temps)).toBeLessThanOrEqual(BURNOUT_MAX_TEMP_C);
    });

    it.each(
      ['burnout', 'cast'].flatMap((id) =>
        (stepById('lost_wax_casting', id)?.fields ?? [])
          .filter((f) => f.kind === 'number' && f.unit === '°C' && f.key !== 'casting_temp_c')
          .map((field) => ({ id, field })),
      ),
    )('$id/$field.key allows nothing above the limit', ({ field }) => {
      if (field.kind !== 'number') throw new Error('not a number field');
      expect(field.max).toBeLessThanOrEqual(BURNOUT_MAX_TEMP_C);
    });

    it('refuses a kiln temperature above the limit', () => {
      expect(burnout).toBeDefined();
      expect(
        checkStepValues(burnout ?? step([]), { program: '6h', burnout_top_temp_c: 800 }),
      ).toEqual([
        {
          key: 'burnout_top_temp_c',
          message: 'Highest kiln temperature must be between 100 and 788 °C (got 800).',
        },
      ]);
    });
  });

  it.each([
    ['ring_sizing_up', 'verify_size', 'Verify the size on the mandrel'],
    ['cleaning', 'check_stones', 'Check the stones before cleaning'],
    ['polishing', 'no_such_step', undefined],
  ] as const)('stepById(%s, %s) → %s', (kind, id, label) => {
    expect(stepById(kind, id)?.label).toBe(label);
  });
});

// Fields of every kind, for the value tables below.
const FIELDS: readonly FieldTemplate[] = [
  {
    kind: 'number',
    key: 'bath_temp_c',
    label: 'Bath temperature',
    unit: '°C',
    min: 20,
    max: 70,
    step: 1,
    required: true,
  },
  {
    kind: 'number',
    key: 'prongs',
    label: 'Prongs re-tipped',
    unit: 'count',
    min: 1,
    max: 12,
    step: 1,
    required: false,
  },
  {
    kind: 'number',
    key: 'water_pct',
    label: 'Water to powder',
    unit: '%',
    min: 25,
    max: 60,
    step: 0.5,
    required: false,
  },
  {
    kind: 'choice',
    key: 'method',
    label: 'Sizing method',
    options: [
      { value: 'cut_solder', label: 'Cut and solder' },
      { value: 'stretch', label: 'Stretch' },
    ],
    required: true,
  },
  { kind: 'ringSize', key: 'target_size', label: 'Target size', required: true },
  { kind: 'alloy', key: 'alloy', label: 'Alloy', required: true },
  { kind: 'text', key: 'notes', label: 'Notes', maxLength: 10, required: false },
  { kind: 'photo', key: 'before', label: 'Photo before', required: false },
  { kind: 'check', key: 'stones_tight', label: 'All stones tight', required: true },
  { kind: 'check', key: 'heat_sensitive', label: 'Heat-sensitive stone', required: false },
];

function step(fields: readonly FieldTemplate[]): StepTemplate {
  return { id: 'test_step', label: 'Test step', requiredBeforeQc: true, fields };
}

const COMPLETE: StepValues = {
  bath_temp_c: 49,
  method: 'stretch',
  target_size: 17.32,
  alloy: 'au14y',
  stones_tight: true,
};

describe('checkFieldValues', () => {
  it.each<{ name: string; values: StepValues; expected: FieldProblem[] }>([
    { name: 'nothing given', values: {}, expected: [] },
    { name: 'all complete', values: COMPLETE, expected: [] },
    {
      name: 'every field well filled',
      values: {
        ...COMPLETE,
        prongs: 12,
        water_pct: 38.5,
        notes: 'ok',
        before: SHA,
        heat_sensitive: false,
      },
      expected: [],
    },
    { name: 'range ends included', values: { bath_temp_c: 20, prongs: 1 }, expected: [] },
    {
      name: 'number above range',
      values: { bath_temp_c: 95 },
      expected: [
        { key: 'bath_temp_c', message: 'Bath temperature must be between 20 and 70 °C (got 95).' },
      ],
    },
    {
      name: 'number below range',
      values: { bath_temp_c: 19.5 },
      expected: [
        {
          key: 'bath_temp_c',
          message: 'Bath temperature must be between 20 and 70 °C (got 19.5).',
        },
      ],
    },
    {
      name: 'count out of range shows no unit',
      values: { prongs: 0 },
      expected: [{ key: 'prongs', message: 'Prongs re-tipped must be between 1 and 12 (got 0).' }],
    },
    {
      name: 'percent sits on its number',
      values: { water_pct: 70 },
      expected: [
        { key: 'water_pct', message: 'Water to powder must be between 25 and 60% (got 70).' },
      ],
    },
    {
      name: 'count not whole',
      values: { prongs: 2.5 },
      expected: [{ key: 'prongs', message: 'Prongs re-tipped must be a whole number (got 2.5).' }],
    },
    {
      name: 'number as a string',
      values: { bath_temp_c: '49' },
      expected: [{ key: 'bath_temp_c', message: 'Bath temperature must be a number (got "49").' }],
    },
    {
      name: 'number not finite',
      values: { bath_temp_c: Number.NaN },
      expected: [{ key: 'bath_temp_c', message: 'Bath temperature must be a number (got NaN).' }],
    },
    {
      name: 'number as a boolean',
      values: { bath_temp_c: true },
      expected: [{ key: 'bath_temp_c', message: 'Bath temperature must be a number (got true).' }],
    },
    {
      name: 'number as null',
      values: raw({ bath_temp_c: null }),
      expected: [
        { key: 'bath_temp_c', message: 'Bath temperature must be a number (got nothing).' },
      ],
    },
    {
      name: 'choice not in options',
      values: { method: 'foo' },
      expected: [
        {
          key: 'method',
          message: 'Sizing method must be one of: Cut and solder, Stretch (got "foo").',
        },
      ],
    },
    {
      name: 'choice given by its label',
      values: { method: 'Stretch' },
      expected: [
        {
          key: 'method',
          message: 'Sizing method must be one of: Cut and solder, Stretch (got "Stretch").',
        },
      ],
    },
    {
      name: 'choice blank',
      values: { method: '' },
      expected: [
        {
          key: 'method',
          message: 'Sizing method must be one of: Cut and solder, Stretch (got "").',
        },
      ],
    },
    {
      name: 'choice as a list',
      values: raw({ method: ['stretch'] }),
      expected: [
        {
          key: 'method',
          message: 'Sizing method must be one of: Cut and solder, Stretch (got a list).',
        },
      ],
    },
    {
      name: 'ring size too large',
      values: { target_size: 30 },
      expected: [
        {
          key: 'target_size',
          message: 'Target size must be between 11.6 and 25 mm inner diameter (got 30).',
        },
      ],
    },
    {
      name: 'ring size too small',
      values: { target_size: 7 },
      expected: [
        {
          key: 'target_size',
          message: 'Target size must be between 11.6 and 25 mm inner diameter (got 7).',
        },
      ],
    },
    {
      name: 'ring size as a US size string',
      values: { target_size: '7' },
      expected: [
        { key: 'target_size', message: 'Target size must be an inner diameter in mm (got "7").' },
      ],
    },
    { name: 'ring size at the ends', values: { target_size: 11.6 }, expected: [] },
    {
      name: 'alloy not a string',
      values: { alloy: 14 },
      expected: [{ key: 'alloy', message: 'Alloy must name an alloy (got 14).' }],
    },
    {
      name: 'alloy blank',
      values: { alloy: '  ' },
      expected: [{ key: 'alloy', message: 'Alloy must name an alloy (got "  ").' }],
    },
    { name: 'text blank is fine', values: { notes: '' }, expected: [] },
    {
      name: 'text too long',
      values: { notes: 'x'.repeat(11) },
      expected: [{ key: 'notes', message: 'Notes must be at most 10 characters (it has 11).' }],
    },
    {
      name: 'text not a string',
      values: { notes: 5 },
      expected: [{ key: 'notes', message: 'Notes must be text (got 5).' }],
    },
    {
      name: 'photo not a sha256',
      values: { before: 'abc' },
      expected: [
        {
          key: 'before',
          message:
            'Photo before is not a photo reference: expected a SHA-256 of 64 lowercase hex characters (got "abc").',
        },
      ],
    },
    {
      name: 'photo in upper case',
      values: { before: SHA.toUpperCase() },
      expected: [
        {
          key: 'before',
          message:
            'Photo before is not a photo reference: expected a SHA-256 of 64 lowercase hex characters (got "ABABABABABABABABABABABAB…").',
        },
      ],
    },
    {
      name: 'photo one character short',
      values: { before: SHA.slice(1) },
      expected: [
        {
          key: 'before',
          message:
            'Photo before is not a photo reference: expected a SHA-256 of 64 lowercase hex characters (got "babababababababababababa…").',
        },
      ],
    },
    {
      name: 'check as a string',
      values: { stones_tight: 'yes' },
      expected: [
        { key: 'stones_tight', message: 'All stones tight must be yes or no (got "yes").' },
      ],
    },
    {
      name: 'unticked check while not ticking done',
      values: { stones_tight: false },
      expected: [],
    },
    {
      name: 'unknown key',
      values: { foo: 1 },
      expected: [{ key: 'foo', message: 'Unknown value "foo" for this step.' }],
    },
    {
      name: 'several problems, in field order then unknown keys',
      values: { zzz: 1, stones_tight: 0, bath_temp_c: 95 },
      expected: [
        { key: 'bath_temp_c', message: 'Bath temperature must be between 20 and 70 °C (got 95).' },
        { key: 'stones_tight', message: 'All stones tight must be yes or no (got 0).' },
        { key: 'zzz', message: 'Unknown value "zzz" for this step.' },
      ],
    },
  ])('$name', ({ values, expected }) => {
    expect(checkFieldValues(FIELDS, values)).toEqual(expected);
  });
});

describe('checkStepValues (ticking a step done)', () => {
  it.each<{ name: string; values: StepValues; expected: FieldProblem[] }>([
    { name: 'all required given', values: COMPLETE, expected: [] },
    {
      name: 'nothing given',
      values: {},
      expected: [
        { key: 'bath_temp_c', message: 'Bath temperature is required.' },
        { key: 'method', message: 'Sizing method is required.' },
        { key: 'target_size', message: 'Target size is required.' },
        { key: 'alloy', message: 'Alloy is required.' },
        { key: 'stones_tight', message: 'All stones tight must be confirmed.' },
      ],
    },
    {
      name: 'required blank strings count as missing',
      values: { ...COMPLETE, method: '', alloy: ' ' },
      expected: [
        { key: 'method', message: 'Sizing method is required.' },
        { key: 'alloy', message: 'Alloy is required.' },
      ],
    },
    {
      name: 'required check left unticked',
      values: { ...COMPLETE, stones_tight: false },
      expected: [{ key: 'stones_tight', message: 'All stones tight must be confirmed.' }],
    },
    {
      name: 'optional check left unticked',
      values: { ...COMPLETE, heat_sensitive: false },
      expected: [],
    },
    { name: 'optional text blank', values: { ...COMPLETE, notes: '   ' }, expected: [] },
    {
      name: 'out of range and unknown, with required present',
      values: { ...COMPLETE, bath_temp_c: 95, bath_temp: 49 },
      expected: [
        { key: 'bath_temp_c', message: 'Bath temperature must be between 20 and 70 °C (got 95).' },
        { key: 'bath_temp', message: 'Unknown value "bath_temp" for this step.' },
      ],
    },
  ])('$name', ({ values, expected }) => {
    expect(checkStepValues(step(FIELDS), values)).toEqual(expected);
  });

  it.each<{ kind: ServiceKind; stepId: string; values: StepValues; expected: FieldProblem[] }>([
    {
      kind: 'rhodium_plating',
      stepId: 'rhodium',
      values: { bath_temp_c: 95, rhodium_volts: 4.5, rhodium_seconds: 25 },
      expected: [
        { key: 'bath_temp_c', message: 'Bath temperature must be between 15 and 70 °C (got 95).' },
      ],
    },
    {
      kind: 'rhodium_plating',
      stepId: 'electroclean',
      values: { electroclean_temp_c: 49, electroclean_volts: 45, electroclean_seconds: 30 },
      expected: [
        {
          key: 'electroclean_volts',
          message: 'Electroclean voltage must be between 0 and 12 V (got 45).',
        },
      ],
    },
    {
      kind: 'ring_sizing_up',
      stepId: 'cut_add_stock',
      values: { method: 'cut_remove_stock', metal_added_g: 0.42 },
      expected: [
        {
          key: 'method',
          message:
            'Sizing method must be one of: Cut and add stock, Stretch (got "cut_remove_stock").',
        },
      ],
    },
    {
      kind: 'ring_sizing_down',
      stepId: 'verify_size',
      values: {},
      expected: [{ key: 'final_size', message: 'Final size is required.' }],
    },
    {
      kind: 'cleaning',
      stepId: 'check_stones',
      values: { unsafe_stones: true },
      expected: [
        {
          key: 'stones_checked',
          message:
            'Checked for emeralds, opals, pearls and fracture-filled stones must be confirmed.',
        },
      ],
    },
    {
      kind: 'prong_retipping',
      stepId: 'retip',
      values: { method: 'laser', prongs_retipped: 2.5, metal_added_g: 0.04 },
      expected: [
        { key: 'prongs_retipped', message: 'Prongs re-tipped must be a whole number (got 2.5).' },
      ],
    },
    {
      // The metal balance counts the wire: the bench says how much, 0 when none was used.
      kind: 'prong_retipping',
      stepId: 'retip',
      values: { method: 'laser', prongs_retipped: 2 },
      expected: [{ key: 'metal_added_g', message: 'Re-tipping wire used is required.' }],
    },
    {
      kind: 'prong_retipping',
      stepId: 'retip',
      values: { method: 'laser', prongs_retipped: 2, metal_added_g: 0 },
      expected: [],
    },
    {
      kind: 'chain_soldering',
      stepId: 'solder',
      values: { join: 'laser_weld', links_joined: 1 },
      expected: [{ key: 'metal_added_g', message: 'Solder used is required.' }],
    },
    {
      kind: 'chain_soldering',
      stepId: 'solder',
      values: { join: 'hard_solder', links_joined: 1, metal_added_g: 51 },
      expected: [
        { key: 'metal_added_g', message: 'Solder used must be between 0 and 50 g (got 51).' },
      ],
    },
    {
      kind: 'chain_soldering',
      stepId: 'solder',
      values: { join: 'laser_weld', links_joined: 1, metal_added_g: 0 },
      expected: [],
    },
    {
      kind: 'ring_sizing_up',
      stepId: 'solder',
      values: { join: 'hard_solder' },
      expected: [{ key: 'metal_added_g', message: 'Solder used is required.' }],
    },
    {
      kind: 'ring_sizing_down',
      stepId: 'solder',
      values: { join: 'no_seam', metal_added_g: 0 },
      expected: [],
    },
    {
      kind: 'clasp_replacement',
      stepId: 'remove_old',
      values: {},
      expected: [{ key: 'metal_removed_g', message: 'Old clasp and ring weight is required.' }],
    },
    {
      kind: 'clasp_replacement',
      stepId: 'attach',
      values: { join: 'laser_weld', metal_added_g: 0.42 },
      expected: [],
    },
    {
      kind: 'lost_wax_casting',
      stepId: 'cut_off',
      values: { button_weight_g: 12.4, good_weight_g: -1 },
      expected: [
        {
          key: 'good_weight_g',
          message: 'Good weight returned must be between 0 and 2000 g (got -1).',
        },
      ],
    },
    {
      kind: 'rhodium_plating',
      stepId: 'dry',
      values: {},
      expected: [],
    },
  ])('$kind/$stepId', ({ kind, stepId, values, expected }) => {
    const found = stepById(kind, stepId);
    expect(found).toBeDefined();
    expect(checkStepValues(found ?? step([]), values)).toEqual(expected);
  });
});

describe('checkServiceDetails', () => {
  const larger = (current: number, target: number) =>
    `Target size must be larger than the current size for sizing up (current ${current} mm, target ${target} mm).`;
  const smaller = (current: number, target: number) =>
    `Target size must be smaller than the current size for sizing down (current ${current} mm, target ${target} mm).`;

  it.each<{ kind: ServiceKind; details: StepValues; expected: FieldProblem[] }>([
    { kind: 'ring_sizing_up', details: { current_size: 17.32, target_size: 18.13 }, expected: [] },
    {
      kind: 'ring_sizing_up',
      details: { current_size: 17.32, target_size: 16.51 },
      expected: [{ key: 'target_size', message: larger(17.32, 16.51) }],
    },
    {
      kind: 'ring_sizing_up',
      details: { current_size: 17.32, target_size: 17.32 },
      expected: [{ key: 'target_size', message: larger(17.32, 17.32) }],
    },
    {
      kind: 'ring_sizing_down',
      details: { current_size: 17.32, target_size: 16.51 },
      expected: [],
    },
    {
      kind: 'ring_sizing_down',
      details: { current_size: 16.51, target_size: 17.32 },
      expected: [{ key: 'target_size', message: smaller(16.51, 17.32) }],
    },
    {
      kind: 'ring_sizing_down',
      details: { current_size: 17.32, target_size: 17.32 },
      expected: [{ key: 'target_size', message: smaller(17.32, 17.32) }],
    },
    {
      kind: 'ring_sizing_up',
      details: {},
      expected: [
        { key: 'current_size', message: 'Current size is required.' },
        { key: 'target_size', message: 'Target size is required.' },
      ],
    },
    {
      kind: 'ring_sizing_up',
      details: { current_size: 17.32 },
      expected: [{ key: 'target_size', message: 'Target size is required.' }],
    },
    {
      // A bad size is reported once, not again as the wrong direction.
      kind: 'ring_sizing_down',
      details: { current_size: 17.32, target_size: 30 },
      expected: [
        {
          key: 'target_size',
          message: 'Target size must be between 11.6 and 25 mm inner diameter (got 30).',
        },
      ],
    },
    {
      kind: 'ring_sizing_up',
      details: { current_size: 17.32, target_size: 18.13, curent_size: 17.32 },
      expected: [{ key: 'curent_size', message: 'Unknown value "curent_size" for this service.' }],
    },
    {
      kind: 'ring_sizing_up',
      details: { current_size: 18.13, target_size: 17.32, note: 'x' },
      expected: [
        { key: 'note', message: 'Unknown value "note" for this service.' },
        { key: 'target_size', message: larger(18.13, 17.32) },
      ],
    },
    {
      kind: 'clasp_replacement',
      details: { clasp_type: 'velcro' },
      expected: [
        {
          key: 'clasp_type',
          message:
            'Clasp type must be one of: Lobster, Spring ring, Box, Toggle, Magnetic (got "velcro").',
        },
      ],
    },
    {
      kind: 'prong_retipping',
      details: { prong_count: 4 },
      expected: [{ key: 'which_prongs', message: 'Which prongs is required.' }],
    },
    {
      kind: 'rhodium_plating',
      details: {},
      expected: [{ key: 'plated_area', message: 'Plated area is required.' }],
    },
    { kind: 'lost_wax_casting', details: { alloy: 'ag925' }, expected: [] },
    { kind: 'cleaning', details: {}, expected: [] },
    {
      kind: 'cleaning',
      details: { method: 'steam' },
      expected: [{ key: 'method', message: 'Unknown value "method" for this service.' }],
    },
  ])('$kind $details', ({ kind, details, expected }) => {
    expect(checkServiceDetails(kind, details)).toEqual(expected);
  });
});
