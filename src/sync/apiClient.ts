// Talks to the shop server's /api/v1: every request and answer in the shapes of DESIGN.md ("Sync").
// Every answer is checked with the shared schemas before anything is done with it: a wrong shape is
// an error the sync sheet shows, never something stored.
import { z } from 'zod';
import { isRealStamp } from '../domain/clock';
import { DEVICE_ID_PATTERN, ULID_PATTERN } from '../domain/ids';
import { API_PREFIX, apiErrorSchema, type RefusedEvent } from '../protocol/api';
import { SHOP_JOB_ID, type StoredEvent } from '../protocol/events';
import {
  divergedResponseSchema,
  envelopePrefixResponseSchema,
  missingPhotosResponseSchema,
  pairResponseSchema,
  pulledEventSchema,
  pullResponseSchema,
  pushResponseSchema,
  type DivergedResponse,
  type EnvelopePrefixResponse,
  type PairResponse,
  type PullResponse,
  type PushResponse,
} from '../protocol/sync';

export type PushResult = PushResponse;

export interface PulledEvent extends StoredEvent {
  seq: number;
}

/** A pulled event whose envelope this version cannot read: kept as it came, never folded. */
export interface UnreadableEvent {
  seq: number;
  id: string | null;
  raw: unknown;
  reason: string;
}

export interface PullResult extends Omit<PullResponse, 'events'> {
  events: PulledEvent[];
  /** Events of the page that did not fit the event schema (an impossible stamp, say). */
  unreadable: UnreadableEvent[];
}

/** A request the server answered with an error, or that never reached it (status 0). */
export class SyncRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    /** For a refused push: every refused event, by index in the batch, with the server's reason. */
    readonly refused: readonly RefusedEvent[] = [],
  ) {
    super(message);
    this.name = 'SyncRequestError';
  }

  /** Worth trying again later: the network, a restart, or a server busy or rate-limiting. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export interface ApiClientOptions {
  /** The server's origin, e.g. https://loupe.local:8080; usually the origin the app came from. */
  serverUrl: string;
  token?: string | undefined;
  fetch?: typeof fetch;
}

export interface ApiClient {
  pair(code: string): Promise<PairResponse>;
  push(events: readonly StoredEvent[]): Promise<PushResult>;
  /** `seen`: the id of the event this tablet pulled at seq `after`, so the server can say if it differs. */
  pull(after: number, limit: number, seen?: string | null): Promise<PullResult>;
  reportDiverged(seq: number, id: string, history: string | null): Promise<DivergedResponse>;
  /** GET /photos/missing: photos stored events name whose bytes the server lacks. */
  missingPhotos(): Promise<string[]>;
  /** POST /envelope-prefix: this tablet's envelope series, given once by the server. */
  envelopePrefix(): Promise<EnvelopePrefixResponse>;
  hasBlob(sha256: string): Promise<boolean>;
  putBlob(sha256: string, bytes: Blob): Promise<void>;
  getBlob(sha256: string): Promise<Blob>;
}

/** A page checked as a page; its events one by one, so one bad event cannot refuse the rest. */
const pullPageSchema = pullResponseSchema.extend({ events: z.array(z.unknown()) });

/**
 * A pulled page checked with pullPageSchema, its events list aside: zod copies a list of 2,000
 * element by element for nothing, as each event is checked on its own after (splitPage).
 */
function checkedPage(body: unknown, status: number): z.infer<typeof pullPageSchema> {
  const events = (body as { events?: unknown } | null)?.events;
  if (typeof body !== 'object' || body === null || !Array.isArray(events)) {
    return checked(pullPageSchema, body, 'receiving changes', status);
  }
  return {
    ...checked(pullPageSchema, { ...body, events: [] }, 'receiving changes', status),
    events,
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || 'answer'}: ${i.message}`)
    .join('; ');
}

function checked<S extends z.ZodType>(schema: S, body: unknown, what: string, status: number) {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new SyncRequestError(
      `The shop server's answer to ${what} does not have the expected shape (${describeIssues(parsed.error)}). ` +
        'Nothing of it was stored. Is the server a Loupe server of a matching version?',
      status,
      'bad_answer',
    );
  }
  return parsed.data;
}

/** An event type's name, as eventEnvelopeSchema checks it. */
const EVENT_TYPE_PATTERN = /^[a-z]+(\.[a-z_]+)+$/;

/**
 * pulledEventSchema's check written out by hand, for the pull's hot path: zod takes several
 * microseconds an event, a good part of a catch-up's main-thread time on a tablet, and this a
 * fraction of one. An event it takes is exactly what the schema gives (the same fields, nothing
 * else); anything it does not take goes through the schema, which has the last word and says why.
 * It never takes what the schema refuses: tests/sync/catchUpPull.test.ts holds the two together.
 */
