// The ready-notice worker: follows the event log by seq and tells each customer, once, that their
// piece is ready. Every outcome (sent, failed, not sent) is recorded on the job as a notice.recorded
// event, so tablets pull it like any other event.
//
// Once, and never twice:
// - The log is read by seq from a cursor kept in the store, so moves pushed while the server was
//   down, or before a restart, are read; a move is queued under its own event id (the notices
//   table's key), so reading the log again, or a duplicate push (which gets no new seq), queues
//   nothing new.
// - Before the mail server is called the notice is marked `sending` (claimNotice), and its outcome
//   is stored with its event in one transaction afterwards (settleNotice). A retry only claims a
//   notice that failed, so a notice that was sent is never sent again.
// - At most once when the server dies in the middle of a send: the mail may or may not have gone
//   out, and the server cannot know. It does not send it again (a customer emailed twice for one
//   piece is worse than the counter calling one customer): the notice is recorded as failed, "not
//   sent again", and the job shows it.
import { createClock, describeDuration, type HybridClock } from '../../domain/clock';
import { newUlid } from '../../domain/ids';
import { parseEvent, readStoredEvent, type StoredEvent } from '../../protocol/events';
import { SERVER_ACTOR, type NoticeStatus } from '../../protocol/notices';
import { SHOP_STREAM_ID } from '../../protocol/streams';
import type { NoticeRecord, NoticeState, NoticeTrigger, ShopStore, Store } from '../store/store';
import type { Notifier, SendOutcome } from './notifier';
import { decideReadyNotice } from './readyDecision';

/** Waits before the 2nd, 3rd and 4th attempt: a mail server down for a restart is back by then. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 30 * 60_000];
/**
 * A notice `sending` for longer than this was cut off (its server stopped mid-send): well past the
 * mail client's own time-outs, so a send under way in another server process on the same
 * PostgreSQL is never taken for one cut off.
 */
export const SEND_LEASE_MS = 5 * 60_000;
/** When a run itself fails (the disk, a bug), the worker tries again after this long. */
const RUN_RETRY_MS = 60_000;
/**
 * Seqs of the log looked through per read. Only the trigger types come out of the store, so this
 * bounds the work of one read (a restart after a long stop reads the log it missed a stretch at a
 * time, and never holds the event loop for long), not the events handed back.
 */
export const LOG_SPAN = 2000;
/**
 * The only events whose arrival can call for a notice: a move to ready. The worker follows the log
 * for these alone; a job's other events are read (streamEvents) only when one of its moves is.
 */
const TRIGGER_TYPES: readonly string[] = ['status.changed'];
const DUE_PAGE = 50;
/** setTimeout's limit: a longer wait would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ReadyNoticeOptions {
  /** Every shop of the server: each one's log is followed, and its customers told. */
  store: Store;
  /** How email goes out; null when the server has no mail server settings. */
  notifier: Notifier | null;
  now?: () => number;
  /** The wait before each retry; attempts in all = its length + 1. */
  retryDelaysMs?: readonly number[];
  /** Seqs looked through per read of the log (LOG_SPAN; tests make it small to cross many). */
  logSpan?: number;
  log?: (message: string) => void;
}

export interface ReadyNoticeWorker {
  /** Starts reading the log (notices cut off by a restart are settled first). */
  start(): void;
  /** Something may have arrived (a push was accepted): read the log now. */
  wake(): void;
  /** Resolves once no run is under way or asked for (tests wait on it rather than sleeping). */
  whenIdle(): Promise<void>;
  /** Stops: no new run, no timer left; waits for the run under way to end. */
  stop(): Promise<void>;
}

function isReadyMove(e: StoredEvent): boolean {
  if (e.type !== 'status.changed') return false;
  const read = readStoredEvent(e);
  return read.known && read.event.type === 'status.changed' && read.event.data.status === 'ready';
}

/** The mail server's words as a sentence, so that what the worker adds reads after it. */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** Reasons are kept to the schema's 500 characters, the mail server's words cut if need be. */
function bounded(reason: string): string {
  return reason.length <= 500 ? reason : `${reason.slice(0, 499)}…`;
}

