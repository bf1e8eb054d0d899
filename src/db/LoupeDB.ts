// The Dexie database class: its tables and every schema version, oldest first.
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import type { TreeState } from '../domain/casting/tree';
import type { JobState } from '../domain/job';
import { withListFields, type JobListFields } from '../domain/jobList';
import type { LedgerState } from '../domain/ledger/ledgerState';
import type { ShopState } from '../domain/shopState';
import type { ItemState } from '../domain/inventory/itemState';
import type { EquipmentState } from '../domain/equipment/equipmentState';
import type { BathState } from '../domain/chemicals/bathState';
import type { WasteState } from '../domain/chemicals/wasteState';
import type { StoredEvent } from '../protocol/events';
import { loadDeviceClock } from './device';
import { LEDGER_STREAM_ID, SHOP_STREAM_ID } from '../protocol/streamIds';
import type { StreamKind } from '../protocol/streams';

/** Changing this name orphans every tablet's stored jobs: it needs a migration, never a rename. */
export const DATABASE_NAME = 'loupe';

/** A small keyed value: shop settings, device id, envelope series, sync cursor, pairing. */
export interface MetaRow {
  key: string;
  value: unknown;
}

/** An event this tablet made that the shop server has not acknowledged yet. */
export interface OutboxRow {
  eventId: string;
  queuedAt: number;
  /**
   * When the server acknowledged it. The row stays until the event comes back in a pull: a server
   * restored from a backup taken between the two has lost it, and it is then sent again. Not
   * indexed: no schema version.
   */
  sentAt?: number;
  /**
   * The server acknowledged it once, or it came back from being set aside (it may have been pulled
   * from the server before): other devices may hold it as it is, so its stamp is never rewritten
   * (db/restamp.ts). Stays when `sentAt` is cleared. Not indexed.
   */
  held?: true;
}

/** A photo's bytes, by the SHA-256 of what is stored (the photos issue fills this table). */
export interface PhotoRow {
  sha256: string;
  jobId: string;
  blob: Blob;
  thumbnail: Blob;
  mimeType: string;
  bytes: number;
  width: number;
  height: number;
  /** 0 or 1: IndexedDB cannot index booleans. A photo fetched from the shop server is 1. */
  uploaded: 0 | 1;
  createdAt: number;
  /**
   * Only the thumbnail of another tablet's photo is here so far: `blob` is that thumbnail too,
   * until the full photo is fetched (src/sync/photoFetch.ts). Not indexed: no schema version.
   */
  thumbnailOnly?: true;
}

/** A job's projection as stored: with the list's index fields (domain/jobList.ts), written with it. */
export type JobRow = JobState & JobListFields;

/**
 * A stream whose row a sync catch-up holds in memory until its window ends (db/catchUp.ts): its
 * stored row may be behind its stored events until then, and after a crash until it is folded again.
 */
export interface CatchUpMarkRow {
  /** The stream id. */
  id: string;
  /** The window holding it. */
  window: string;
  /** Another writer projected this stream meanwhile: the window folds it from its events. */
  touched?: true;
}
/** The shop stream's projection: one row, id `shop` (staff, casting settings). */
export type ShopRow = ShopState;
/** A casting tree's projection. */
export type TreeRow = TreeState;
/** The metal ledger's projection: one row (balances, lots, corrections). */
export type LedgerRow = LedgerState;
/** An inventory item's projection (finding, part, stone, solder, stock, consumable). */
export type ItemRow = ItemState;
/** A machine's projection (registry, maintenance, malfunctions, calibration). */
export type EquipmentRow = EquipmentState;
/** A rhodium bath's projection. */
export type BathRow = BathState;
/** The chemical waste log's projection: one row. */
export type WasteRow = WasteState;

