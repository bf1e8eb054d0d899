// The take-in form's check: each thing missing gives its own message, money and weights are read as typed.
import { describe, expect, it } from 'vitest';
import type { OpenJobInput } from '../../src/db';
import { newUlid } from '../../src/domain/ids';
import { jobOpenedSchema } from '../../src/protocol/events';
import {
  addDays,
  emptyIntake,
  FIELD,
  isEmptyIntake,
  newService,
  newStone,
  nextPieceOf,
  parseMoney,
  toOpenJobInput,
  untestedWordWarning,
  type IntakeForm,
} from '../../src/screens/intake/intakeForm';
import { draftText, readDraft } from '../../src/screens/intake/intakeDraft';

const JOB_ID = newUlid();
const TODAY = '2026-11-23';

function goodForm(): IntakeForm {
  const form = emptyIntake(JOB_ID);
  const sizing = newService('ring_sizing_up');
  sizing.details = { current_size: 16.51, target_size: 17.32 };
  const stone = { ...newStone(), count: '1', kind: 'white stone', sizeMm: '5,2' };
  return {
    ...form,
    customer: { name: '  Anna   Lindqvist ', phone: '+46 70 123 45 67' },
    item: {
      kind: 'ring',
      description: 'Yellow metal ring with one white stone',
      stamps: '585',
      alloyId: 'au14y',
      stones: [stone],
    },
    values: { stated: '1200', insurance: '1 500,00', estimate: '85.5' },
    condition: { ...form.condition, wornProngs: true, other: 'old solder seam' },
    services: [sizing],
    promisedDate: '2026-11-30',
    rush: true,
    weight: '3,42',
    notes: 'Customer collects after 5 pm',
    signed: true,
  };
}

function problemsOf(form: IntakeForm) {
  const check = toOpenJobInput(form, { today: TODAY });
  if (check.ok) throw new Error('expected problems');
  return check.problems;
}

function inputOf(form: IntakeForm): OpenJobInput {
  const check = toOpenJobInput(form, { today: TODAY });
  if (!check.ok) throw new Error(check.problems.map((p) => p.message).join(' '));
  return check.input;
}

