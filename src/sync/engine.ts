// One sync run: push the outbox in batches, pull pages by server seq, upload photos (and their
// thumbnails) the server lacks. Every step is safe to repeat, so a run cut short anywhere (network,
// crash, reload) loses nothing; and no single event, refused by the server or unreadable when
// pulled, stops the rest (DESIGN.md, "Sync", the edges).
import {
  applyPulledPage,
  clockCheck,
  openCatchUp,
  recoverCatchUp,
  lastServerVersion,
  markPhotoUploaded,
  markResent,
  markSent,
  outboxBatch,
  outboxSummary,
  photosToUpload,
  releaseSetAside,
  requeueUnseen,
  resendBatch,
  resendPoint,
  restampEvents,
  saveClockCheck,
  saveServerHistory,
  saveServerVersion,
  serverHistory,
  setAsideEvents,
  startResend,
  syncPosition,
  uploadPhotosAgain,
  type CatchUp,
  type CatchUpOptions,
  type LoupeDB,
} from '../db';
import { sha256Hex } from '../photos/hash';
import { REFUSED_EVENT_CODES } from '../protocol/api';
import type { StoredEvent } from '../protocol/events';
import { MAX_BODY_BYTES, MAX_PULL_LIMIT } from '../protocol/sync';
import { SyncRequestError, type ApiClient, type PullResult } from './apiClient';
import { ensureEnvelopePrefix } from './envelopePrefix';

/** At most this many events per push: the server answers 413 above 500. */
export const PUSH_BATCH = 200;
/** At most this many bytes of events per push: room under the server's 1 MiB body limit. */
export const PUSH_MAX_BYTES = Math.floor(MAX_BODY_BYTES * 0.8);
/** The first pull page: a tablet that synced a minute ago gets its few events in one. */
export const PULL_PAGE = 500;
/**
 * Pages once a pull is catching up (the page before was full and more remain): fewer round trips
 * and transactions for the same events. Bounded by the server's MAX_PULL_LIMIT, and small enough
 * that parsing and applying one stays a short task on a tablet's main thread.
 */
export const CATCH_UP_PULL_PAGE = Math.min(2_000, MAX_PULL_LIMIT);
/** The largest page servers took before catch-up pages (issue 13): asked for when one refuses more. */
const OLDER_PULL_LIMIT = 1_000;
const PHOTO_BATCH = 20;

export interface SyncProgress {
  phase: 'push' | 'pull' | 'photos';
  done: number;
  /** Known for push and photos; unknown (null) for pull until the server says there is no more. */
  total: number | null;
}

export interface SyncReport {
  pushed: number;
  pulled: number;
  photosUploaded: number;
  /** Events sent again because the server had lost them (restored from an older backup). */
  resent: number;
  /** Events the server refused in this run, set aside with its reason. */
  setAside: number;
  /** Events stamped by a clock ahead of the server's, given the time they really happened. */
  restamped: number;
  /** Pulled events this version could not read: kept, not folded. */
  unreadable: number;
  /** Set-aside events offered again because the server's version changed. */
  released: number;
}

/** The places between steps where a run can be cut short; tests crash a tablet at each. */
export type SyncCheckpoint =
  'probed' | 'pushed' | 'sent' | 'pulled' | 'applied' | 'resent' | 'photo';

export interface SyncOptions {
  pushBatch?: number;
  pushMaxBytes?: number;
  /** The first pull page's size; a catch-up's pages too unless `catchUpPage` says otherwise. */
  pullPage?: number;
  /** Pull page size once catching up (default CATCH_UP_PULL_PAGE, or `pullPage` when given). */
  catchUpPage?: number;
  /** When a catch-up window flushes its rows (db/catchUp.ts). */
  catchUp?: CatchUpOptions;
  /** Called between steps; a test throws here to crash the tablet at that point. */
  checkpoint?: (point: SyncCheckpoint) => void | Promise<void>;
  /** Called inside the transaction that applies a pulled page; a throw aborts that transaction. */
  duringApply?: () => void;
}

