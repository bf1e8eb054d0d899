// Which stream each event type belongs to: a job, a casting tree, the metal ledger or the shop itself
// (DESIGN.md, "Streams"). Each kind has its own projection table; the same engine syncs them all.
import type { EventType } from './events';
import { LEDGER_STREAM_ID, SHOP_STREAM_ID, WASTE_STREAM_ID } from './streamIds';

/**
 * The kinds of stream this version folds: jobs, casting trees, the shop, the metal ledger, inventory
 * items, machines, rhodium baths and the chemical waste log. On the wire a
 * stream's id travels in the event's `jobId` field (its name from before streams, kept so that
 * tablets and servers of either side of the change read each other's events): a ULID, or `shop` for
 * the shop's one stream.
 */
export const STREAM_KINDS = [
  'job',
  'tree',
  'shop',
  'ledger',
  'item',
  'equipment',
  'bath',
  'waste',
] as const;
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
  'scale.set': 'shop',
  'metal.received': 'ledger',
  'metal.issued': 'ledger',
  'metal.returned': 'ledger',
  'metal.used': 'ledger',
  'metal.weighed_in': 'ledger',
  'scrap.deposited': 'ledger',
  'lot.sealed': 'ledger',
  'lot.sent': 'ledger',
  'lot.settled': 'ledger',
  'metal.corrected': 'ledger',
  'custody.confirmed': 'job',
  'trade.sent': 'job',
  'trade.returned': 'job',
  'trade.shop_set': 'shop',
  'safe.counted': 'shop',
  'warranty.claimed': 'job',
  'warranty.set': 'shop',
  'notice.recorded': 'job',
  'notice.settings_set': 'shop',
  'timer.started': 'job',
  'timer.paused': 'job',
  'timer.resumed': 'job',
  'timer.stopped': 'job',
  'timer.corrected': 'job',
  'material.used': 'job',
  'material.returned': 'job',
  'item.added': 'item',
  'item.updated': 'item',
  'stock.received': 'item',
  'stock.used': 'item',
  'stock.returned': 'item',
  'stock.counted': 'item',
  'equipment.added': 'equipment',
  'equipment.updated': 'equipment',
  'maintenance.planned': 'equipment',
  'maintenance.done': 'equipment',
  'equipment.hours_logged': 'equipment',
  'malfunction.reported': 'equipment',
  'malfunction.resolved': 'equipment',
  'calibration.checked': 'equipment',
  'bath.made': 'bath',
  'bath.replenished': 'bath',
  'bath.plated': 'bath',
  'bath.retired': 'bath',
  'waste.logged': 'waste',
  'waste.corrected': 'waste',
  'price.labour_set': 'shop',
  'price.metal_set': 'shop',
};

/** The kind of a stored event's stream, or null for a type this version does not know. */
export function streamKindOf(type: string): StreamKind | null {
  return Object.hasOwn(STREAM_OF_TYPE, type) ? STREAM_OF_TYPE[type as EventType] : null;
}

// The fixed streams' ids are plain constants in streamIds.ts (the first screen reads the shop's
// row by its id without this table of every event type); named here too.
export { LEDGER_STREAM_ID, SHOP_STREAM_ID, WASTE_STREAM_ID };

/** Kinds that are one stream each, with the id it always has. */
const FIXED_STREAM_IDS: Partial<Record<StreamKind, string>> = {
  shop: SHOP_STREAM_ID,
  ledger: LEDGER_STREAM_ID,
  waste: WASTE_STREAM_ID,
};
const FIXED_IDS = new Set(Object.values(FIXED_STREAM_IDS));

/**
 * Whether a stream of this id can be of this kind: the shop's and the ledger's events are on their
 * one stream and nowhere else, and no job or tree is ever on either.
 */
export function streamIdFits(kind: StreamKind, id: string): boolean {
  const fixed = FIXED_STREAM_IDS[kind];
  return fixed === undefined ? !FIXED_IDS.has(id) : id === fixed;
}

/** The stream id an event of this kind must carry, or null when each has its own (a ULID). */
export function fixedStreamId(kind: StreamKind): string | null {
  return FIXED_STREAM_IDS[kind] ?? null;
}
