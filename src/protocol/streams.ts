// Which stream each event type belongs to: a job, a casting tree, or the shop itself (DESIGN.md,
// "Streams"). Each kind has its own projection table; the same engine syncs them all.
import type { EventType } from './events';

/**
 * The kinds of stream this version folds. The ledger, inventory and equipment will be kinds too.
 * On the wire a stream's id travels in the event's `jobId` field (its name from before streams,
 * kept so that tablets and servers of either side of the change read each other's events): a
 * ULID, or `shop` for the shop's one stream.
 */
export const STREAM_KINDS = ['job', 'tree', 'shop'] as const;
export type StreamKind = (typeof STREAM_KINDS)[number];

/** Every known type's stream kind. A type names its kind once, here, and never changes kind. */
export const STREAM_OF_TYPE: Readonly<Record<EventType, StreamKind>> = {
  'job.opened': 'job',
  'job.updated': 'job',
  'job.voided': 'job',
  'status.changed': 'job',
  'envelope.bound': 'job',
  'service.added': 'job',
  'service.cancelled': 'job',
  'step.set': 'job',
  'custody.moved': 'job',
  'weight.logged': 'job',
  'photo.added': 'job',
  'note.added': 'job',
  'qc.recorded': 'job',
  'staff.added': 'shop',
  'staff.updated': 'shop',
  'casting.program_added': 'shop',
  'casting.program_retired': 'shop',
  'casting.loss_threshold_set': 'shop',
  'tree.started': 'tree',
  'tree.job_added': 'tree',
  'tree.job_removed': 'tree',
  'tree.step_set': 'tree',
  'tree.weighed': 'tree',
  'tree.metal_issued': 'tree',
  'tree.invested': 'tree',
  'tree.burnout_started': 'tree',
  'tree.burnout_paused': 'tree',
  'tree.burnout_resumed': 'tree',
  'tree.burnout_changed': 'tree',
  'tree.cast': 'tree',
  'tree.weighed_out': 'tree',
  'tree.note_added': 'tree',
};

/** The kind of a stored event's stream, or null for a type this version does not know. */
export function streamKindOf(type: string): StreamKind | null {
  return Object.hasOwn(STREAM_OF_TYPE, type) ? STREAM_OF_TYPE[type as EventType] : null;
}

/** The id of the shop's one stream (staff, settings): not a ULID, so it is never a job or tree. */
export const SHOP_STREAM_ID = 'shop';