interface Run {
  db: LoupeDB;
  api: ApiClient;
  report: SyncReport;
  onProgress: (p: SyncProgress) => void;
  pushBatch: number;
  pushMaxBytes: number;
  pullPage: number;
  catchUpPage: number;
  catchUp: CatchUpOptions;
  checkpoint: (point: SyncCheckpoint) => void | Promise<void>;
  duringApply: (() => void) | undefined;
  serverVersion: string | null;
  /** Whether this run has measured the server's clock against this tablet's (its first answer). */
  clockMeasured: boolean;
  /** Events refused as stamped in the future once already in this run: not re-stamped twice. */
  restampedThisRun: Set<string>;
  /** Running total of events pushed or resent, for the progress bar. */
  sent: number;
  toSend: number;
}

export async function runSync(
  db: LoupeDB,
  api: ApiClient,
  onProgress: (p: SyncProgress) => void = () => undefined,
  options: SyncOptions = {},
): Promise<SyncReport> {
  const run: Run = {
    db,
    api,
    report: {
      pushed: 0,
      pulled: 0,
      photosUploaded: 0,
      resent: 0,
      setAside: 0,
      restamped: 0,
      unreadable: 0,
      released: 0,
    },
    onProgress,
    pushBatch: options.pushBatch ?? PUSH_BATCH,
    pushMaxBytes: options.pushMaxBytes ?? PUSH_MAX_BYTES,
    pullPage: options.pullPage ?? PULL_PAGE,
    catchUpPage: options.catchUpPage ?? options.pullPage ?? CATCH_UP_PULL_PAGE,
    catchUp: options.catchUp ?? {},
    checkpoint: options.checkpoint ?? (() => undefined),
    duringApply: options.duringApply,
    serverVersion: await lastServerVersion(db),
    clockMeasured: false,
    restampedThisRun: new Set(),
    sent: 0,
    toSend: 0,
  };

  // Rows a catch-up left behind their events (the tablet closed or crashed mid-pull) first.
  await recoverCatchUp(db);
  // A resend cut short by a crash or the network goes on first. Then, before pushing (which
  // moves the server's last seq on), a look at where the server stands: has it lost events?
  run.report.resent += await resend(run);
  const probe = await pullChecked(run, 1);
  if (!(await handleServerLost(run, probe.page, probe.at))) {
    if (probe.page.history !== undefined && (await serverHistory(db)) === null) {
      await saveServerHistory(db, probe.page.history);
    }
  }
  await run.checkpoint('probed');
  // A tablet paired before the server gave envelope series asks for its own once.
  await ensureEnvelopePrefix(db, api);

  // Push first, so what this tablet did is on the server before it reads what others did.
  await pushOutbox(run);
  await pullToEnd(run);
  // Events the server acknowledged but did not send back in a pull that reached its end: it lost
  // them (restored from a backup taken in between). Send them again, and read back once more.
  if ((await requeueUnseen(db)) > 0) {
    await pushOutbox(run);
    await pullToEnd(run);
  }
  await askForMissingPhotos(run);
  await uploadPhotos(run);
  return run.report;
}

// ---- Push ----

async function pushOutbox(run: Run): Promise<void> {
  const { waiting } = await outboxSummary(run.db);
  run.toSend = run.sent + waiting;
  run.onProgress({ phase: 'push', done: run.sent, total: run.toSend });
  for (;;) {
    const batch = await outboxBatch(run.db, run.pushBatch, run.pushMaxBytes);
    if (batch.length === 0) break;
    await pushEvents(run, batch);
  }
}

/**
 * Pushes a batch; on a refusal sets aside exactly the refused events (re-stamping those stamped
 * by a clock running ahead) and pushes the rest. A batch too large is halved; an older server that
 * refuses a batch without naming the events is answered by halving until the bad one is alone.
 */
