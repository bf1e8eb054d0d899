// POST /events (push) and GET /events (pull): the event log, idempotent by id and paged by seq;
// POST /history/diverged: a tablet found this log is not the one it pulled before.
import type { Hono, MiddlewareHandler } from 'hono';
import { describeDuration, stampCeiling, stampMs } from '../../domain/clock';
import { API_ERROR_CODES, REFUSED_EVENT_CODES, type RefusedEvent } from '../../protocol/api';
import {
  EventValidationError,
  isEventType,
  parseEvent,
  type StoredEvent,
} from '../../protocol/events';
import { surelyValidEvent } from '../../protocol/fastCheck';
import {
  divergedRequestSchema,
  MAX_BODY_BYTES,
  MAX_PUSH_EVENTS,
  MAX_STAMP_AHEAD_MS,
  pullQuerySchema,
  type DivergedResponse,
  type PullResponse,
  type PushResponse,
} from '../../protocol/sync';
import type { DeviceEnv } from './auth';
import { readJsonBody } from './body';
import { HttpError } from './errors';
import { badRequest, isPlainObject } from './validation';

function refusal(index: number, raw: unknown, err: EventValidationError): RefusedEvent {
  const envelope = isPlainObject(raw) ? raw : {};
  const id = typeof envelope.id === 'string' && envelope.id.length <= 64 ? envelope.id : undefined;
  const unknownType = typeof envelope.type === 'string' && !isEventType(envelope.type);
  return {
    index,
    ...(id !== undefined ? { id } : {}),
    code: unknownType ? REFUSED_EVENT_CODES.unknownType : REFUSED_EVENT_CODES.invalid,
    message: err.issues
      .map((i) => `${i.path.replace(/^event/, `events[${index}]`)}: ${i.message}`)
      .join('; ')
      .slice(0, 2000),
  };
}

/** An event stamped past the drift limit ahead of this server's clock, with the numbers said. */
function futureStamp(index: number, e: StoredEvent, now: number): RefusedEvent | null {
  const ms = stampMs(e.at);
  if (ms === null || ms - now <= MAX_STAMP_AHEAD_MS) return null;
  return {
    index,
    id: e.id,
    code: REFUSED_EVENT_CODES.futureStamp,
    message:
      `events[${index}].at: stamped ${describeDuration(ms - now)} ahead of the shop server's ` +
      `clock (the event says ${new Date(ms).toISOString()}, the server ${new Date(now).toISOString()}): ` +
      `the tablet's clock is wrong.`,
  };
}

/**
 * One event of a push, checked strictly: the quick check first (surelyValidEvent, the envelope by
 * hand and the type's data schema), and parseEvent only for an event it does not vouch for, so
 * every refusal is worded by the schemas exactly as before.
 */
function checkEvent(index: number, raw: unknown): StoredEvent | RefusedEvent {
  const quick = surelyValidEvent(raw);
  if (quick !== null) return quick;
  try {
    const e = parseEvent(raw);
    // parseEvent accepted it, so `raw` is an envelope; its data as sent, not as trimmed.
    const { data } = raw as StoredEvent;
    const { id, jobId, type, at, actor, device } = e;
    return { id, jobId, type, at, actor, device, data };
  } catch (err) {
    if (!(err instanceof EventValidationError)) throw err;
    return refusal(index, raw, err);
  }
}

/**
 * Checks every event strictly (a known type, valid data, a stamp not in the future) and keeps each
 * one exactly as it was sent: the tablet that made it holds the very same bytes, so every device
 * folds the same event. One bad event refuses the whole batch (nothing is stored), and the answer
 * lists every refused event by index and id, so the tablet sets exactly those aside and sends the
 * rest again.
 */
export function validateBatch(events: readonly unknown[], now: number): StoredEvent[] {
  const valid: StoredEvent[] = [];
  const refused: RefusedEvent[] = [];
  // Stamps sort as text in time order: one comparison with the greatest stamp allowed tells an
  // event in time, and only one stamped ahead is read as a date (for the numbers in its refusal).
  const latestAllowed = stampCeiling(now + MAX_STAMP_AHEAD_MS);
  for (let index = 0; index < events.length; index++) {
    const checked = checkEvent(index, events[index]);
    if ('code' in checked) {
      refused.push(checked);
      continue;
    }
    const ahead = checked.at > latestAllowed ? futureStamp(index, checked, now) : null;
    if (ahead) refused.push(ahead);
    else valid.push(checked);
  }
  const [first] = refused;
  if (first !== undefined) {
    const more = refused.length - 1;
    const others =
      more === 0
        ? ''
        : more === 1
          ? ' 1 more event in this batch is refused too.'
          : ` ${more} more events in this batch are refused too.`;
    throw new HttpError(
      400,
      API_ERROR_CODES.badRequest,
      `${first.message}${others} Nothing in this batch was stored.`,
      undefined,
      refused,
    );
  }
  return valid;
}