/** An event of this tablet's that the shop server refused: out of the outbox, kept, shown. */
export interface SetAsideRow {
  eventId: string;
  jobId: string;
  type: string;
  /** The server's machine-readable reason (e.g. unknown_type, invalid, too_large). */
  code: string;
  /** The server's words, shown in the sync sheet. */
  reason: string;
  /** The server version that refused it: a different version gets it sent again. */
  serverVersion: string | null;
  setAsideAt: number;
  /** When it first entered the outbox, so it goes back in its place. */
  queuedAt: number;
  /** Whether other devices may hold it (OutboxRow.held); events set aside from a resend may. */
  held: boolean;
}

/** A pulled event this version cannot read (its envelope does not fit the schema): kept as it came. */
export interface UnreadableRow {
  /** `${history}:${seq}`: the server's position of it. */
  key: string;
  seq: number;
  /** The event id, when it has a readable one. */
  eventId: string | null;
  raw: unknown;
  reason: string;
  receivedAt: number;
}

export class LoupeDB extends Dexie {
  meta!: EntityTable<MetaRow, 'key'>;
  events!: EntityTable<StoredEvent, 'id'>;
  jobs!: EntityTable<JobRow, 'id'>;
  outbox!: EntityTable<OutboxRow, 'eventId'>;
  photos!: EntityTable<PhotoRow, 'sha256'>;
  setAside!: EntityTable<SetAsideRow, 'eventId'>;
  unreadable!: EntityTable<UnreadableRow, 'key'>;
  shop!: EntityTable<ShopRow, 'id'>;
  trees!: EntityTable<TreeRow, 'id'>;
  ledger!: EntityTable<LedgerRow, 'id'>;
  items!: EntityTable<ItemRow, 'id'>;
  equipment!: EntityTable<EquipmentRow, 'id'>;
  baths!: EntityTable<BathRow, 'id'>;
  waste!: EntityTable<WasteRow, 'id'>;
  catchUp!: EntityTable<CatchUpMarkRow, 'id'>;
  /**
   * This tablet's wall clock in milliseconds: what its clock stamps start from. Tests give each
   * tablet a skewed one; the app uses the device's own.
   */
  readonly wallClock: () => number;