async function pushEvents(run: Run, events: readonly StoredEvent[]): Promise<void> {
  if (events.length === 0) return;
  try {
    await run.api.push(events);
  } catch (err) {
    if (!(err instanceof SyncRequestError)) throw err;
    if (err.status === 413) return splitOrSetAside(run, events, 'too_large', err.message);
    if (err.status !== 400) throw err;
    if (err.refused.length === 0) return splitOrSetAside(run, events, err.code, err.message);
    const refusedIds = new Set<string>();
    const futures: StoredEvent[] = [];
    const refusals = [];
    for (const r of err.refused) {
      const event = events[r.index];
      // An index that does not name the event it says is no answer to act on.
      if (!event || (r.id !== undefined && r.id !== event.id)) throw err;
      refusedIds.add(event.id);
      if (r.code === REFUSED_EVENT_CODES.futureStamp && !run.restampedThisRun.has(event.id)) {
        futures.push(event);
      } else {
        refusals.push({ event, code: r.code, reason: r.message });
      }
    }
    const restamped = await restampFuture(run, futures);
    for (const e of futures) if (!restamped.has(e.id)) refusals.push(futureRefusal(e));
    await setAsideEvents(run.db, refusals, run.serverVersion);
    run.report.setAside += refusals.length;
    // Re-stamped events are still in the outbox and go in the next batch; the rest go now.
    return pushEvents(
      run,
      events.filter((e) => !refusedIds.has(e.id)),
    );
  }
  await run.checkpoint('pushed');
  // Only after the server answered: a lost answer means the batch is sent again, and the
  // server counts it as duplicates.
  await markSent(
    run.db,
    events.map((e) => e.id),
  );
  await run.checkpoint('sent');
  run.report.pushed += events.length;
  run.sent += events.length;
  run.onProgress({ phase: 'push', done: run.sent, total: Math.max(run.toSend, run.sent) });
}

async function splitOrSetAside(
  run: Run,
  events: readonly StoredEvent[],
  code: string,
  reason: string,
): Promise<void> {
  const [only] = events;
  if (events.length === 1 && only) {
    await setAsideEvents(run.db, [{ event: only, code, reason }], run.serverVersion);
    run.report.setAside += 1;
    return;
  }
  const half = Math.ceil(events.length / 2);
  await pushEvents(run, events.slice(0, half));
  await pushEvents(run, events.slice(half));
}

function futureRefusal(event: StoredEvent) {
  return {
    event,
    code: REFUSED_EVENT_CODES.futureStamp,
    reason:
      "Stamped ahead of the shop server's clock, and this tablet could not tell by how much: " +
      "set this tablet's date and time, then sync again.",
  };
}

/** Re-stamps this tablet's own future-stamped events by the measured clock difference. */
async function restampFuture(run: Run, events: readonly StoredEvent[]): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const check = await clockCheck(run.db);
  if (!check) return new Set();
  const ids = events.map((e) => e.id);
  for (const id of ids) run.restampedThisRun.add(id);
  const moved = await restampEvents(
    run.db,
    ids,
    check.offsetMs,
    run.db.wallClock() + check.offsetMs,
  );
  run.report.restamped += moved.size;
  return moved;
}

// ---- Pull ----

interface CheckedPull {
  page: PullResult;
  at: Position;
}

/** Where the pulls stand: the cursor, and the id of the event pulled there. */
interface Position {
  cursor: number;
  eventId: string | null;
}

/** A page as fetched, with this tablet's clock around the request. */
interface FetchedPage {
  page: PullResult;
  at: Position;
  before: number;
  after: number;
}

/** One pull from `at`, naming the event seen there; the network only, nothing noted yet. */
async function fetchPage(run: Run, at: Position, limit: number): Promise<FetchedPage> {
  const before = run.db.wallClock();
  let page: PullResult;
  try {
    page = await run.api.pull(at.cursor, limit, at.eventId);
  } catch (err) {
    // A server from before larger pages refuses a limit past its own: its pages, then.
    if (!(err instanceof SyncRequestError) || err.status !== 400 || limit <= OLDER_PULL_LIMIT) {
      throw err;
    }
    run.catchUpPage = Math.min(run.catchUpPage, OLDER_PULL_LIMIT);
    return fetchPage(run, at, OLDER_PULL_LIMIT);
  }
  return { page, at, before, after: run.db.wallClock() };
}

/**
 * Notes what an answer says of the server: its clock (once a run: the probe's answer) and its
 * version, offering set-aside events again when the version changed.
 */
