// The shape of a job as the bench sees it: the projection folded from its events.
import type { ServiceKind, StepValues } from './checklists';
import type { JobStatus, PhotoTag, WeightKind, EventData } from '../protocol/events';
import type { ConfirmMethod } from '../protocol/handoffs';

type Opened = EventData<'job.opened'>;

/** Who did something and when (its clock stamp), kept on every entry for the audit trail. */
export interface Attribution {
  by: string;
  at: string;
  eventId: string;
}

export interface StepState extends Attribution {
  done: boolean;
  values: StepValues;
}

export interface ServiceState {
  id: string;
  kind: ServiceKind;
  details: StepValues;
  added: Attribution;
  cancelled: (Attribution & { reason: string }) | null;
  /** Last-writer-wins per step id. */
  steps: Record<string, StepState>;
}

export type CustodyTarget = EventData<'custody.moved'>['to'];

export interface CustodyEntry extends Attribution {
  to: CustodyTarget;
  note?: string;
}

/** The receiver's signature on a hand-off: `by` received the piece moved by `moveEventId`. */
export interface CustodyConfirmation extends Attribution {
  moveEventId: string;
  method: ConfirmMethod;
}

/** Work sent to a trade shop or outside setter; its return is a TradeReturnedEntry naming it. */
export type TradeSentEntry = Attribution & EventData<'trade.sent'>;
export type TradeReturnedEntry = Attribution & EventData<'trade.returned'>;

/** A warranty redo opened for this job: `redoJobId` is the new job. */
export type WarrantyClaim = Attribution & EventData<'warranty.claimed'>;

/** One attempt at telling the customer (by the shop server): sent, failed or not sent. */
export type NoticeEntry = Attribution & EventData<'notice.recorded'>;

export interface WeightEntry extends Attribution {
  kind: WeightKind;
  grams: number;
  alloyId?: string;
  serviceId?: string;
  note?: string;
  /** The shop scale it was weighed on, when the weighing said (calibration flags read it). */
  scaleId?: string;
}

/**
 * One mark of a person's timer on the job (timer.* events), as recorded; domain/time/timers.ts reads
 * them into timers. `by` is the person timed.
 */
export interface TimerMark extends Attribution {
  timerId: string;
  mark: 'started' | 'paused' | 'resumed' | 'stopped' | 'corrected';
  /** The wall-clock moment of a start, pause, resume or stop. */
  wallMs?: number;
  /** On a start: the service timed (none: the whole job). */
  serviceId?: string;
  /** On a correction: the worked time it sets, and why. */
  workedMs?: number;
  reason?: string;
}

/** A material the job used (material.used), as it was named and costed then. */
export type MaterialUseEntry = Attribution & EventData<'material.used'>;
/** A material put back unused: the use it names no longer counts. */
export type MaterialReturnEntry = Attribution & EventData<'material.returned'>;

export interface PhotoEntry extends Attribution {
  sha256: string;
  /** Its thumbnail's own address, for fetching it first; absent on older photos. */
  thumbnailSha256?: string;
  tag: PhotoTag;
  mimeType: string;
  bytes: number;
  width: number;
  height: number;
  serviceId?: string;
  note?: string;
}

export interface NoteEntry extends Attribution {
  text: string;
}

export interface QcEntry extends Attribution {
  result: 'pass' | 'fail';
  checks: Record<string, boolean>;
  reason?: string;
}

/** Why a job takes no more moves: it went home with the customer, or it was voided (both final). */
export type FinalReason = 'collected' | 'voided';

/**
 * An event kept in the history but not applied, because the job was already final when it came in
 * stamp order: e.g. a tablet offline since before the pick-up that sent the job to QC afterwards.
 */
export interface RefusedMove extends Attribution {
  type: 'status.changed' | 'qc.recorded' | 'job.voided';
  /** The tablet that recorded it, so the history can say where the stale move came from. */
  device: string;
  after: FinalReason;
}

export interface JobState {
  id: string;
  envelopeNumber: string;
  preprinted: boolean;
  part?: { index: number; of: number };
  /** Every key this job answers to when an envelope is scanned or typed (see envelopeKey). */
  envelopeKeys: string[];

  customer: Opened['customer'];
  item: Opened['item'];
  condition: Opened['condition'];
  promisedDate: string;
  rush: boolean;
  estimateCents: number | null;
  statedValueCents: number | null;
  insuranceValueCents: number | null;
  intakeWeightG: number;
  intakeNotes?: string;
  intakeSignatureSha256?: string;
  assignee: string | null;

  status: JobStatus;
  statusChanged: Attribution & { reason?: string };
  pickupSignatureSha256?: string;
  /** Stones counted with the customer at pick-up, against the intake's count. */
  pickupStoneCount?: number;
  /** The warranty promised at pick-up, in days per service id (absent on older pick-ups). */
  pickupWarrantyDays?: Record<string, number>;
  voided: (Attribution & { reason: string }) | null;
  /** Moves that came after the job was final, in stamp order: shown in the history, never applied. */
  refused: RefusedMove[];

  services: ServiceState[];
  custody: CustodyEntry[];
  weights: WeightEntry[];
  photos: PhotoEntry[];
  notes: NoteEntry[];
  qc: QcEntry[];
  /** Receivers' confirmations of custody moves (a list: see custodyTrail in domain/handoffs.ts). */
  custodyConfirmations: CustodyConfirmation[];
  tradeSent: TradeSentEntry[];
  tradeReturned: TradeReturnedEntry[];
  warrantyClaims: WarrantyClaim[];
  notices: NoticeEntry[];
  /** Timer marks in stamp order (time spent: domain/time/timers.ts). */
  timerMarks: TimerMark[];
  materialsUsed: MaterialUseEntry[];
  materialsReturned: MaterialReturnEntry[];
  /** Set on a warranty redo: the job whose warranty it is done under. */
  redoOf?: EventData<'job.opened'>['redoOf'];

  opened: Attribution;
  /** The greatest (at, id) folded in: a later event can be applied without re-reading the rest. */
  lastAt: string;
  lastEventId: string;
  eventCount: number;
  /**
   * Events kept but not folded: types from a newer app version, data this version cannot read, a
   * stamp that is not a real time, or anything else whose folding failed. Types sorted by name.
   */
  skipped: { count: number; types: string[] };

  /** Derived for lists and search; recomputed on every fold. */
  /** 1 unless voided: a number because IndexedDB cannot index booleans; lists count by it. */
  live: 0 | 1;
  progress: { stepsDone: number; stepsRequired: number };
  searchTerms: string[];
  /** `staffId|YYYY-MM-DD` (UTC) of every day a timer on the job ran: a person's day by index. */
  timedDays: string[];
  /** Staff with a timer running on the job now: "one running per person" by index. */
  runningTimers: string[];
}