describe('toOpenJobInput', () => {
  it('lists exactly what is missing on an empty form, in order', () => {
    expect(problemsOf(emptyIntake(JOB_ID))).toEqual([
      { field: FIELD.customerName, message: "Customer's name is missing." },
      { field: FIELD.itemKind, message: 'Item kind is missing: tap what the piece is.' },
      {
        field: FIELD.description,
        message:
          'Item description is missing: describe it generically, like “yellow metal ring with one white stone”.',
      },
      {
        field: FIELD.insurance,
        message: 'Insurance value is missing: record an insurance value on every job.',
      },
      { field: FIELD.services, message: 'Add at least one service.' },
      {
        field: FIELD.promisedDate,
        message: 'Promised date is missing: tap a quick button or choose a date.',
      },
      {
        field: FIELD.weight,
        message: 'Intake weight is missing: weigh the piece on the calibrated scale.',
      },
      { field: FIELD.signature, message: 'The customer has not signed.' },
    ]);
  });

  const cases: [string, (f: IntakeForm) => IntakeForm, string][] = [
    [
      'blank name',
      (f) => ({ ...f, customer: { ...f.customer, name: '   ' } }),
      "Customer's name is missing.",
    ],
    [
      'long name',
      (f) => ({ ...f, customer: { ...f.customer, name: 'A'.repeat(101) } }),
      "Customer's name is too long: keep it to 100 characters.",
    ],
    ['no services', (f) => ({ ...f, services: [] }), 'Add at least one service.'],
    [
      'sizing without target',
      (f) => ({
        ...f,
        services: [{ ...newService('ring_sizing_up'), details: { current_size: 16.51 } }],
      }),
      'Ring sizing up: Target size is required.',
    ],
    [
      'sizing up to a smaller size',
      (f) => ({
        ...f,
        services: [
          { ...newService('ring_sizing_up'), details: { current_size: 17.32, target_size: 16.51 } },
        ],
      }),
      'Ring sizing up: Target size must be larger than the current size for sizing up (current 17.32 mm, target 16.51 mm).',
    ],
    [
      'no weight',
      (f) => ({ ...f, weight: '' }),
      'Intake weight is missing: weigh the piece on the calibrated scale.',
    ],
    [
      'unreadable weight',
      (f) => ({ ...f, weight: '3,4,2' }),
      'Intake weight must be a number of grams, like 3.42.',
    ],
    ['zero weight', (f) => ({ ...f, weight: '0' }), 'Intake weight must be more than 0 g.'],
    [
      'huge weight',
      (f) => ({ ...f, weight: '1200' }),
      'Intake weight over 1000 g is surely a typo: weigh it again.',
    ],
    ['not signed', (f) => ({ ...f, signed: false }), 'The customer has not signed.'],
    [
      'no insurance value',
      (f) => ({ ...f, values: { ...f.values, insurance: ' ' } }),
      'Insurance value is missing: record an insurance value on every job.',
    ],
    [
      'thousands separator in a value',
      (f) => ({ ...f, values: { ...f.values, stated: '1,250' } }),
      "Customer's stated value must be an amount like 250 or 1250.50.",
    ],
    [
      'three decimals in the estimate',
      (f) => ({ ...f, values: { ...f.values, estimate: '12.505' } }),
      'Estimate must be an amount like 250 or 1250.50.',
    ],
    [
      'no item kind',
      (f) => ({ ...f, item: { ...f.item, kind: null } }),
      'Item kind is missing: tap what the piece is.',
    ],
    [
      'stone without a description',
      (f) => ({ ...f, item: { ...f.item, stones: [{ ...newStone(), kind: ' ' }] } }),
      'Stone row 1: describe the stone generically, like “white stone”.',
    ],
    [
      'stone count of 0',
      (f) => ({
        ...f,
        item: { ...f.item, stones: [{ ...newStone(), kind: 'red stone', count: '0' }] },
      }),
      'Stone row 1: the count must be a whole number from 1 to 999.',
    ],
    [
      'stone size not a number',
      (f) => ({
        ...f,
        item: { ...f.item, stones: [{ ...newStone(), kind: 'red stone', sizeMm: 'big' }] },
      }),
      'Stone row 1: the size must be a number of mm, like 5 or 5.5 (or leave it empty).',
    ],
    [
      'no promised date',
      (f) => ({ ...f, promisedDate: '' }),
      'Promised date is missing: tap a quick button or choose a date.',
    ],
    [
      'promised date that does not exist',
      (f) => ({ ...f, promisedDate: '2026-02-31' }),
      'Promised date is not a real date.',
    ],
    [
      'promised yesterday',
      (f) => ({ ...f, promisedDate: '2026-11-22' }),
      'Promised date is in the past.',
    ],
    [
      'pre-printed envelope without a code',
      (f) => ({ ...f, envelope: { ...f.envelope, mode: 'preprinted', code: '' } }),
      'Envelope code is missing: scan or type the code printed on the envelope.',
    ],
    [
      'pre-printed code too short',
      (f) => ({ ...f, envelope: { ...f.envelope, mode: 'preprinted', code: 'ab' } }),
      'An envelope code has at least 3 characters (this one has 2).',
    ],
    [
      'job 3 of 2',
      (f) => ({ ...f, envelope: { ...f.envelope, part: { index: 3, of: 2 } } }),
      'Job 3 of 2 cannot be: the job is past the last one.',
    ],
  ];

  it.each(cases)('%s → exactly one message', (_name, mutate, message) => {
    expect(problemsOf(mutate(goodForm())).map((p) => p.message)).toEqual([message]);
  });

  it('turns a good form into the input openJob stores, trimmed, in cents and grams', () => {
    const input = inputOf(goodForm());
    expect(input).toEqual({
      jobId: JOB_ID,
      customer: { name: 'Anna Lindqvist', phone: '+46 70 123 45 67' },
      item: {
        kind: 'ring',
        description: 'Yellow metal ring with one white stone',
        alloyId: 'au14y',
        stamps: '585',
        stones: [{ count: 1, kind: 'white stone', sizeMm: 5.2 }],
      },
      condition: {
        wornProngs: true,
        looseStones: false,
        chippedStones: false,
        missingStones: false,
        thinShank: false,
        kinks: false,
        brokenClasp: false,
        other: 'old solder seam',
      },
      services: [{ kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } }],
      promisedDate: '2026-11-30',
      rush: true,
      estimateCents: 8550,
      statedValueCents: 120000,
      insuranceValueCents: 150000,
      intakeWeightG: 3.42,
      notes: 'Customer collects after 5 pm',
    } satisfies OpenJobInput);
  });

  it('gives what the job.opened schema accepts once openJob adds the envelope and service ids', () => {
    const {
      jobId: _id,
      preprintedCode: _code,
      part,
      services,
      ...rest
    } = inputOf({
      ...goodForm(),
      envelope: { mode: 'preprinted', code: ' env 1234 ', part: { index: 1, of: 2 } },
    });
    const parsed = jobOpenedSchema.safeParse({
      ...rest,
      envelope: { number: 'ENV 1234', preprinted: true, part },
      services: services.map((s) => ({ id: newUlid(), ...s })),
      signatureSha256: 'a'.repeat(64),
    });
    expect(parsed.success).toBe(true);
  });

  it('leaves optional fields out rather than storing empty ones', () => {
    const input = inputOf({
      ...goodForm(),
      customer: { name: 'Bo', phone: ' ' },
      item: { ...goodForm().item, stamps: '', alloyId: null, stones: [] },
      values: { stated: '', insurance: '0', estimate: '' },
      condition: { ...goodForm().condition, other: '' },
      notes: '',
    });
    expect(input.customer).toEqual({ name: 'Bo' });
    expect(Object.keys(input.item)).toEqual(['kind', 'description', 'stones']);
    expect('other' in input.condition).toBe(false);
    expect(input.insuranceValueCents).toBe(0);
    for (const key of ['statedValueCents', 'estimateCents', 'notes', 'preprintedCode', 'part']) {
      expect(key in input).toBe(false);
    }
  });

  it('keeps a pre-printed code in capitals and the visit part', () => {
    const input = inputOf({
      ...goodForm(),
      envelope: { mode: 'preprinted', code: ' a-1234 ', part: { index: 2, of: 3 } },
    });
    expect(input.preprintedCode).toBe('A-1234');
    expect(input.part).toEqual({ index: 2, of: 3 });
  });

  it('ignores the promised date check without a today', () => {
    const check = toOpenJobInput({ ...goodForm(), promisedDate: '2020-01-01' });
    expect(check.ok).toBe(true);
  });
});

