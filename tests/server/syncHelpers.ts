// Helpers for sync tests: pairing a device the way `npm run pair` does (a second connection to the
// server's data: its SQLite file, or its PostgreSQL database), calling the API with its token, and
// making valid events in bulk.
import { newUlid } from '../../src/domain/ids';
import { apiErrorSchema, type ApiError } from '../../src/protocol/api';
import type { StoredEvent } from '../../src/protocol/events';
import {
  pairResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  type PairResponse,
  type PullResponse,
  type PushResponse,
} from '../../src/protocol/sync';
import { issuePairingCode } from '../../src/server/auth/pairing';
import { resolveShop } from '../../src/server/cli/shopArg';
import { openStore, type StoreConfig } from '../../src/server/store/openStore';
import type { ShopStore, Store } from '../../src/server/store/store';
import { event, stampAt } from '../support/events';

/** A server's data: a SQLite data folder (a path alone), or a PostgreSQL database too. */
export type DataTarget = string | StoreConfig;

const configOf = (target: DataTarget): StoreConfig =>
  typeof target === 'string' ? { dataDir: target } : target;

/** What `npm run pair` does, on the test's own connection to the server's data. */
export async function withSideStore<T>(
  target: DataTarget,
  fn: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore(configOf(target));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** The same, on the server's only shop (the one its tablets are paired into). */
export async function withShopStore<T>(
  target: DataTarget,
  fn: (shop: ShopStore) => Promise<T>,
): Promise<T> {
  return withSideStore(target, async (store) =>
    fn(store.shop((await resolveShop(store, null)).id)),
  );
}

export async function makeCode(target: DataTarget, now: number = Date.now()): Promise<string> {
  return withShopStore(target, async (shop) => (await issuePairingCode(shop, { now })).code);
}

export async function postJson(url: string, body: unknown, token?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function pairDevice(
  server: { url: string; dataDir: string; databaseUrl?: string },
  now: number = Date.now(),
): Promise<PairResponse> {
  const code = await makeCode(
    { dataDir: server.dataDir, ...(server.databaseUrl ? { databaseUrl: server.databaseUrl } : {}) },
    now,
  );
  const res = await postJson(`${server.url}/api/v1/pair`, { code });
  if (res.status !== 200) throw new Error(`pairing failed: ${res.status} ${await res.text()}`);
  return pairResponseSchema.parse(await res.json());
}

export async function errorOf(res: Response): Promise<ApiError['error']> {
  expectJson(res);
  return apiErrorSchema.parse(await res.json()).error;
}

function expectJson(res: Response): void {
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) throw new Error(`expected JSON, got "${type}"`);
}

export function client(baseUrl: string, token: string) {
  const auth = { Authorization: `Bearer ${token}` };
  return {
    push: (events: readonly unknown[]) => postJson(`${baseUrl}/api/v1/events`, { events }, token),
    async pushOk(events: readonly unknown[]): Promise<PushResponse> {
      const res = await postJson(`${baseUrl}/api/v1/events`, { events }, token);
      if (res.status !== 200) throw new Error(`push failed: ${res.status} ${await res.text()}`);
      return pushResponseSchema.parse(await res.json());
    },
    pull: (query: string) => fetch(`${baseUrl}/api/v1/events${query}`, { headers: auth }),
    async pullOk(after: number, limit?: number): Promise<PullResponse> {
      const q = `?after=${after}${limit === undefined ? '' : `&limit=${limit}`}`;
      const res = await fetch(`${baseUrl}/api/v1/events${q}`, { headers: auth });
      if (res.status !== 200) throw new Error(`pull failed: ${res.status} ${await res.text()}`);
      return pullResponseSchema.parse(await res.json());
    },
    /** Every event, page by page, until `more` is false. */
    async pullAll(limit: number): Promise<{ pages: PullResponse[]; cursor: number }> {
      const pages: PullResponse[] = [];
      let cursor = 0;
      for (;;) {
        const page = await this.pullOk(cursor, limit);
        pages.push(page);
        cursor = page.cursor;
        if (!page.more) return { pages, cursor };
      }
    },
    blob: (sha256: string, init: RequestInit = {}) =>
      fetch(`${baseUrl}/api/v1/blobs/${sha256}`, {
        ...init,
        headers: { ...auth, ...(init.headers as Record<string, string> | undefined) },
      }),
  };
}

/** `count` valid note events on one job, each with a fresh id. */
export function notes(count: number, text = 'Prongs checked'): StoredEvent[] {
  const jobId = newUlid();
  return Array.from({ length: count }, (_, i) =>
    event(jobId, 'note.added', { text: `${text} ${i}` }, stampAt(i)),
  );
}