export function quickPulledEvent(raw: unknown): PulledEvent | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { id, jobId, type, at, actor, device, data, seq } = raw as Record<string, unknown>;
  if (typeof id !== 'string' || !ULID_PATTERN.test(id)) return null;
  if (typeof jobId !== 'string' || (jobId !== SHOP_JOB_ID && !ULID_PATTERN.test(jobId))) {
    return null;
  }
  if (typeof type !== 'string' || !EVENT_TYPE_PATTERN.test(type)) return null;
  if (!isRealStamp(at)) return null;
  if (typeof actor !== 'string' || actor.length < 1 || actor.length > 64) return null;
  if (typeof device !== 'string' || !DEVICE_ID_PATTERN.test(device)) return null;
  if (
    typeof data !== 'object' ||
    data === null ||
    Object.getPrototypeOf(data) !== Object.prototype ||
    Object.hasOwn(data, '__proto__')
  ) {
    return null;
  }
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq <= 0) return null;
  return { id, jobId, type, at, actor, device, data: data as Record<string, unknown>, seq };
}

function splitPage(page: z.infer<typeof pullPageSchema>): PullResult {
  const events: PulledEvent[] = [];
  const unreadable: UnreadableEvent[] = [];
  for (const raw of page.events) {
    const quick = quickPulledEvent(raw);
    if (quick) {
      events.push(quick);
      continue;
    }
    const parsed = pulledEventSchema.safeParse(raw);
    if (parsed.success) {
      events.push(parsed.data);
      continue;
    }
    const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const seq = typeof r.seq === 'number' && Number.isSafeInteger(r.seq) ? r.seq : null;
    if (seq === null) {
      // Without a seq there is no telling where it sits in the log: the page as a whole is wrong.
      throw new SyncRequestError(
        `The shop server sent an event without its seq (${describeIssues(parsed.error)}). Nothing of this page was stored.`,
        200,
        'bad_answer',
      );
    }
    unreadable.push({
      seq,
      id: typeof r.id === 'string' ? r.id.slice(0, 64) : null,
      raw,
      reason: describeIssues(parsed.error),
    });
  }
  return { ...page, events, unreadable };
}

export function createApiClient({
  serverUrl,
  token,
  fetch: doFetch = fetch,
}: ApiClientOptions): ApiClient {
  const base = serverUrl.replace(/\/+$/, '') + API_PREFIX;

  async function request(
    method: string,
    path: string,
    body?: BodyInit,
    type?: string,
  ): Promise<Response> {
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (type) headers['Content-Type'] = type;
    let res: Response;
    try {
      res = await doFetch(base + path, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
      });
    } catch (err) {
      throw new SyncRequestError(
        `The shop server could not be reached (${err instanceof Error ? err.message : String(err)}).`,
        0,
        'unreachable',
      );
    }
    if (res.ok) return res;
    let message = `The shop server answered ${res.status}.`;
    let code = 'http_error';
    let refused: RefusedEvent[] = [];
    if (method !== 'HEAD') {
      const parsed = apiErrorSchema.safeParse(await res.json().catch(() => null));
      if (parsed.success) {
        message = parsed.data.error.message;
        code = parsed.data.error.code;
        refused = parsed.data.error.events ?? [];
      }
    }
    throw new SyncRequestError(message, res.status, code, refused);
  }

  async function json<S extends z.ZodType>(res: Response, schema: S, what: string) {
    return checked(schema, await body(res, what), what, res.status);
  }

  async function body(res: Response, what: string): Promise<unknown> {
    try {
      return await res.json();
    } catch (err) {
      // A body cut short by the network is the network's fault: worth trying again.
      const reason = err instanceof Error ? err.message : String(err);
      throw new SyncRequestError(
        `The shop server's answer to ${what} was cut short (${reason}).`,
        0,
        'unreachable',
      );
    }
  }

  const postJson = (path: string, value: unknown) =>
    request('POST', path, JSON.stringify(value), 'application/json');

  return {
    pair: async (code) => json(await postJson('/pair', { code }), pairResponseSchema, 'pairing'),
    push: async (events) =>
      json(await postJson('/events', { events }), pushResponseSchema, 'sending changes'),
    pull: async (after, limit, seen) => {
      const query = `after=${after}&limit=${limit}${seen ? `&seen=${encodeURIComponent(seen)}` : ''}`;
      const res = await request('GET', `/events?${query}`);
      return splitPage(checkedPage(await body(res, 'receiving changes'), res.status));
    },
    reportDiverged: async (seq, id, history) =>
      json(
        await postJson('/history/diverged', { seq, id, history }),
        divergedResponseSchema,
        'a lost-changes report',
      ),
    missingPhotos: async () =>
      (
        await json(
          await request('GET', '/photos/missing'),
          missingPhotosResponseSchema,
          'which photos it lacks',
        )
      ).photos,
    envelopePrefix: async () =>
      json(
        await postJson('/envelope-prefix', {}),
        envelopePrefixResponseSchema,
        'asking for an envelope series',
      ),
    hasBlob: async (sha256) => {
      try {
        await request('HEAD', `/blobs/${sha256}`);
        return true;
      } catch (err) {
        if (err instanceof SyncRequestError && err.status === 404) return false;
        throw err;
      }
    },
    putBlob: async (sha256, bytes) => {
      await request('PUT', `/blobs/${sha256}`, bytes, 'application/octet-stream');
    },
    getBlob: async (sha256) => (await request('GET', `/blobs/${sha256}`)).blob(),
  };
}
