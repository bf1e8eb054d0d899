// The take-in form as plain data, and the one check that turns it into what openJob stores.
//
// Pure: no React, no storage. The screen keeps an IntakeForm (strings as typed, so "12,50" stays
// "12,50" while the person types) and asks toOpenJobInput, which either gives the OpenJobInput or
// lists, in counter words, exactly what is still missing (DOMAIN.md, "Take-in").
import {
  checkServiceDetails,
  templateFor,
  type ServiceKind,
  type StepValue,
} from '../../domain/checklists';
import { checkPreprintedCode } from '../../domain/envelopes';
import { newJobId, newUlid } from '../../domain/ids';
import type { AlloyId } from '../../domain/metals';
import type { OpenJobInput } from '../../db';
import type { ItemKind } from '../../protocol/events';
import { customerEmailSchema } from '../../protocol/notices';

export const CONDITION_FLAGS = [
  'wornProngs',
  'looseStones',
  'chippedStones',
  'missingStones',
  'thinShank',
  'kinks',
  'brokenClasp',
] as const;
export type ConditionFlag = (typeof CONDITION_FLAGS)[number];

export interface StoneDraft {
  /** Keeps the row's inputs in place when an earlier row is removed. */
  key: string;
  count: string;
  kind: string;
  sizeMm: string;
}

export interface ServiceDraft {
  key: string;
  kind: ServiceKind;
  /** Values of templateFor(kind).detailFields, as FieldInput gives them (sizes already in mm). */
  details: Record<string, StepValue>;
}

export interface JobPart {
  index: number;
  of: number;
}

export interface IntakeForm {
  /** Made before saving, so anything filed at intake (a photo detail) already has its job. */
  jobId: string;
  envelope: { mode: 'app' | 'preprinted'; code: string; part: JobPart | null };
  /**
   * `email` and `notifyByEmail` (the customer agreed to be emailed when the piece is ready) are
   * optional so that a form made before them still reads; consent counts only with an email.
   */
  customer: { name: string; phone: string; email?: string; notifyByEmail?: boolean };
  item: {
    kind: ItemKind | null;
    description: string;
    stamps: string;
    alloyId: AlloyId | null;
    stones: StoneDraft[];
  };
  /** Money as typed; turned into cents only by toOpenJobInput. */
  values: { stated: string; insurance: string; estimate: string };
  condition: Record<ConditionFlag, boolean> & { other: string };
  services: ServiceDraft[];
  promisedDate: string;
  rush: boolean;
  /** Grams as typed on the number pad. */
  weight: string;
  notes: string;
  /**
   * Photos of the piece were filed under jobId. They are stored at once (not in the draft), so this
   * alone makes the draft worth keeping: a reload comes back to the same job id and shows them.
   */
  photosTaken: boolean;
  /**
   * The customer has signed on the pad. The strokes themselves live in the screen until Save files
   * them (storePickedPhoto) and adds their hash: a drawing is never kept in a draft.
   */
  signed: boolean;
}

/** Where a problem is, so the summary can take the person there: see FIELD. */
export interface IntakeProblem {
  field: string;
  message: string;
}

export type IntakeCheck =
  { ok: true; input: OpenJobInput } | { ok: false; problems: IntakeProblem[] };

/** Field ids of the form, used in problems and as `data-field` on the screen. */
export const FIELD = {
  envelopeCode: 'envelope.code',
  part: 'envelope.part',
  customerName: 'customer.name',
  customerPhone: 'customer.phone',
  customerEmail: 'customer.email',
  itemKind: 'item.kind',
  description: 'item.description',
  stamps: 'item.stamps',
  alloy: 'item.alloyId',
  stone: (key: string, part: 'count' | 'kind' | 'sizeMm') => `item.stones.${key}.${part}`,
  stated: 'values.stated',
  insurance: 'values.insurance',
  estimate: 'values.estimate',
  conditionOther: 'condition.other',
  services: 'services',
  serviceDetail: (key: string, fieldKey: string) => `services.${key}.${fieldKey}`,
  promisedDate: 'promisedDate',
  weight: 'weight',
  notes: 'notes',
  signature: 'signature',
} as const;

// Limits of the job.opened schema (protocol/events.ts), checked here so the person reads them first.
const MAX = {
  name: 100,
  phone: 40,
  description: 200,
  stamps: 100,
  stoneKind: 60,
  stones: 50,
  conditionOther: 500,
  services: 20,
  notes: 2000,
} as const;
const MAX_STONE_COUNT = 999;
const MAX_STONE_MM = 100;
const MAX_WEIGHT_G = 1000;
/** A piece worth more than ten million is a slip of the finger, not a customer. */
const MAX_MONEY_CENTS = 1_000_000_000;

