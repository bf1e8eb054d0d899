// A job's events told in words for its history: "Mia Berg ticked Polish", "Jo Smith handed it to Safe".
import {
  stepById,
  templateFor,
  type ServiceKind,
  type StepTemplate,
  type StepValues,
} from '../../../domain/checklists';
import type { FinalReason, JobState } from '../../../domain/job';
import { refusedMoves } from '../../../domain/projection';
import { PHOTO_TAG_LABELS } from '../../../photos/tags';
import {
  isEventType,
  readStoredEvent,
  type JobFieldChanges,
  type JobStatus,
  type LoupeEvent,
  type StoredEvent,
} from '../../../protocol/events';
import { dayText } from '../../../domain/dates';
import { quantityText } from '../../../domain/inventory/stock';
import { clockOfDay, durationText } from '../../../domain/time/format';
import { grams, valuesText } from './format';

type NameOf = (staffId: string) => string;

const STATUS_VERBS: Record<JobStatus, string> = {
  received: 'set it back to received',
  in_progress: 'moved it to in progress',
  qc: 'sent it to QC',
  ready: 'marked it ready for pick-up',
  collected: 'marked it collected',
  on_hold: 'put it on hold',
};

const WEIGHT_WORDS = {
  intake: 'intake weight',
  added: 'added',
  removed: 'removed',
  check: 'check weight',
  return: 'return weight',
} as const;

/** A service's name; a kind from a newer app version has no template here yet. */
export function serviceName(kind: ServiceKind): string {
  try {
    return templateFor(kind).name;
  } catch {
    return kind;
  }
}

function safeStep(kind: ServiceKind, stepId: string): StepTemplate | undefined {
  try {
    return stepById(kind, stepId);
  } catch {
    return undefined;
  }
}

function stepWords(job: JobState, serviceId: string, stepId: string, values: StepValues): string {
  const service = job.services.find((s) => s.id === serviceId);
  if (!service) return stepId;
  const step = safeStep(service.kind, stepId);
  if (!step) return stepId;
  const given = valuesText(step.fields, values);
  return given === '' ? step.label : `${step.label} (${given})`;
}

/** What a timer times: a service by name, or the whole job. */
function timedWhat(job: JobState, serviceId: string | undefined): string {
  const service = job.services.find((s) => s.id === serviceId);
  return service ? serviceName(service.kind) : 'the whole job';
}

/** "the timer on Polishing", or "Jo Smith's timer on …" when it is someone else's. */
function timerWords(job: JobState, timerId: string, nameOf: NameOf, by?: string): string {
  const start = job.timerMarks.find((m) => m.timerId === timerId && m.mark === 'started');
  if (!start) return 'a timer';
  const whose = by === undefined || by === start.by ? 'the timer' : `${nameOf(start.by)}’s timer`;
  return `${whose} on ${timedWhat(job, start.serviceId)}`;
}

function changesWords(changes: JobFieldChanges, nameOf: NameOf): string {
  const parts: string[] = [];
  if (changes.customer) parts.push('changed the customer');
  if (changes.item) parts.push('changed the item');
  if (changes.condition) parts.push('changed the condition');
  if (changes.promisedDate) parts.push(`promised it for ${dayText(changes.promisedDate)}`);
  if (changes.rush !== undefined) parts.push(changes.rush ? 'marked it RUSH' : 'took RUSH off');
  if (changes.estimateCents !== undefined) parts.push('changed the estimate');
  if (changes.statedValueCents !== undefined) parts.push('changed the stated value');
  if (changes.insuranceValueCents !== undefined) parts.push('changed the insurance value');
  if (changes.assignee !== undefined) {
    parts.push(
      changes.assignee === null ? 'unassigned it' : `assigned it to ${nameOf(changes.assignee)}`,
    );
  }
  return parts.length > 0 ? parts.join(', ') : 'changed the job';
}

