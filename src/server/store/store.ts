// The server's store as the routes see it: events, paired devices, pairing codes and the customer
// notices the server sends. SQLite
// implements it today (sqliteStore.ts); every method returns a promise so that a PostgreSQL store
// for a head office with many shops can implement the very same interface later.
import type { StoredEvent } from '../../protocol/events';
import type { PulledEvent } from '../../protocol/sync';

export interface AppendResult {
  /** Events stored for the first time. */
  accepted: number;
  /** Events whose id the store already had: skipped, nothing about them changed. */
  duplicates: number;
  /** The greatest seq stored, after this append. */
  cursor: number;
}

export interface EventPage {
  /** Events with seq > after, in seq order. */
  events: PulledEvent[];
  /** The last seq in `events`, or `after` when there are none. */
  cursor: number;
  /** Whether events remain past this page. */
  more: boolean;
  /** The id of this event history: a new one once a tablet has shown the server lost events. */
  history: string;
}

export interface DeviceRecord {
  /** The server's id of a paired tablet (16 hex digits); `npm run unpair -- <id>` takes it. */
  id: string;
  name: string;
  createdAt: number;
  revokedAt: number | null;
  lastSeenAt: number | null;
  /**
   * The tablet's envelope series (domain/envelopes.ts), unique in the shop; given when it pairs.
   * Null for a tablet paired before servers gave prefixes, until it asks (`envelopePrefixFor`).
   */
  envelopePrefix: string | null;
}

export interface NewPairingCode {
  /** SHA-256 of the code: the code itself is never stored. */
  codeHash: string;
  createdAt: number;
  expiresAt: number;
  /** The name `npm run pair -- --name …` gave the tablet that will use it, if any. */
  deviceName: string | null;
}

export interface NewDevice {
  id: string;
  /** Used when neither the pairing code nor the tablet named it. */
  fallbackName: string;
  requestedName: string | null;
  /** SHA-256 of the bearer token: the token itself is never stored. */
  tokenHash: string;
}

export type RedeemResult =
  { ok: true; device: DeviceRecord } | { ok: false; reason: 'unknown' | 'expired' | 'used' };

export type RevokeResult = 'revoked' | 'already_revoked' | 'unknown';

/**
 * Where one notice stands (one per "ready" move, its trigger): `pending` (not looked at yet),
 * `sending` (an attempt is under way: marked before the mail server is called), `failed` (tried
 * again at `nextAttemptAt`), then for good: `sent`, `not_sent` (no consent, setting off…),
 * `gave_up` (failed too often, refused for good, or cut off by a restart mid-send) or `quiet`
 * (the shop has never set its notices: nothing recorded on the job).
 */
export const NOTICE_STATES = [
  'pending',
  'sending',
  'failed',
  'sent',
  'not_sent',
  'gave_up',
  'quiet',
] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];

export interface NoticeTrigger {
  /** The status.changed to ready: the notice's unique key. */
  triggerEventId: string;
  jobId: string;
}

export interface NoticeRecord extends NoticeTrigger {
  state: NoticeState;
  /** Attempts made at sending (0 until the first). */
  attempts: number;
  /** When a failed notice is tried again (ms since 1970). */
  nextAttemptAt: number | null;
}

export interface NoticeSettlement {
  triggerEventId: string;
  /** Settled only from one of these states: a settlement never lands twice. */
  from: readonly NoticeState[];
  state: NoticeState;
  nextAttemptAt?: number;
  /** The notice.recorded event that says so on the job, stored in the same transaction. */
  event?: StoredEvent;
  now: number;
}

/** The shop server's own device, for the events it writes (notice.recorded). */
export interface ServerDevice {
  /** 16 hex digits, made once and kept with the data. */
  id: string;
  /** The greatest stamp of the events it wrote, for its clock to resume after. */
  lastStamp: string | null;
}

export interface Store {
  /** Where the data lives, for log lines (a file path, or a database URL without its password). */
  readonly location: string;
  schemaVersion(): Promise<number>;