export function emptyIntake(jobId: string = newJobId()): IntakeForm {
  return {
    jobId,
    envelope: { mode: 'app', code: '', part: null },
    customer: { name: '', phone: '', email: '', notifyByEmail: false },
    item: { kind: null, description: '', stamps: '', alloyId: null, stones: [] },
    values: { stated: '', insurance: '', estimate: '' },
    condition: {
      wornProngs: false,
      looseStones: false,
      chippedStones: false,
      missingStones: false,
      thinShank: false,
      kinks: false,
      brokenClasp: false,
      other: '',
    },
    services: [],
    promisedDate: '',
    rush: false,
    weight: '',
    notes: '',
    photosTaken: false,
    signed: false,
  };
}

/** Nothing typed or tapped yet (the job id does not count): there is no draft worth keeping. */
export function isEmptyIntake(form: IntakeForm): boolean {
  const texts = [
    form.envelope.code,
    form.customer.name,
    form.customer.phone,
    form.customer.email ?? '',
    form.item.description,
    form.item.stamps,
    form.values.stated,
    form.values.insurance,
    form.values.estimate,
    form.condition.other,
    form.promisedDate,
    form.weight,
    form.notes,
  ];
  return (
    texts.every((t) => t.trim() === '') &&
    form.envelope.mode === 'app' &&
    form.envelope.part === null &&
    form.item.kind === null &&
    form.item.alloyId === null &&
    form.item.stones.length === 0 &&
    CONDITION_FLAGS.every((f) => !form.condition[f]) &&
    form.services.length === 0 &&
    !form.rush &&
    !form.photosTaken &&
    !form.signed
  );
}

/**
 * The next piece of the same visit ("job 2 of 3"): a new envelope for the same customer and promised
 * day, everything about the piece blank again, and a new signature (DOMAIN.md: one piece per envelope).
 */
export function nextPieceOf(form: IntakeForm): IntakeForm {
  const next = emptyIntake();
  const part = form.envelope.part;
  return {
    ...next,
    envelope: {
      ...next.envelope,
      part: part ? { index: Math.min(part.index + 1, part.of), of: part.of } : null,
    },
    customer: { ...form.customer },
    promisedDate: form.promisedDate,
    rush: form.rush,
  };
}

export function newStone(): StoneDraft {
  return { key: newUlid(), count: '1', kind: '', sizeMm: '' };
}

export function newService(kind: ServiceKind): ServiceDraft {
  return { key: newUlid(), kind, details: {} };
}