function knownWords(e: LoupeEvent, job: JobState, nameOf: NameOf): string {
  switch (e.type) {
    case 'job.opened':
      return (
        `opened the job on envelope ${e.data.envelope.number}, intake weight ${grams(e.data.intakeWeightG)}` +
        (e.data.redoOf ? `, a warranty redo of ${e.data.redoOf.envelopeNumber}` : '')
      );
    case 'job.updated':
      return changesWords(e.data.changes, nameOf);
    case 'job.voided':
      return `voided the job: ${e.data.reason}`;
    case 'status.changed': {
      const reason = e.data.reason ? `: ${e.data.reason}` : '';
      const signed = e.data.signatureSha256 ? ', the customer signed' : '';
      const stones =
        e.data.stoneCount === undefined
          ? ''
          : `, ${e.data.stoneCount} ${e.data.stoneCount === 1 ? 'stone' : 'stones'} counted with the customer`;
      return `${STATUS_VERBS[e.data.status]}${reason}${signed}${stones}`;
    }
    case 'envelope.bound':
      return `put it in envelope ${e.data.code}`;
    case 'service.added':
      return `added ${serviceName(e.data.service.kind)}`;
    case 'service.cancelled': {
      const service = job.services.find((s) => s.id === e.data.serviceId);
      return `cancelled ${service ? serviceName(service.kind) : 'a service'}: ${e.data.reason}`;
    }
    case 'step.set':
      return `${e.data.done ? 'ticked' : 'unticked'} ${stepWords(job, e.data.serviceId, e.data.stepId, e.data.values)}`;
    case 'custody.moved':
      return `handed it to ${e.data.to.label}${e.data.note ? ` (${e.data.note})` : ''}`;
    case 'weight.logged':
      return `logged ${grams(e.data.grams)} ${WEIGHT_WORDS[e.data.kind]}${e.data.note ? ` (${e.data.note})` : ''}`;
    case 'photo.added':
      return `added a photo (${PHOTO_TAG_LABELS[e.data.tag]})`;
    case 'note.added':
      return `added a note: “${e.data.text}”`;
    case 'qc.recorded':
      return e.data.result === 'pass'
        ? 'passed QC'
        : `failed QC${e.data.reason ? `: ${e.data.reason}` : ''}`;
    case 'custody.confirmed': {
      const move = job.custody.find((c) => c.eventId === e.data.moveEventId);
      const how = e.data.method === 'pin' ? 'with their PIN' : 'with their badge';
      return `confirmed receiving it${move ? ` from ${nameOf(move.by)}` : ''} ${how}`;
    }
    case 'trade.sent':
      return `sent it to ${e.data.tradeShopName} for “${e.data.work}”, taken by ${e.data.takenBy}, expected back ${dayText(e.data.expectedBack)}`;
    case 'trade.returned': {
      const sent = job.tradeSent.find((t) => t.eventId === e.data.sentEventId);
      return `took it back${sent ? ` from ${sent.tradeShopName}` : ''}: ${e.data.condition}`;
    }
    case 'warranty.claimed':
      return `opened warranty redo ${e.data.redoEnvelope}: ${e.data.reason}`;
    case 'notice.recorded': {
      const to = e.data.to ? ` to ${e.data.to}` : '';
      const why = e.data.reason ? `: ${e.data.reason}` : '';
      const what =
        e.data.status === 'sent'
          ? `sent the ready ${e.data.channel}${to}`
          : e.data.status === 'failed'
            ? `could not send the ready ${e.data.channel}${to} (attempt ${e.data.attempt})${why}`
            : `did not send a ready ${e.data.channel}${why}`;
      return what;
    }
    case 'timer.started':
      return `started a timer on ${timedWhat(job, e.data.serviceId)} at ${clockOfDay(e.data.wallMs)}`;
    case 'timer.paused':
      return `paused ${timerWords(job, e.data.timerId, nameOf, e.actor)} at ${clockOfDay(e.data.wallMs)}`;
    case 'timer.resumed':
      return `resumed ${timerWords(job, e.data.timerId, nameOf, e.actor)} at ${clockOfDay(e.data.wallMs)}`;
    case 'timer.stopped':
      return `stopped ${timerWords(job, e.data.timerId, nameOf, e.actor)} at ${clockOfDay(e.data.wallMs)}`;
    case 'timer.corrected':
      return `set ${timerWords(job, e.data.timerId, nameOf, e.actor)} to ${durationText(e.data.workedMs)}: ${e.data.reason}`;
    case 'material.used': {
      const service = job.services.find((s) => s.id === e.data.serviceId);
      const on = service ? ` for ${serviceName(service.kind)}` : '';
      return `used ${quantityText(e.data.quantity, e.data.unit)} ${e.data.itemName}${on}`;
    }
    case 'material.returned': {
      const use = job.materialsUsed.find((m) => m.usageId === e.data.usageId);
      const what = use ? `${quantityText(use.quantity, use.unit)} ${use.itemName}` : 'a material';
      return `put back ${what}: ${e.data.reason}`;
    }
    default:
      // Another stream's event (the shop's, a tree's) never belongs to a job's history.
      return `recorded ${e.type}`;
  }
}

const AFTER_FINAL: Record<FinalReason, string> = {
  collected: 'after pick-up',
  voided: 'after it was voided',
};

/**
 * Where a move refused by the fold came from and why it did not count: the tablet is named by the
 * start of its device id, enough to find it in the shop. Collected and voided are final (fold).
 */
function refusalWords(event: StoredEvent, job: JobState): string {
  const refused = refusedMoves(job).find((r) => r.eventId === event.id);
  if (!refused) return '';
  return ` on tablet ${refused.device.slice(0, 8)} ${AFTER_FINAL[refused.after]} — not applied`;
}

function unreadableWords(event: StoredEvent, nameOf: NameOf): string {
  // DESIGN.md ("Version skew"): a tablet keeps events it cannot read yet and folds them once updated.
  const what = isEventType(event.type)
    ? 'A change this version of Loupe cannot read'
    : 'A change from a newer version of Loupe';
  return `${what} (${event.type}), by ${nameOf(event.actor)}`;
}

/** One event in words, starting with who did it. */
export function describeEvent(event: StoredEvent, job: JobState, nameOf: NameOf): string {
  const read = readStoredEvent(event);
  if (!read.known) return unreadableWords(event, nameOf);
  try {
    return `${nameOf(event.actor)} ${knownWords(read.event, job, nameOf)}${refusalWords(event, job)}`;
  } catch {
    // A shape the words did not expect must not take the whole history down with it.
    return unreadableWords(event, nameOf);
  }
}

/**
 * The events this tablet keeps but could not fold, in one line for the history, or null when there
 * are none: they are never dropped, and an update of Loupe (or a corrected record) folds them in.
 */
export function skippedSummary(job: JobState): string | null {
  const { count, types } = job.skipped;
  if (count === 0) return null;
  const changes = count === 1 ? '1 change' : `${count} changes`;
  return (
    `${changes} (${types.join(', ')}) kept but not counted in this job on this tablet: ` +
    'from a newer version of Loupe or a damaged record. Nothing is lost; updating Loupe may fold them in.'
  );
}