export interface EventRouteDeps {
  now: () => number;
  auth: MiddlewareHandler<DeviceEnv>;
  version: string;
  /** Called after a push stored new events (the ready-notice worker reads the log then). */
  onAccepted?: () => void;
}

export function registerEventRoutes(
  api: Hono<DeviceEnv>,
  { now, auth, version, onAccepted }: EventRouteDeps,
): void {
  // A new history is started at most once per shop per run of the server. A restore from a backup
  // is always followed by a start, so once is all a real restore needs; and no paired device,
  // however it lies about what it saw, can make every tablet resend everything more than that.
  const rotatedShops = new Set<string>();

  api.post('/events', auth, async (c) => {
    const body = await readJsonBody(
      c.req.raw,
      MAX_BODY_BYTES,
      'This batch of events',
      'Send the events in smaller batches.',
    );
    if (!isPlainObject(body) || !Array.isArray(body.events)) {
      throw new HttpError(
        400,
        API_ERROR_CODES.badRequest,
        'events: Send { "events": [ … ] }, an array of events.',
      );
    }
    if (body.events.length > MAX_PUSH_EVENTS) {
      throw new HttpError(
        413,
        API_ERROR_CODES.tooLarge,
        `A push holds at most ${MAX_PUSH_EVENTS} events, and this one has ${body.events.length}. ` +
          `Send them in batches of ${MAX_PUSH_EVENTS} or fewer.`,
      );
    }
    const events = validateBatch(body.events, now());
    const result = await c.get('shop').appendEvents(events, now(), c.get('device').id);
    // After the commit, and never in the way of the answer: the tablet clears its outbox on it.
    if (result.accepted > 0) onAccepted?.();
    return c.json({ ...result, serverTime: now() } satisfies PushResponse);
  });

  api.get('/events', auth, async (c) => {
    const query = pullQuerySchema.safeParse({
      after: c.req.query('after'),
      seen: c.req.query('seen'),
      limit: c.req.query('limit'),
    });
    if (!query.success) throw badRequest(query.error);
    const { after, seen, limit } = query.data;
    // Read-only, whatever the tablet says: a GET never changes what the server holds.
    const shop = c.get('shop');
    const { events, ...page } = await shop.readEventTexts(after, limit);
    const diverged =
      seen === undefined || after === 0 ? undefined : (await shop.eventIdAt(after)) !== seen;
    const rest = {
      ...page,
      ...(diverged !== undefined ? { diverged } : {}),
      serverTime: now(),
      serverVersion: version,
    } satisfies Omit<PullResponse, 'events'>;
    // The events' JSON texts as the store holds them, joined: what c.json of the parsed page would
    // send (the same keys in the same order), without parsing and serialising every event again.
    const body = `{"events":[${events.join(',')}],${JSON.stringify(rest).slice(1)}`;
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });

  api.post('/history/diverged', auth, async (c) => {
    const body = await readJsonBody(
      c.req.raw,
      4 * 1024,
      'This report',
      'Send { seq, id, history }.',
    );
    const parsed = divergedRequestSchema.safeParse(body);
    if (!parsed.success) throw badRequest(parsed.error);
    const { seq, id, history } = parsed.data;
    // The server checks its own log: only a seq that holds another event, or none, counts.
    const shop = c.get('shop');
    const diverged = (await shop.eventIdAt(seq)) !== id;
    const current = await shop.history();
    let answer: DivergedResponse = { history: current, rotated: false, diverged };
    if (diverged && !rotatedShops.has(shop.shopId) && (history === null || history === current)) {
      rotatedShops.add(shop.shopId);
      const next = await shop.rotateHistory(current);
      answer = { history: next, rotated: next !== current, diverged };
      console.warn(
        `A tablet has seen event ${id} at seq ${seq}, which this server does not hold: its data ` +
          `was restored from an older backup. Every tablet now sends it what it has again.`,
      );
    }
    return c.json(answer);
  });
}