  /**
   * Stores a batch in one transaction, all or nothing. An id seen before is a duplicate and changes
   * nothing; each new event gets the next seq, so seqs only ever increase in the order committed.
   * `receivedFrom` is the paired device that pushed the batch (kept for the record).
   */
  appendEvents(
    events: readonly StoredEvent[],
    receivedAt: number,
    receivedFrom: string,
  ): Promise<AppendResult>;
  /** A page of events by seq: never by a timestamp, so no pull misses or repeats an event. Reads only. */
  readEvents(after: number, limit: number): Promise<EventPage>;
  /** The id of the event at `seq`, or null when there is none. */
  eventIdAt(seq: number): Promise<string | null>;
  /**
   * Blobs the stored events name (photos, thumbnails, signatures) are wanted until they arrive:
   * this one has (stored now, or found on disk).
   */
  blobArrived(sha256: string): Promise<void>;
  /** Photos (by their own SHA-256) with a blob still wanted: tablets that hold them send them. */
  missingPhotos(limit: number): Promise<string[]>;
  /** Every blob still wanted, to check against the disk when the server starts. */
  wantedBlobs(): Promise<string[]>;
  /** The id of this event history (kept with the data, so a backup carries it). */
  history(): Promise<string>;
  /**
   * Starts a new history if the current one is still `expected` (so two reports of one restore
   * start one new history), and returns the history now.
   */
  rotateHistory(expected: string): Promise<string>;

  addPairingCode(code: NewPairingCode): Promise<void>;
  /**
   * Uses a pairing code and creates its device with an envelope prefix no other device has,
   * atomically: of two tablets racing with one code, exactly one gets a device, and of two
   * racing with two codes, each gets its own prefix. An expired or used code creates nothing.
   */
  redeemPairingCode(codeHash: string, now: number, device: NewDevice): Promise<RedeemResult>;
  deviceByTokenHash(tokenHash: string): Promise<DeviceRecord | null>;
  /** Notes when a device was last heard from (for `npm run unpair -- --list`). */
  touchDevice(id: string, now: number): Promise<void>;
  listDevices(): Promise<DeviceRecord[]>;
  /**
   * The device's envelope prefix, given once (in one transaction, unique in the shop) if it has
   * none yet; null when there is no such device.
   */
  envelopePrefixFor(id: string): Promise<string | null>;
  /** Revokes a device's token for good: its next request gets 401. */
  revokeDevice(id: string, now: number): Promise<RevokeResult>;

  /** Every event of one stream (a job, the shop), in seq order. */
  streamEvents(streamId: string): Promise<StoredEvent[]>;
  serverDevice(): Promise<ServerDevice>;
  /** The seq up to which the ready-notice worker has read the log. */
  noticeCursor(): Promise<number>;
  /**
   * Queues a notice for each trigger not seen before and moves the cursor to `cursor`, in one
   * transaction: a trigger is queued once however often the log is read again.
   */
  queueNotices(triggers: readonly NoticeTrigger[], cursor: number, now: number): Promise<void>;
  /** Notices to look at now: pending ones, and failed ones whose next attempt is due; oldest first. */
  dueNotices(now: number, limit: number): Promise<NoticeRecord[]>;
  /** Notices in one state (`sending` ones at start: cut off mid-send). */
  noticesIn(state: NoticeState): Promise<NoticeRecord[]>;
  /** When the next failed notice is due, or null when none waits. */
  nextNoticeDue(): Promise<number | null>;
  /**
   * Marks a pending or due failed notice `sending`, counting the attempt, before the mail server
   * is called; the attempt's number, or null when it is not there to claim (settled, not due).
   */
  claimNotice(triggerEventId: string, now: number): Promise<number | null>;
  /**
   * Settles a notice and stores its event in one transaction; false (and nothing stored) when the
   * notice is no longer in one of `from`.
   */
  settleNotice(settlement: NoticeSettlement): Promise<boolean>;

  close(): Promise<void>;
}