describe('parseMoney', () => {
  it.each([
    ['12,50', 1250],
    ['12.50', 1250],
    ['12,5', 1250],
    ['12', 1200],
    ['12.', 1200],
    [',99', 99],
    ['0', 0],
    [' € 1 500,00 ', 150000],
    ['$85.05', 8505],
    ['0.1', 10],
  ])('%j → %i cents', (text, cents) => {
    expect(parseMoney(text)).toBe(cents);
  });

  it.each(['', 'abc', '1,250', '12.505', '-5', '1.2.3', '99999999999'])('refuses %j', (text) => {
    expect(parseMoney(text)).toBeUndefined();
  });
});

describe('helpers', () => {
  it('counts days across months and years in calendar days', () => {
    expect(addDays('2026-11-23', 1)).toBe('2026-11-24');
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('warns about gem and metal names, not about generic words', () => {
    expect(untestedWordWarning('green stone, yellow metal')).toBeNull();
    expect(untestedWordWarning('Ring with an Emerald')).toContain('“emerald”');
    expect(untestedWordWarning('two diamonds')).toContain('“diamond”');
    expect(untestedWordWarning('golden colour')).toBeNull();
  });

  it('knows an untouched form, and carries the customer to the next piece of a visit', () => {
    expect(isEmptyIntake(emptyIntake())).toBe(true);
    expect(isEmptyIntake({ ...emptyIntake(), rush: true })).toBe(false);
    const form = {
      ...goodForm(),
      envelope: { mode: 'app' as const, code: '', part: { index: 1, of: 2 } },
    };
    const next = nextPieceOf(form);
    expect(next.jobId).not.toBe(form.jobId);
    expect(next.envelope.part).toEqual({ index: 2, of: 2 });
    expect(next.customer).toEqual(form.customer);
    expect(next.promisedDate).toBe(form.promisedDate);
    expect(next.services).toEqual([]);
    expect(next.signed).toBe(false);
  });

  it('keeps a draft without its signature and reads it back', () => {
    const form = goodForm();
    const text = draftText(form);
    expect(text).not.toContain('signed');
    expect(readDraft(text)).toEqual({ ...form, signed: false });
    expect(readDraft('{"jobId":"x"}')).toBeNull();
    expect(readDraft('not json')).toBeNull();
    expect(readDraft(null)).toBeNull();
    expect(readDraft(draftText(emptyIntake()))).toBeNull();
  });
});
