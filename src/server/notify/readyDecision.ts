// Whether one "ready" move should tell the customer, decided from the job's and the shop's events
// as the server holds them now: pure, so every rule is tested without a mail server.
import type { JobState } from '../../domain/job';
import { compareEvents, foldJob } from '../../domain/projection';
import { foldShop } from '../../domain/shopState';
import { STATUS_LABELS } from '../../domain/workflow';
import type { JobStatus, StoredEvent } from '../../protocol/events';
import type { NoticeMessage } from './notifier';
import { readyMessage } from './readyMessage';

export interface ReadyNoticeFacts {
  /** Every event of the job's stream. */
  jobEvents: readonly StoredEvent[];
  /** Every event of the shop's stream (its notice settings). */
  shopEvents: readonly StoredEvent[];
  /** The status.changed to ready this notice is for. */
  triggerEventId: string;
  /** Whether this server has a mail server to send through (SMTP_*). */
  canEmail: boolean;
}

export type ReadyDecision =
  /** A notice for this move is already in the job's history (data restored from a backup). */
  | { kind: 'already'; state: 'sent' | 'not_sent' }
  /** The shop never turned notices on or off: it does not use them, and nothing is recorded. */
  | { kind: 'quiet' }
  | { kind: 'not_sent'; reason: string; to?: string }
  | { kind: 'send'; message: NoticeMessage };

export const NOT_SENT = {
  settingOff: 'The shop’s setting “Email customers when their piece is ready” is off.',
  noEmail: 'There is no email address on the job.',
  noConsent: 'The customer did not agree to be emailed when the piece is ready.',
  noSmtp:
    'The shop server has no mail server settings (SMTP_HOST, SMTP_FROM…), so it sends no email: ' +
    'see the README.',
} as const;

/** Status moves as the fold applied them (a move after the pick-up is kept but not applied). */
function appliedStatusMoves(ordered: readonly StoredEvent[]): { id: string; status: JobStatus }[] {
  const moves: { id: string; status: JobStatus }[] = [];
  for (const [i, e] of ordered.entries()) {
    if (e.type !== 'status.changed') continue;
    // The fold through this move tells whether it was applied: its rules, not a copy of them.
    const through = foldJob(ordered.slice(0, i + 1));
    if (through?.statusChanged.eventId === e.id) moves.push({ id: e.id, status: through.status });
  }
  return moves;
}

/**
 * Why this move no longer calls for a notice, or null when it starts the job's current time at
 * ready. A move that only repeats "ready" (two tablets marking it ready offline) tells nobody
 * again; a job that went back to the bench (QC failed) and is ready again is a new move.
 */
function staleTrigger(job: JobState, ordered: readonly StoredEvent[], triggerId: string) {
  if (job.voided) return 'The job was voided.';
  const moves = appliedStatusMoves(ordered);
  const index = moves.findIndex((m) => m.id === triggerId);
  const move = moves[index];
  if (move === undefined || move.status !== 'ready') {
    return job.refused.some((r) => r.eventId === triggerId)
      ? 'The job had already been collected when it was marked ready.'
      : 'The move to ready was not applied to the job.';
  }
  if (index > 0 && moves[index - 1]?.status === 'ready') {
    return 'The job was already ready (marked ready twice): the customer is told once.';
  }
  const later = moves.slice(index + 1).find((m) => m.status !== 'ready');
  if (later) {
    return `The job was moved on (${STATUS_LABELS[later.status].toLowerCase()}) before the notice went out.`;
  }
  return null;
}

export function decideReadyNotice(facts: ReadyNoticeFacts): ReadyDecision {
  const { triggerEventId } = facts;
  const job = foldJob(facts.jobEvents);
  if (!job) return { kind: 'not_sent', reason: 'The job’s intake has not reached the server.' };
  const recorded = job.notices.find(
    (n) => n.triggerEventId === triggerEventId && n.status !== 'failed',
  );
  if (recorded?.status === 'sent' || recorded?.status === 'not_sent') {
    return { kind: 'already', state: recorded.status };
  }

  const settings = foldShop(facts.shopEvents).noticeSettings;
  if (settings === null) return { kind: 'quiet' };

  const ordered = [...facts.jobEvents].sort(compareEvents);
  const stale = staleTrigger(job, ordered, triggerEventId);
  if (stale !== null) return { kind: 'not_sent', reason: stale };
  if (!settings.readyEmail) return { kind: 'not_sent', reason: NOT_SENT.settingOff };

  const to = job.customer.email;
  if (to === undefined || to === '') return { kind: 'not_sent', reason: NOT_SENT.noEmail };
  if (job.customer.notifyByEmail !== true) {
    return { kind: 'not_sent', reason: NOT_SENT.noConsent, to };
  }
  if (!facts.canEmail) return { kind: 'not_sent', reason: NOT_SENT.noSmtp, to };
  return { kind: 'send', message: readyMessage(job, to, settings.shopName) };
}