export function createReadyNoticeWorker({
  store: root,
  notifier,
  now = Date.now,
  retryDelaysMs = DEFAULT_RETRY_DELAYS_MS,
  logSpan = LOG_SPAN,
  log = (message) => {
    console.warn(message);
  },
}: ReadyNoticeOptions): ReadyNoticeWorker {
  const maxAttempts = retryDelaysMs.length + 1;
  let started = false;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const shops = new Map<string, () => Promise<number | null>>();

  /** One shop's part of a run: its log, its due notices; when its next notice is due. */
  function shopRun(store: ShopStore): () => Promise<number | null> {
    let device: { id: string; clock: HybridClock } | null = null;

    async function serverClock() {
      if (device) return device;
      const { id, lastStamp } = await store.serverDevice();
      device = {
        id,
        clock: createClock({
          device: id,
          wallClock: now,
          ...(lastStamp !== null ? { last: lastStamp } : {}),
        }),
      };
      return device;
    }

    /** The notice.recorded event for one outcome, stamped after the move it answers. */
    async function noticeEvent(
      row: NoticeTrigger,
      triggerAt: string | undefined,
      data: { status: NoticeStatus; attempt: number; to?: string; reason?: string },
    ): Promise<StoredEvent> {
      const { id, clock } = await serverClock();
      if (triggerAt !== undefined) {
        try {
          // So the history reads "marked ready", then "emailed", even from a tablet a little ahead.
          clock.observe(triggerAt);
        } catch {
          // A move stamped too far ahead (it passed the door earlier): stamp by this clock alone.
        }
      }
      const stamp = clock.now();
      const event: StoredEvent = {
        id: newUlid(now()),
        jobId: row.jobId,
        type: 'notice.recorded',
        at: stamp,
        actor: SERVER_ACTOR,
        device: id,
        data: {
          channel: 'email',
          trigger: 'ready',
          triggerEventId: row.triggerEventId,
          status: data.status,
          attempt: Math.min(Math.max(data.attempt, 1), 100),
          ...(data.to !== undefined ? { to: data.to } : {}),
          ...(data.reason !== undefined ? { reason: bounded(data.reason) } : {}),
        },
      };
      // The server's own events pass the very check tablets' events do.
      parseEvent(event);
      return event;
    }

    async function settle(
      row: NoticeRecord,
      from: readonly NoticeState[],
      state: NoticeState,
      event?: StoredEvent,
      nextAttemptAt?: number,
    ): Promise<void> {
      await store.settleNotice({
        triggerEventId: row.triggerEventId,
        from,
        state,
        now: now(),
        ...(event ? { event } : {}),
        ...(nextAttemptAt !== undefined ? { nextAttemptAt } : {}),
      });
    }

    /**
     * Notices left `sending` by a server that stopped mid-send: never sent again (at most once).
     * When one is still within its lease, when to look again.
     */
    async function settleInterrupted(): Promise<number | null> {
      let recheck: number | null = null;
      for (const row of await store.noticesIn('sending')) {
        const cutOffAt = row.updatedAt + SEND_LEASE_MS;
        if (cutOffAt > now()) {
          recheck = recheck === null ? cutOffAt : Math.min(recheck, cutOffAt);
          continue;
        }
        const event = await noticeEvent(row, undefined, {
          status: 'failed',
          attempt: row.attempts,
          reason:
            'The shop server stopped while sending this email, so it may or may not have gone ' +
            'out. It is not sent again, so the customer is never emailed twice: call them if unsure.',
        });
        await settle(row, ['sending'], 'gave_up', event);
        log(`Notice for job ${row.jobId} was cut off by a restart mid-send; not sent again.`);
      }
      return recheck;
    }

    /** How far this process has read the log, and the cursor it last stored. */
    let readTo = 0;
    let storedTo = 0;

    async function followLog(): Promise<void> {
      // Never behind the store: another server process on the same PostgreSQL may have read on.
      const kept = await store.noticeCursor();
      storedTo = Math.max(storedTo, kept);
      let cursor = Math.max(readTo, kept);
      for (;;) {
        // The store passes over every other type (a push of notes and weights is not even read).
        const page = await store.readEventsOfTypes(cursor, logSpan, TRIGGER_TYPES);
        const triggers = page.events
          .filter(isReadyMove)
          .map((e) => ({ triggerEventId: e.id, jobId: e.jobId }));
        // The stored cursor only says where reading starts after a restart, and moves with every
        // trigger queued (in one transaction); with none, once it lags a span behind. So a push
        // of notes and weights writes nothing here, and a restart reads at most a span again:
        // cheaply, as only trigger types come out, and a trigger is queued once however often read.
        if (triggers.length > 0 || page.cursor - storedTo >= logSpan) {
          await store.queueNotices(triggers, page.cursor, now());
          storedTo = page.cursor;
        }
        cursor = page.cursor;
        readTo = cursor;
        if (!page.more || stopped) return;
      }
    }

    async function handle(row: NoticeRecord): Promise<void> {
      const jobEvents = await store.streamEvents(row.jobId);
      const trigger = jobEvents.find((e) => e.id === row.triggerEventId);
      const decision = decideReadyNotice({
        jobEvents,
        shopEvents: await store.streamEvents(SHOP_STREAM_ID),
        triggerEventId: row.triggerEventId,
        canEmail: notifier !== null,
      });
      const open: NoticeState[] = ['pending', 'failed'];
      switch (decision.kind) {
        case 'already':
          // Its event came back from a tablet (data restored from a backup): settle, record nothing.
          return settle(row, open, decision.state);
        case 'quiet':
          return settle(row, open, 'quiet');
        case 'not_sent': {
          const event = await noticeEvent(row, trigger?.at, {
            status: 'not_sent',
            attempt: row.attempts + 1,
            reason: decision.reason,
            ...(decision.to !== undefined ? { to: decision.to } : {}),
          });
          return settle(row, open, 'not_sent', event);
        }
        case 'send':
          return send(row, trigger?.at, decision.message);
      }
    }

    async function send(
      row: NoticeRecord,
      triggerAt: string | undefined,
      message: Parameters<Notifier['send']>[0],
    ): Promise<void> {
      if (notifier === null) return;
      // Marked before the call: from here on, a crash means "not sent again" (see the top).
      const attempt = await store.claimNotice(row.triggerEventId, now());
      if (attempt === null) return;
      const outcome = await notifier.send(message).catch((err: unknown): SendOutcome => ({
        status: 'failed',
        reason: String(err),
        permanent: false,
      }));
      const to = message.to;
      if (outcome.status === 'sent') {
        const event = await noticeEvent(row, triggerAt, { status: 'sent', attempt, to });
        await settle(row, ['sending'], 'sent', event);
        return;
      }
      const delay = retryDelaysMs[attempt - 1];
      if (outcome.permanent || delay === undefined) {
        const why = outcome.permanent
          ? 'Not tried again: the mail server refused it for good.'
          : `Gave up after ${attempt} attempts.`;
        const event = await noticeEvent(row, triggerAt, {
          status: 'failed',
          attempt,
          to,
          reason: `${sentence(outcome.reason)} ${why}`,
        });
        await settle(row, ['sending'], 'gave_up', event);
        log(`Notice for job ${row.jobId} failed for good: ${outcome.reason}`);
        return;
      }
      const event = await noticeEvent(row, triggerAt, {
        status: 'failed',
        attempt,
        to,
        reason:
          `${sentence(outcome.reason)} Will try again in ${describeDuration(delay)} ` +
          `(attempt ${attempt} of ${maxAttempts}).`,
      });
      await settle(row, ['sending'], 'failed', event, now() + delay);
    }

    async function handleDue(): Promise<void> {
      // Each notice at most once per run: one whose handling throws waits for the next run.
      const seen = new Set<string>();
      for (;;) {
        const due = (await store.dueNotices(now(), DUE_PAGE)).filter(
          (row) => !seen.has(row.triggerEventId),
        );
        if (due.length === 0) return;
        for (const row of due) {
          if (stopped) return;
          seen.add(row.triggerEventId);
          await handle(row);
        }
      }
    }

    return async () => {
      // Every run: a server process on the same PostgreSQL may have stopped mid-send at any time.
      const recheck = await settleInterrupted();
      await followLog();
      await handleDue();
      const due = await store.nextNoticeDue();
      if (recheck === null) return due;
      return due === null ? recheck : Math.min(due, recheck);
    };
  }

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(
      () => {
        timer = null;
        wake();
      },
      Math.min(Math.max(0, ms), MAX_TIMER_MS),
    );
    // The server's listening socket keeps the process alive; this timer alone should not.
    timer.unref();
  }

  /** Read afresh at each call: a stop may come during any await of a run. */
  const halted = () => stopped;

  async function run(): Promise<void> {
    const due: number[] = [];
    try {
      for (const { id, name } of await root.listShops()) {
        if (halted()) return;
        let runShop = shops.get(id);
        if (!runShop) {
          runShop = shopRun(root.shop(id));
          shops.set(id, runShop);
        }
        // One shop's failure (a bad row, a bug) does not keep the other shops' customers waiting.
        try {
          const next = await runShop();
          if (next !== null) due.push(next);
        } catch (err) {
          if (halted()) return;
          log(
            `The ready-notice worker hit an error in ${name} and tries again later: ${String(err)}`,
          );
          due.push(now() + RUN_RETRY_MS);
        }
      }
    } catch (err) {
      if (halted()) return;
      log(`The ready-notice worker hit an error and tries again later: ${String(err)}`);
      due.push(now() + RUN_RETRY_MS);
    }
    if (due.length > 0) schedule(Math.min(...due) - now());
  }

  /** A run is asked for and has not begun: a wake until then is seen by it, and asks no more. */
  let waiting = false;

  function wake(): void {
    if (!started || stopped || waiting) return;
    if (running) {
      again = true;
      return;
    }
    waiting = true;
    // On the event loop's next turn: the pushes answered in this one (a busy shop's tablets push
    // at once, and their appends commit together) wake one run between them, not one each, and
    // the run never stands before their answers.
    running = new Promise<void>((resolve) => {
      setImmediate(resolve);
    })
      .then(() => {
        waiting = false;
        return halted() ? undefined : run();
      })
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          wake();
        }
      });
  }

  return {
    start() {
      if (started) return;
      started = true;
      wake();
    },
    wake,
    async whenIdle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      while (running) await running;
    },
  };
}