/** Accepts "3,4" as well as "3.4": a shop's tablet keyboard may be set to either. */
export function parseDecimal(text: string): number | undefined {
  const t = text.trim().replace(',', '.');
  if (!/^(\d+\.?\d*|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}

/**
 * Money as typed at the counter into cents: "12,50" and "12.50" are 1250, "250" is 25000. A currency
 * sign and spaces are ignored. Thousands separators are refused rather than guessed ("1,250" could be
 * 1.25 or 1250), as are more than two decimals. Counted in whole digits, so no float rounding creeps in.
 */
export function parseMoney(text: string): number | undefined {
  const t = text.replace(/[\s$€£¥]/g, '');
  const match = /^(\d{1,10})(?:[.,](\d{0,2}))?$/.exec(t) ?? /^()[.,](\d{1,2})$/.exec(t);
  if (!match) return undefined;
  const whole = match[1] === '' || match[1] === undefined ? 0 : Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  const cents = whole * 100 + fraction;
  return cents <= MAX_MONEY_CENTS ? cents : undefined;
}

/** The calendar day `days` after `isoDay` (YYYY-MM-DD), counted in UTC so no time zone shifts it. */
export function addDays(isoDay: string, days: number): string {
  const [y = 0, m = 1, d = 1] = isoDay.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export const QUICK_DATES = [
  { label: 'Tomorrow', days: 1 },
  { label: '+3 days', days: 3 },
  { label: '+1 week', days: 7 },
  { label: '+2 weeks', days: 14 },
] as const;

function isRealDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && addDays(text, 0) === text;
}

// Words that name what only a test can tell (DOMAIN.md, "Take-in": "never 'emerald' unless tested").
const UNTESTED_WORDS = [
  'diamond',
  'emerald',
  'ruby',
  'sapphire',
  'tanzanite',
  'alexandrite',
  'aquamarine',
  'amethyst',
  'topaz',
  'tourmaline',
  'garnet',
  'opal',
  'moissanite',
  'gold',
  'platinum',
  'palladium',
  'silver',
];

/**
 * A gentle word when a description names a gem or a precious metal: the envelope should say what
 * anyone can see ("yellow metal", "green stone"), because what it names the shop may have to stand
 * behind. Not a problem: a tested stone may be named.
 */
export function untestedWordWarning(text: string): string | null {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const found = UNTESTED_WORDS.find((w) => words.some((x) => x === w || x === `${w}s`));
  if (found === undefined) return null;
  return `“${found}” names what only a test can tell: describe what you see (“yellow metal”, “green stone”) unless it was tested.`;
}

function tooLong(what: string, text: string, max: number): string | null {
  return text.length > max ? `${what} is too long: keep it to ${max} characters.` : null;
}

/**
 * Checks the whole form. Every problem is listed (not just the first), each saying what is missing
 * or wrong in the words the counter uses. `today` (YYYY-MM-DD, the shop's local day) refuses a
 * promised date in the past; without it that is not checked.
 */
export function toOpenJobInput(form: IntakeForm, options: { today?: string } = {}): IntakeCheck {
  const problems: IntakeProblem[] = [];
  const add = (field: string, message: string | null) => {
    if (message !== null) problems.push({ field, message });
  };

  // Envelope
  let preprintedCode: string | undefined;
  if (form.envelope.mode === 'preprinted') {
    if (form.envelope.code.trim() === '') {
      add(
        FIELD.envelopeCode,
        'Envelope code is missing: scan or type the code printed on the envelope.',
      );
    } else {
      const check = checkPreprintedCode(form.envelope.code);
      if (check.ok) preprintedCode = check.code;
      else add(FIELD.envelopeCode, check.message);
    }
  }
  const part = form.envelope.part;
  if (part !== null) {
    const whole = Number.isInteger(part.index) && Number.isInteger(part.of);
    if (!whole || part.index < 1 || part.of < 1) {
      add(FIELD.part, 'Job N of M: both numbers must be whole numbers from 1.');
    } else if (part.index > part.of) {
      add(FIELD.part, `Job ${part.index} of ${part.of} cannot be: the job is past the last one.`);
    }
  }

  // Customer
  const name = form.customer.name.trim().replace(/\s+/g, ' ');
  if (name === '') add(FIELD.customerName, "Customer's name is missing.");
  else add(FIELD.customerName, tooLong("Customer's name", name, MAX.name));
  const phone = form.customer.phone.trim();
  add(FIELD.customerPhone, tooLong('Phone number', phone, MAX.phone));
  // Optional; the consent to be emailed is recorded only with an address to email.
  const email = (form.customer.email ?? '').trim();
  if (email !== '') {
    const checked = customerEmailSchema.safeParse(email);
    if (!checked.success) {
      add(
        FIELD.customerEmail,
        `Customer's email: ${checked.error.issues[0]?.message ?? 'not an email address.'}`,
      );
    }
  }

  // Item
  const { item } = form;
  if (item.kind === null) add(FIELD.itemKind, 'Item kind is missing: tap what the piece is.');
  const description = item.description.trim();
  if (description === '') {
    add(
      FIELD.description,
      'Item description is missing: describe it generically, like “yellow metal ring with one white stone”.',
    );
  } else {
    add(FIELD.description, tooLong('Item description', description, MAX.description));
  }
  const stamps = item.stamps.trim();
  add(FIELD.stamps, tooLong('Stamps', stamps, MAX.stamps));
  if (item.stones.length > MAX.stones) {
    add(FIELD.stone(item.stones[MAX.stones]?.key ?? '', 'count'), 'At most 50 rows of stones.');
  }
  const stones: OpenJobInput['item']['stones'] = [];
  item.stones.forEach((row, i) => {
    const which = `Stone row ${i + 1}`;
    const count = /^\s*\d+\s*$/.test(row.count) ? Number(row.count) : NaN;
    const countOk = count >= 1 && count <= MAX_STONE_COUNT;
    if (!countOk) {
      add(
        FIELD.stone(row.key, 'count'),
        `${which}: the count must be a whole number from 1 to ${MAX_STONE_COUNT}.`,
      );
    }
    const kind = row.kind.trim();
    if (kind === '') {
      add(
        FIELD.stone(row.key, 'kind'),
        `${which}: describe the stone generically, like “white stone”.`,
      );
    } else {
      add(FIELD.stone(row.key, 'kind'), tooLong(`${which}: the stone`, kind, MAX.stoneKind));
    }
    const size = row.sizeMm.trim() === '' ? undefined : parseDecimal(row.sizeMm);
    const sizeBad =
      row.sizeMm.trim() !== '' && (size === undefined || size <= 0 || size > MAX_STONE_MM);
    if (sizeBad) {
      add(
        FIELD.stone(row.key, 'sizeMm'),
        `${which}: the size must be a number of mm, like 5 or 5.5 (or leave it empty).`,
      );
    }
    if (countOk && kind !== '' && !sizeBad) {
      stones.push({ count, kind, ...(size === undefined ? {} : { sizeMm: size }) });
    }
  });

  // Values. DOMAIN.md ("Hand-offs"): record an insurance value on every job, so it is required;
  // what the customer says it is worth and the estimate are optional.
  const money = (text: string, field: string, what: string, required: string | null) => {
    if (text.trim() === '') {
      add(field, required);
      return undefined;
    }
    const cents = parseMoney(text);
    if (cents === undefined) {
      add(field, `${what} must be an amount like 250 or 1250.50.`);
    }
    return cents;
  };
  const statedValueCents = money(form.values.stated, FIELD.stated, "Customer's stated value", null);
  const insuranceValueCents = money(
    form.values.insurance,
    FIELD.insurance,
    'Insurance value',
    'Insurance value is missing: record an insurance value on every job.',
  );
  const estimateCents = money(form.values.estimate, FIELD.estimate, 'Estimate', null);

  // Condition
  const other = form.condition.other.trim();
  add(FIELD.conditionOther, tooLong('Other condition notes', other, MAX.conditionOther));

  // Services
  if (form.services.length === 0) add(FIELD.services, 'Add at least one service.');
  if (form.services.length > MAX.services) {
    add(FIELD.services, `At most ${MAX.services} services on one job.`);
  }
  for (const service of form.services) {
    const { name: serviceName } = templateFor(service.kind);
    for (const problem of checkServiceDetails(service.kind, service.details)) {
      add(FIELD.serviceDetail(service.key, problem.key), `${serviceName}: ${problem.message}`);
    }
  }

  // Promised date
  const promisedDate = form.promisedDate.trim();
  if (promisedDate === '') {
    add(FIELD.promisedDate, 'Promised date is missing: tap a quick button or choose a date.');
  } else if (!isRealDay(promisedDate)) {
    add(FIELD.promisedDate, 'Promised date is not a real date.');
  } else if (options.today !== undefined && promisedDate < options.today) {
    add(FIELD.promisedDate, 'Promised date is in the past.');
  }

  // Weight: DOMAIN.md ("Take-in"), weigh on a calibrated scale at intake; return weight is checked
  // against it when the piece goes back.
  const weight = parseDecimal(form.weight);
  if (form.weight.trim() === '') {
    add(FIELD.weight, 'Intake weight is missing: weigh the piece on the calibrated scale.');
  } else if (weight === undefined) {
    add(FIELD.weight, 'Intake weight must be a number of grams, like 3.42.');
  } else if (weight <= 0) {
    add(FIELD.weight, 'Intake weight must be more than 0 g.');
  } else if (weight > MAX_WEIGHT_G) {
    add(FIELD.weight, `Intake weight over ${MAX_WEIGHT_G} g is surely a typo: weigh it again.`);
  }

  const notes = form.notes.trim();
  add(FIELD.notes, tooLong('Notes', notes, MAX.notes));

  // DOMAIN.md: the customer signs the take-in.
  if (!form.signed) add(FIELD.signature, 'The customer has not signed.');

  if (problems.length > 0) return { ok: false, problems };
  // Every branch that leaves one of these undefined added a problem above.
  if (item.kind === null || weight === undefined || insuranceValueCents === undefined) {
    return { ok: false, problems };
  }

  const input: OpenJobInput = {
    jobId: form.jobId,
    ...(preprintedCode === undefined ? {} : { preprintedCode }),
    ...(part === null ? {} : { part: { index: part.index, of: part.of } }),
    customer: {
      name,
      ...(phone === '' ? {} : { phone }),
      ...(email === '' ? {} : { email, notifyByEmail: form.customer.notifyByEmail === true }),
    },
    item: {
      kind: item.kind,
      description,
      ...(item.alloyId === null ? {} : { alloyId: item.alloyId }),
      ...(stamps === '' ? {} : { stamps }),
      stones,
    },
    condition: {
      wornProngs: form.condition.wornProngs,
      looseStones: form.condition.looseStones,
      chippedStones: form.condition.chippedStones,
      missingStones: form.condition.missingStones,
      thinShank: form.condition.thinShank,
      kinks: form.condition.kinks,
      brokenClasp: form.condition.brokenClasp,
      ...(other === '' ? {} : { other }),
    },
    services: form.services.map((s) => ({ kind: s.kind, details: { ...s.details } })),
    promisedDate,
    rush: form.rush,
    ...(estimateCents === undefined ? {} : { estimateCents }),
    ...(statedValueCents === undefined ? {} : { statedValueCents }),
    insuranceValueCents,
    intakeWeightG: weight,
    ...(notes === '' ? {} : { notes }),
  };
  return { ok: true, input };
}
