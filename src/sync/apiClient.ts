// Talks to the shop server's /api/v1: every request and answer in the shapes of DESIGN.md ("Sync").
import { API_PREFIX, apiErrorSchema } from '../protocol/api';
import type { StoredEvent } from '../protocol/events';

export interface PushResult {
  accepted: number;
  duplicates: number;
  cursor: number;
}

export interface PulledEvent extends StoredEvent {
  seq: number;
}

export interface PullResult {
  events: PulledEvent[];
  cursor: number;
  more: boolean;
  /** The server's event history id (DESIGN.md, "Sync"); absent from older servers. */
  history?: string | undefined;
}

/** A request the server answered with an error, or that never reached it (status 0). */
export class SyncRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
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
  pair(code: string): Promise<{ deviceId: string; token: string }>;
  push(events: readonly StoredEvent[]): Promise<PushResult>;
  pull(after: number, limit: number): Promise<PullResult>;
  hasBlob(sha256: string): Promise<boolean>;
  putBlob(sha256: string, bytes: Blob): Promise<void>;
  getBlob(sha256: string): Promise<Blob>;
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
    if (method !== 'HEAD') {
      const parsed = apiErrorSchema.safeParse(await res.json().catch(() => null));
      if (parsed.success) {
        message = parsed.data.error.message;
        code = parsed.data.error.code;
      }
    }
    throw new SyncRequestError(message, res.status, code);
  }

  const json = async <T>(res: Response) => (await res.json()) as T;

  return {
    pair: async (code) =>
      json(await request('POST', '/pair', JSON.stringify({ code }), 'application/json')),
    push: async (events) =>
      json(await request('POST', '/events', JSON.stringify({ events }), 'application/json')),
    pull: async (after, limit) =>
      json(await request('GET', `/events?after=${after}&limit=${limit}`)),
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
