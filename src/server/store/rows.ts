// The rows both stores read, by the same column names, and what they are to the routes: one
// mapping, so that SQLite and PostgreSQL answer in the very same shapes.
import { BLOB_NAMING_TYPES, type StoredEvent } from '../../protocol/events';
import type { PulledEvent } from '../../protocol/sync';
import type { DeviceRecord, ManagerRecord, NoticeRecord, NoticeState, ShopRecord } from './store';

export interface EventRow {
  seq: number;
  id: string;
  job_id: string;
  type: string;
  at: string;
  actor: string;
  device: string;
  data: string;
}

export interface ExportRow extends EventRow {
  received_at: number;
  received_from: string;
}

export interface DeviceRow {
  id: string;
  shop_id: string;
  name: string;
  created_at: number;
  revoked_at: number | null;
  last_seen_at: number | null;
  envelope_prefix: string | null;
}

export interface NoticeRow {
  trigger_event_id: string;
  job_id: string;
  state: NoticeState;
  attempts: number;
  next_attempt_at: number | null;
  updated_at: number;
}

export interface ShopRow {
  id: string;
  name: string;
  created_at: number;
}

export interface ManagerRow {
  id: string;
  name: string;
  created_at: number;
  disabled_at: number | null;
  password_hash: string;
}

export const EVENT_COLUMNS = 'seq, id, job_id, type, at, actor, device, data';
export const DEVICE_COLUMNS =
  'id, shop_id, name, created_at, revoked_at, last_seen_at, envelope_prefix';
export const NOTICE_COLUMNS =
  'trigger_event_id, job_id, state, attempts, next_attempt_at, updated_at';
export const SHOP_COLUMNS = 'id, name, created_at';
export const MANAGER_COLUMNS = 'id, name, created_at, disabled_at, password_hash';

/**
 * The SQL of one event's JSON text as a pull answers it (a PulledEvent, its keys in toPulled's
 * order), from its columns: the stored data's text goes in as it is, never parsed. `quote` is the
 * dialect's JSON string of a text column (json_quote in SQLite, to_json in PostgreSQL).
 */
export function pulledEventJsonSql(quote: (column: string) => string): string {
  const field = (key: string, column: string) => `',"${key}":' || ${quote(column)}`;
  return [
    `'{"seq":' || seq`,
    field('id', 'id'),
    field('jobId', 'job_id'),
    field('type', 'type'),
    field('at', 'at'),
    field('actor', 'actor'),
    field('device', 'device'),
    `',"data":' || data || '}'`,
  ].join(' || ');
}

/** A blob's name in event data: a SHA-256, 64 lowercase hex digits (sha256Schema). */
const SHA256_IN_TEXT = /[0-9a-f]{64}/;

/**
 * Whether blobsNamedBy may find a blob in an event: only a type that can name one, and only when
 * its data's JSON holds a SHA-256 at all. Spares the schema parse blobsNamedBy makes of each of the
 * many job.opened events that carry no signature.
 */
export function mayNameBlobs(type: string, dataJson: string): boolean {
  return BLOB_NAMING_TYPES.includes(type) && SHA256_IN_TEXT.test(dataJson);
}

export const toStored = (row: EventRow): StoredEvent => ({
  id: row.id,
  jobId: row.job_id,
  type: row.type,
  at: row.at,
  actor: row.actor,
  device: row.device,
  data: JSON.parse(row.data) as Record<string, unknown>,
});

export const toPulled = (row: EventRow): PulledEvent => ({ seq: row.seq, ...toStored(row) });

export const toDevice = (row: DeviceRow): DeviceRecord => ({
  id: row.id,
  shopId: row.shop_id,
  name: row.name,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
  lastSeenAt: row.last_seen_at,
  envelopePrefix: row.envelope_prefix,
});

export const toNotice = (row: NoticeRow): NoticeRecord => ({
  triggerEventId: row.trigger_event_id,
  jobId: row.job_id,
  state: row.state,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  updatedAt: row.updated_at,
});

export const toShop = (row: ShopRow): ShopRecord => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
});

export const toManager = (row: ManagerRow): ManagerRecord => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
  disabledAt: row.disabled_at,
});
