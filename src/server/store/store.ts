// The server's store as the routes see it: shops, and per shop its events, paired devices, pairing
// codes, photos and customer notices; the head office's manager logins. SQLite implements it for a
// shop's own box (sqliteStore.ts), PostgreSQL for a chain of shops (postgresStore.ts): the routes
// and the tests cannot tell them apart. Everything a tablet reaches is on a ShopStore, which a
// shop's id makes: no method there can read or write another shop's rows.
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

/**
 * A page as a pull answers it: each event the JSON text of its PulledEvent, made from the stored
 * data's text as it is (kept byte for byte as pushed), so a pull never parses and serialises again.
 */
export interface EventTextPage extends Omit<EventPage, 'events'> {
  events: string[];
}

/**
 * The events of a few types among a stretch of seqs (ShopStore.readEventsOfTypes): what a reader
 * that follows the log for those types alone (the ready-notice worker) needs, and no other event.
 */
export interface TypedEventPage {
  /** The events of the types asked for with seq in (after, cursor], in seq order. */
  events: PulledEvent[];
  /** The last seq looked through: the next page starts after it. */
  cursor: number;
  /** Whether seqs remain past `cursor`. */
  more: boolean;
}

/** A shop of the business: every device, event, photo and notice belongs to exactly one. */
export interface ShopRecord {
  /** 16 hex digits, made when the shop is added and kept when it moves to another store. */
  id: string;
  /** Unique in the business (case aside): what `npm run pair -- --shop NAME` takes. */
  name: string;
  createdAt: number;
}

export interface DeviceRecord {
  /** The server's id of a paired tablet (16 hex digits); `npm run unpair -- <id>` takes it. */
  id: string;
  /** The shop the tablet was paired into: it sees that shop's data and no other. */
  shopId: string;
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
  /** When its state last changed: for a `sending` one, when the attempt was claimed. */
  updatedAt: number;
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

/** A stored event with what the server noted on receipt: what a shop's move to another store copies. */
export interface ExportedEvent extends PulledEvent {
  receivedAt: number;
  /** The device that pushed it (the server's own id for the notices it wrote). */
  receivedFrom: string;
}

/** A paired device as stored, token hash included, so its tablet keeps working after a move. */
export interface ExportedDevice extends DeviceRecord {
  tokenHash: string;
}

export interface ExportedPairingCode extends NewPairingCode {
  usedAt: number | null;
  usedByDevice: string | null;
}

/** A blob a shop's events name or its tablets sent; `arrivedAt` null while its bytes are wanted. */
export interface ExportedBlob {
  blobSha256: string;
  photoSha256: string;
  arrivedAt: number | null;
}

export interface ExportedNotice extends NoticeRecord {
  createdAt: number;
}

/**
 * Everything of one shop but its events, which are copied page by page after it
 * (`npm run migrate`): the shop keeps its id, its history id, its server device and its seqs, so
 * its tablets go on syncing as if nothing had moved.
 */
export interface ShopExport {
  shop: ShopRecord;
  history: string;
  serverDeviceId: string;
  noticeCursor: number;
  devices: ExportedDevice[];
  pairingCodes: ExportedPairingCode[];
  blobs: ExportedBlob[];
  notices: ExportedNotice[];
}

/** A head-office login: a person, not a tablet. Read-only access to every shop's summary. */
export interface ManagerRecord {
  id: string;
  /** Unique (case aside): what the login form asks for. */
  name: string;
  createdAt: number;
  disabledAt: number | null;
}

export interface ManagerLogin extends ManagerRecord {
  /** `scrypt$N$r$p$salt$hash` (office/passwords.ts): the password itself is never stored. */
  passwordHash: string;
}

export interface NewManagerSession {
  /** SHA-256 of the cookie's value: the value itself is never stored. */
  tokenHash: string;
  managerId: string;
  createdAt: number;
  expiresAt: number;
}

/** Everything one shop's tablets reach, and only that shop's: made by `Store.shop(id)`. */
export interface ShopStore {
  readonly shopId: string;

  /**
   * Stores a batch in one transaction, all or nothing. An id this shop has seen before is a
   * duplicate and changes nothing; each new event gets the next seq of this shop, given in commit
   * order (appends of one shop are serialised in the transaction), so a pull that has seen seq n
   * has seen every event of the shop with a lower seq. `receivedFrom` is the paired device.
   */
  appendEvents(
    events: readonly StoredEvent[],
    receivedAt: number,
    receivedFrom: string,
  ): Promise<AppendResult>;
  /** A page of this shop's events by seq: never by a timestamp. Reads only. */
  readEvents(after: number, limit: number): Promise<EventPage>;
  /** The same page as readEvents, each event as its JSON text (what GET /events sends). */
  readEventTexts(after: number, limit: number): Promise<EventTextPage>;
  /**
   * This shop's events of `types` among the next `span` seqs after `after` (or up to its greatest
   * seq, when fewer remain), in seq order. Every other event of the stretch is passed over inside
   * the store, never read out or parsed: a reader that follows the log for a few types (the
   * ready-notice worker, which wants only status.changed) costs a push almost nothing. Every event
   * up to `cursor` is there to be found: seqs are given in commit order. Reads only.
   */
  readEventsOfTypes(after: number, span: number, types: readonly string[]): Promise<TypedEventPage>;
  /** The id of this shop's event at `seq`, or null when there is none. */
  eventIdAt(seq: number): Promise<string | null>;
  /** The greatest seq of this shop (0 with none). */
  greatestSeq(): Promise<number>;