  constructor(name: string = DATABASE_NAME, options: { wallClock?: () => number } = {}) {
    super(name);
    this.wallClock = options.wallClock ?? Date.now;
    // Versions are never edited once shipped; a change is a new version below, with an upgrade
    // function when existing rows must change. A user's data is never wiped.
    this.version(1).stores({
      meta: '&key',
    });
    // Version 2: the job model. Events are the truth; jobs is their projection, indexed for the
    // lists (status, promised date, assignee), scanning (envelope keys) and search.
    this.version(2).stores({
      meta: '&key',
      events: '&id, [jobId+at], at',
      jobs: '&id, *envelopeKeys, status, promisedDate, [status+promisedDate], assignee, lastAt, *searchTerms',
      outbox: '&eventId, queuedAt',
      photos: '&sha256, jobId, uploaded',
    });
    // Version 3: list counts and date ranges answered from indexes alone, voided jobs left out,
    // so the tabs stay instant with 10,000 jobs.
    this.version(3)
      .stores({
        jobs: '&id, *envelopeKeys, status, promisedDate, [status+promisedDate], [live+status], [live+status+promisedDate], assignee, lastAt, *searchTerms',
      })
      .upgrade((tx) =>
        tx
          .table<JobRow, string>('jobs')
          .toCollection()
          .modify((job) => {
            job.live = job.voided ? 0 : 1;
          }),
      );
    // Version 4: the sync's edges. Events the shop server refused, set aside with its reason
    // (sent again when the server's version changes), and pulled events this version cannot
    // read (kept as they came, shown in the sync sheet), so that neither stops a sync.
    this.version(4).stores({
      setAside: '&eventId, jobId',
      unreadable: '&key',
    });
    // Version 5: streams (DESIGN.md, "Streams"). Each stream kind has its projection table: the
    // shop's one row (staff, casting settings) and casting trees, indexed for the casting room's
    // board (stage, day), a scanned flask tag and a job page's tree. The shop row is folded here
    // from the shop events already stored, so sign-in reads staff from it at once. Trees are
    // folded on start by ensureProjectionsCurrent (PROJECTION_VERSION 4) from the tree events
    // newer tablets made that this one pulled and kept unfolded (DESIGN.md, "Version skew").
    this.version(5)
      .stores({
        shop: '&id',
        trees: '&id, stage, startedMs, *flaskKeys, *jobIds, lastAt',
      })
      .upgrade((tx) => foldFixedStream(tx, 'shop', SHOP_STREAM_ID));
    // Version 6: the metal ledger (one row: balances, scrap pots, refining lots), folded here from
    // any ledger events pulled from a newer tablet; and the shop row again, which now keeps the
    // shop's scales, so the scales a pulled scale.set named are there at once.
    this.version(6)
      .stores({ ledger: '&id' })
      .upgrade(async (tx) => {
        await foldFixedStream(tx, 'shop', SHOP_STREAM_ID);
        await foldFixedStream(tx, 'ledger', LEDGER_STREAM_ID);
      });
    // Version 7: time, materials and machines (issue 15). Jobs are indexed by the days their timers
    // ran per person (a person's day) and by who has a timer running (one running per person).
    // Inventory items, machines, rhodium baths and the chemical waste log get their tables; they are
    // folded on start by ensureProjectionsCurrent (PROJECTION_VERSION 7) from any of their events a
    // newer tablet made that this one kept unfolded, and job rows are folded again with the new
    // indexes' fields.
    this.version(7).stores({
      jobs: '&id, *envelopeKeys, status, promisedDate, [status+promisedDate], [live+status], [live+status+promisedDate], assignee, lastAt, *searchTerms, *timedDays, *runningTimers',
      items: '&id',
      equipment: '&id',
      baths: '&id',
      waste: '&id',
    });
    // Version 8: a busy shop's scale (issue 13). Each tab of the jobs list is one index range in
    // urgency order, read a screenful at a time (offset and limit), never every row to paint 20:
    // "All open" by inShop, late and due today by open, the status tabs by live and status. The
    // catch-up table marks streams whose rows a sync catch-up window holds in memory (db/catchUp.ts).
    this.version(8)
      .stores({
        jobs: '&id, *envelopeKeys, status, promisedDate, [status+promisedDate], [live+status], [live+status+promisedDate], assignee, lastAt, *searchTerms, *timedDays, *runningTimers, [inShop+rushRank+promisedDate+envelopeOrder], [open+rushRank+promisedDate+envelopeOrder], [live+status+rushRank+promisedDate+envelopeOrder]',
        catchUp: '&id, window',
      })
      .upgrade((tx) =>
        tx
          .table<JobRow, string>('jobs')
          .toCollection()
          .modify((job) => {
            Object.assign(job, withListFields(job));
          }),
      );
    // The clock is loaded as the database opens, before any transaction can run (device.ts).
    this.on('ready', () => loadDeviceClock(this).then(() => undefined));
  }
}

/**
 * Folds a one-stream kind's row from its stored events, by the registry's rule, in an upgrade.
 * The registry (every kind's fold, and zod, which reads each event) is fetched only when an old
 * database is upgraded, not on every start: Dexie.waitFor keeps the upgrade open meanwhile.
 */
async function foldFixedStream(
  tx: Transaction,
  kind: Extract<StreamKind, 'shop' | 'ledger'>,
  id: string,
): Promise<void> {
  const events = await tx
    .table<StoredEvent, string>('events')
    .where('[jobId+at]')
    .between([id, Dexie.minKey], [id, Dexie.maxKey])
    .toArray();
  const { foldStream } = await Dexie.waitFor(import('./streams'));
  // As applyEvents would have: a row once an event of the kind is stored.
  const row = foldStream(kind, id, events);
  if (row) await tx.table(kind === 'shop' ? 'shop' : 'ledger').put(row);
}
