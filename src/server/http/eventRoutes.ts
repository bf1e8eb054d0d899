// POST /events (push) and GET /events (pull): the event log, idempotent by id and paged by seq.
import type { Hono, MiddlewareHandler } from 'hono';
import { API_ERROR_CODES } from '../../protocol/api';
import { EventValidationError, parseEvent, type StoredEvent } from '../../protocol/events';
import {
  MAX_BODY_BYTES,
  MAX_PUSH_EVENTS,
  pullQuerySchema,
  type PullResponse,
  type PushResponse,
} from '../../protocol/sync';
import type { Store } from '../store/store';
import type { DeviceEnv } from './auth';
import { readJsonBody } from './body';
import { HttpError } from './errors';
import { badRequest, isPlainObject } from './validation';

/**
 * Checks every event strictly (a known type, valid data) and keeps each one exactly as it was sent:
 * the tablet that made it holds the very same bytes, so every device folds the same event.
 */
export function validateBatch(events: readonly unknown[]): StoredEvent[] {
  const valid: StoredEvent[] = [];
  const problems: string[] = [];
  for (const [index, raw] of events.entries()) {
    try {
      const e = parseEvent(raw);
      // parseEvent accepted it, so `raw` is an envelope; its data as sent, not as trimmed.
      const { data } = raw as StoredEvent;
      const { id, jobId, type, at, actor, device } = e;
      valid.push({ id, jobId, type, at, actor, device, data });
    } catch (err) {
      if (!(err instanceof EventValidationError)) throw err;
      problems.push(
        err.issues
          .map((i) => `${i.path.replace(/^event/, `events[${index}]`)}: ${i.message}`)
          .join('; '),
      );
    }
  }
  const [first] = problems;
  if (first !== undefined) {
    const more = problems.length - 1;
    const others =
      more === 0
        ? ''
        : more === 1
          ? ' 1 more event in this batch is invalid too.'
          : ` ${more} more events in this batch are invalid too.`;
    throw new HttpError(
      400,
      API_ERROR_CODES.badRequest,
      `${first}${others} Nothing in this batch was stored.`,
    );
  }
  return valid;
}

export function registerEventRoutes(
  api: Hono<DeviceEnv>,
  { store, now, auth }: { store: Store; now: () => number; auth: MiddlewareHandler<DeviceEnv> },
): void {
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
    const events = validateBatch(body.events);
    const result = await store.appendEvents(events, now(), c.get('device').id);
    return c.json(result satisfies PushResponse);
  });

  api.get('/events', auth, async (c) => {
    const query = pullQuerySchema.safeParse({
      after: c.req.query('after'),
      limit: c.req.query('limit'),
    });
    if (!query.success) throw badRequest(query.error);
    const page = await store.readEvents(query.data.after, query.data.limit);
    return c.json(page satisfies PullResponse);
  });
}