  /**
   * This shop now holds the blob's bytes (its tablet sent them, or they were found on disk): it
   * may read them, and they are no longer wanted. Recorded even when no event names it yet (a
   * tablet may send a photo before the event that names it).
   */
  blobArrived(sha256: string, now: number): Promise<void>;
  /** Whether this shop holds the blob: only then may its tablets read it (HEAD, GET). */
  holdsBlob(sha256: string): Promise<boolean>;
  /** Photos (by their own SHA-256) with a blob this shop's events name and it does not hold. */
  missingPhotos(limit: number): Promise<string[]>;
  /** Every blob this shop still wants, to check against the disk when the server starts. */
  wantedBlobs(): Promise<string[]>;
  /** The id of this shop's event history (kept with the data, so a backup carries it). */
  history(): Promise<string>;
  /** Starts a new history if the current one is still `expected`, and returns the history now. */
  rotateHistory(expected: string): Promise<string>;

  /** A one-time code that pairs a tablet into this shop. */
  addPairingCode(code: NewPairingCode): Promise<void>;
  /** Notes when a device of this shop was last heard from. */
  touchDevice(id: string, now: number): Promise<void>;
  listDevices(): Promise<DeviceRecord[]>;
  /**
   * The device's envelope prefix, given once (in one transaction, unique in the shop) if it has
   * none yet; null when this shop has no such device.
   */
  envelopePrefixFor(id: string): Promise<string | null>;
  /** Revokes a device of this shop for good: its next request gets 401. */
  revokeDevice(id: string, now: number): Promise<RevokeResult>;

  /** Every event of one stream of this shop (a job, the shop), in seq order. */
  streamEvents(streamId: string): Promise<StoredEvent[]>;
  /** The server's own device in this shop, for the events it writes (notice.recorded). */
  serverDevice(): Promise<ServerDevice>;
  /** The seq up to which the ready-notice worker has read this shop's log. */
  noticeCursor(): Promise<number>;
  /**
   * Queues a notice for each trigger not seen before and moves the cursor to `cursor` (never
   * back), in one transaction: a trigger is queued once however often the log is read again.
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
   * is called; the attempt's number, or null when it is not there to claim (settled, not due, or
   * claimed by another server process first).
   */
  claimNotice(triggerEventId: string, now: number): Promise<number | null>;
  /**
   * Settles a notice and stores its event in one transaction; false (and nothing stored) when the
   * notice is no longer in one of `from`.
   */
  settleNotice(settlement: NoticeSettlement): Promise<boolean>;

  /** Everything of this shop but its events, for `npm run migrate`. */
  exportShop(): Promise<ShopExport>;
  /** A page of this shop's events by seq with their receipt, for `npm run migrate`. */
  exportEvents(after: number, limit: number): Promise<ExportedEvent[]>;
}

export interface Store {
  /** Where the data lives, for log lines (a file path, or a database URL without its password). */
  readonly location: string;
  readonly kind: 'sqlite' | 'postgres';
  schemaVersion(): Promise<number>;

  /** Adds a shop; a name another shop has (case aside) is refused with a clear error. */
  addShop(name: string, now: number): Promise<ShopRecord>;
  /** Renames a shop; an unknown id, or a name another shop has, is refused with a clear error. */
  renameShop(id: string, name: string): Promise<ShopRecord>;
  /** Every shop, oldest first. */
  listShops(): Promise<ShopRecord[]>;
  /** The shop by name (case aside), or null. */
  shopByName(name: string): Promise<ShopRecord | null>;
  /** One shop's store. Cheap; it does not check that the shop exists (a token's device does). */
  shop(shopId: string): ShopStore;

  /**
   * Uses a pairing code and creates its device, in the code's shop, with an envelope prefix no
   * other device of that shop has, atomically: of two tablets racing with one code, exactly one
   * gets a device. An expired or used code creates nothing.
   */
  redeemPairingCode(codeHash: string, now: number, device: NewDevice): Promise<RedeemResult>;
  /** The device a bearer token belongs to (with its shop), or null. */
  deviceByTokenHash(tokenHash: string): Promise<DeviceRecord | null>;

  /**
   * Copies a shop exported from another store, then its events page by page, in one transaction:
   * all of it or none. Refused when this store already has a shop of that id or name.
   */
  importShop(
    shop: ShopExport,
    events: AsyncIterable<readonly ExportedEvent[]>,
  ): Promise<{ events: number }>;

  /** Adds a manager, or sets a new password for the one of that name (and enables it again). */
  setManager(name: string, passwordHash: string, now: number): Promise<ManagerRecord>;
  managerByName(name: string): Promise<ManagerLogin | null>;
  listManagers(): Promise<ManagerRecord[]>;
  /** Disables a manager for good (until `setManager` again); its sessions end. False: unknown. */
  disableManager(name: string, now: number): Promise<boolean>;
  addManagerSession(session: NewManagerSession): Promise<void>;
  /** The manager a session cookie belongs to, while the session lasts and the manager is enabled. */
  managerBySession(tokenHash: string, now: number): Promise<ManagerRecord | null>;
  endManagerSession(tokenHash: string): Promise<void>;

  close(): Promise<void>;
}
