// The server's store as the routes see it: events, paired devices and pairing codes. SQLite
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
  /** The id of this event history: a new one once a tablet has seen events the server lacks. */
  history: string;
}

export interface DeviceRecord {
  /** The server's id of a paired tablet (16 hex digits); `npm run unpair -- <id>` takes it. */
  id: string;
  name: string;
  createdAt: number;
  revokedAt: number | null;
  lastSeenAt: number | null;
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
  /** A page of events by seq: never by a timestamp, so no pull misses or repeats an event. */
  readEvents(after: number, limit: number): Promise<EventPage>;

  addPairingCode(code: NewPairingCode): Promise<void>;
  /**
   * Uses a pairing code and creates its device, atomically: of two tablets racing with one code,
   * exactly one gets a device. An expired or used code creates nothing.
   */
  redeemPairingCode(codeHash: string, now: number, device: NewDevice): Promise<RedeemResult>;
  deviceByTokenHash(tokenHash: string): Promise<DeviceRecord | null>;
  /** Notes when a device was last heard from (for `npm run unpair -- --list`). */
  touchDevice(id: string, now: number): Promise<void>;
  listDevices(): Promise<DeviceRecord[]>;
  /** Revokes a device's token for good: its next request gets 401. */
  revokeDevice(id: string, now: number): Promise<RevokeResult>;

  close(): Promise<void>;
}
