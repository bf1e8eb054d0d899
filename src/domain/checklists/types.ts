// Shapes of service checklists: the service kinds, step and field templates, and recorded values.

/**
 * Every service a job can carry. These strings are stored in events forever: add new kinds at the end
 * and never rename or remove one (old events on a tablet that was offline for a month still name it).
 */
export const SERVICE_KINDS = [
  'ring_sizing_up',
  'ring_sizing_down',
  'prong_retipping',
  'rhodium_plating',
  'lost_wax_casting',
  'chain_soldering',
  'clasp_replacement',
  'stone_tightening',
  'polishing',
  'cleaning',
] as const;

export type ServiceKind = (typeof SERVICE_KINDS)[number];

export function isServiceKind(x: unknown): x is ServiceKind {
  return typeof x === 'string' && (SERVICE_KINDS as readonly string[]).includes(x);
}

/** Units of measured values. Stored values are the measurable quantity in this unit (DOMAIN.md). */
export type Unit = 'mm' | 'g' | 'ct' | '°C' | 'V' | 'A' | 's' | 'min' | 'h' | 'count' | '%';

interface FieldBase {
  /** Stable snake_case key, stored in events forever: never rename one. */
  key: string;
  label: string;
  /**
   * Must be given when the service is added (details) or when the step is ticked done. For a `check`
   * field, required means the jeweler must confirm it (true): an unticked box is not a confirmation.
   */
  required: boolean;
  hint?: string;
}

export type FieldTemplate =
  /** A measured number in `unit`, between min and max; a 'count' must also be a whole number. */
  | (FieldBase & { kind: 'number'; unit: Unit; min: number; max: number; step: number })
  /** The stored value is an option's `value`; its `label` is what the jeweler sees. */
  | (FieldBase & { kind: 'choice'; options: readonly { value: string; label: string }[] })
  /** Inner diameter in mm (a number); US/UK/EU/JP sizes are views of it (DOMAIN.md, ring sizes). */
  | (FieldBase & { kind: 'ringSize' })
  /** An alloy id such as 'au14y' (validated against the metals list elsewhere; here a non-empty string). */
  | (FieldBase & { kind: 'alloy' })
  | (FieldBase & { kind: 'text'; maxLength: number })
  /** A photo, referenced by the SHA-256 of its bytes (64 lowercase hex characters). */
  | (FieldBase & { kind: 'photo' })
  /** A yes/no the jeweler confirms (boolean). */
  | (FieldBase & { kind: 'check' });

export interface StepTemplate {
  /** Stable snake_case id, stored in events forever: never derive it from the label, never rename it. */
  id: string;
  label: string;
  hint?: string;
  /** The step must be done before a second person can sign off QC. */
  requiredBeforeQc: boolean;
  fields: readonly FieldTemplate[];
}

export interface ChecklistTemplate {
  kind: ServiceKind;
  name: string;
  /** Days of warranty on this service (DOMAIN.md, "What workshop software commonly has"). */
  warrantyDays: number;
  /** Asked when the service is added at intake (e.g. current and target ring size). */
  detailFields: readonly FieldTemplate[];
  /** In the order the work is done at the bench. */
  steps: readonly StepTemplate[];
  /**
   * Cross-field rules on the details, e.g. sizing up needs target > current. It is given only the values
   * that passed their own field checks, so it may trust their types but not that they are present.
   */
  checkDetails?: (details: StepValues) => FieldProblem[];
}

export type StepValue = number | string | boolean;
export type StepValues = Readonly<Record<string, StepValue>>;

export interface FieldProblem {
  /** The field's key (or the unknown key that was given). */
  key: string;
  /** Names the field by its label and says what is wrong, in workshop words. */
  message: string;
}