async function notePage(run: Run, { page, at, before, after }: FetchedPage): Promise<CheckedPull> {
  const { db } = run;
  if (page.serverTime !== undefined && !run.clockMeasured) {
    run.clockMeasured = true;
    const tabletTime = Math.round((before + after) / 2);
    await saveClockCheck(db, {
      serverTime: page.serverTime,
      tabletTime,
      offsetMs: page.serverTime - tabletTime,
    });
  }
  if (page.serverVersion !== undefined && page.serverVersion !== run.serverVersion) {
    run.serverVersion = page.serverVersion;
    await saveServerVersion(db, page.serverVersion);
    run.report.released += await releaseSetAside(db, page.serverVersion);
  }
  return { page, at };
}

/** One pull from where this tablet stands. */
async function pullChecked(run: Run, limit: number): Promise<CheckedPull> {
  return notePage(run, await fetchPage(run, await syncPosition(run.db), limit));
}

/** Where the pulls stand once `page` is applied: its cursor, and the event there if it has it. */
function positionAfter(page: PullResult): Position {
  let last: { seq: number; id: string | null } | null = null;
  for (const e of page.events) if (last === null || e.seq > last.seq) last = e;
  for (const u of page.unreadable) if (last === null || u.seq > last.seq) last = u;
  return {
    cursor: page.cursor,
    eventId: last !== null && last.seq === page.cursor ? last.id : null,
  };
}

/**
 * Pulls pages until the server has no more. The next page is fetched while this one is applied
 * (one page ahead, no more), and once a page comes back full with more to come the pages grow to
 * `catchUpPage` and are applied through a catch-up window (db/catchUp.ts): the streams' rows are
 * written every few pages and at the end, not once a page. Until a flush the jobs list lags behind
 * the pull; the progress still counts every event stored.
 */
async function pullToEnd(run: Run): Promise<void> {
  let received = 0;
  let limit = run.pullPage;
  let ahead: Promise<FetchedPage> | null = null;
  let catchUp: CatchUp | null = null;
  run.onProgress({ phase: 'pull', done: 0, total: null });
  try {
    for (;;) {
      const fetched = ahead ?? fetchPage(run, await syncPosition(run.db), limit);
      ahead = null;
      const { page, at } = await notePage(run, await fetched);
      if (await handleServerLost(run, page, at)) continue;
      if (page.more) {
        // The page after this one, asked for now, so the network works while this one is stored.
        // (Or down to it: a server from before larger pages said its own limit.)
        if (page.events.length + page.unreadable.length >= limit || limit > run.catchUpPage) {
          limit = run.catchUpPage;
        }
        ahead = fetchPage(run, positionAfter(page), limit);
        // Its failure is met when it is awaited (or not at all, when this run stops first).
        ahead.catch(() => undefined);
        catchUp ??= openCatchUp(run.db, run.catchUp);
      }
      await run.checkpoint('pulled');
      if (page.events.length > 0 || page.unreadable.length > 0 || page.cursor !== at.cursor) {
        const pulled = {
          events: page.events.map(({ seq: _seq, ...event }) => event),
          unreadable: page.unreadable,
          cursor: page.cursor,
          cursorEventId: positionAfter(page).eventId,
          history: page.history,
          ...(run.duringApply ? { duringApply: run.duringApply } : {}),
        };
        const applied = catchUp
          ? await catchUp.apply(pulled)
          : await applyPulledPage(run.db, pulled);
        run.report.pulled += applied;
        received += applied;
        run.report.unreadable += page.unreadable.length;
      }
      await run.checkpoint('applied');
      run.onProgress({ phase: 'pull', done: received, total: page.more ? null : received });
      if (!page.more) break;
    }
    await catchUp?.flush();
  } catch (err) {
    // The network failed mid-catch-up: what was pulled is shown now rather than at the next start.
    // Anything else (a crash) leaves the window's marks for the next start to fold again.
    if (catchUp && err instanceof SyncRequestError) await catchUp.flush().catch(() => undefined);
    throw err;
  }
}

/**
 * Whether the server has lost events (restored from an older backup), and if so sends everything
 * here again and starts the pull over. Known by *which* event this tablet saw at its cursor, not
 * only by how far it got: a restored server holds another event at that seq, or none; or by a new
 * history id, when another tablet found it out first. What the server lost may be only here.
 */
async function handleServerLost(
  run: Run,
  page: PullResult,
  at: { cursor: number; eventId: string | null },
): Promise<boolean> {
  const { db, api } = run;
  const known = await serverHistory(db);
  const behind = page.cursor < at.cursor;
  const newHistory = page.history !== undefined && known !== null && page.history !== known;
  // An older server cannot say `diverged`; it being behind is then all there is to go by.
  const diverged = page.diverged ?? behind;
  if (!diverged && !newHistory) return false;
  let history = page.history;
  if (diverged && !newHistory && at.eventId !== null) {
    // Tell the server, which checks its own log and starts a new history for every tablet.
    try {
      history = (await api.reportDiverged(at.cursor, at.eventId, known)).history;
    } catch (err) {
      // A server from before the report knows no such route; this tablet goes on alone.
      if (!(err instanceof SyncRequestError) || err.status !== 404) throw err;
    }
  }
  console.warn(
    diverged
      ? `The shop server does not hold the change this tablet saw at ${at.cursor}: sending everything again.`
      : 'The shop server lost changes (another tablet found out): sending everything again.',
  );
  await startResend(db, history);
  run.report.resent += await resend(run);
  return true;
}

/** Sends every event here again, in id order, resuming where a cut-short resend stopped. */
async function resend(run: Run): Promise<number> {
  const { db } = run;
  let after = await resendPoint(db);
  if (after === null) return 0;
  const total = await db.events.count();
  let sent = 0;
  for (;;) {
    const batch = await resendBatch(db, after, run.pushBatch, run.pushMaxBytes);
    const last = batch.at(-1);
    if (!last) break;
    // The same refusal handling as any push: one event the server will not take is set aside.
    await pushEvents(run, batch);
    await markResent(db, last.id);
    await run.checkpoint('resent');
    after = last.id;
    sent += batch.length;
    run.onProgress({ phase: 'push', done: sent, total: Math.max(total, sent) });
  }
  await markResent(db, null);
  return sent;
}

// ---- Photos ----

/**
 * Photos the server's events name but whose bytes it lacks (restored from a backup taken before
 * they arrived, when no event was lost, so nothing else shows it): the ones held here go again.
 */
async function askForMissingPhotos(run: Run): Promise<void> {
  let missing: string[];
  try {
    missing = await run.api.missingPhotos();
  } catch (err) {
    // A server from before it kept the list knows no such route.
    if (err instanceof SyncRequestError && err.status === 404) return;
    throw err;
  }
  await uploadPhotosAgain(run.db, missing);
}

async function uploadPhotos(run: Run): Promise<void> {
  const { db, api } = run;
  const { photosWaiting } = await outboxSummary(db);
  run.onProgress({ phase: 'photos', done: 0, total: photosWaiting });
  for (;;) {
    const photos = await photosToUpload(db, PHOTO_BATCH);
    if (photos.length === 0) break;
    for (const photo of photos) {
      // The thumbnail first, under the hash of its own bytes (the photo.added event names it), so
      // other tablets can show it before the full photo arrives; a photo that is its own
      // thumbnail (a signature, a picture this browser could not shrink) goes once.
      const thumbnailSha256 = await sha256Hex(photo.thumbnail);
      if (thumbnailSha256 !== photo.sha256) {
        await uploadBlob(api, thumbnailSha256, photo.thumbnail);
      }
      await uploadBlob(api, photo.sha256, photo.blob);
      // Only once both are on the server: a run cut short in between sends them again (HEAD
      // makes that cheap).
      await markPhotoUploaded(db, photo.sha256);
      await run.checkpoint('photo');
      run.report.photosUploaded += 1;
      run.onProgress({
        phase: 'photos',
        done: run.report.photosUploaded,
        total: Math.max(photosWaiting, run.report.photosUploaded),
      });
    }
  }
}

/** HEAD first: the bytes may already be there from another tablet or a lost answer. */
async function uploadBlob(api: ApiClient, sha256: string, bytes: Blob): Promise<void> {
  if (!(await api.hasBlob(sha256))) await api.putBlob(sha256, bytes);
}
