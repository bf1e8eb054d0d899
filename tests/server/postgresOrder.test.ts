// Seqs in commit order on PostgreSQL: many connections append to one shop while others pull, and
// no pull ever skips an event (a seq given before a commit could land behind a pull's cursor).
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredEvent } from '../../src/protocol/events';
import type { PulledEvent } from '../../src/protocol/sync';
import { openPostgresStore } from '../../src/server/store/postgresStore';
import type { ShopStore, Store } from '../../src/server/store/store';
import { event, openedEvent, stampAt, T0 } from '../support/events';
import { testDatabase, type TestDatabase } from '../support/postgres';

/** Server processes, each with its own pool, appending to one shop. */
const WRITING_STORES = 8;
const WRITERS_PER_STORE = 3;
const BATCHES_PER_WRITER = 12;
const PULLERS = 4;
const PULL_PAGE = 7;

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function notes(count: number): StoredEvent[] {
  const { jobId } = openedEvent();
  return range(count).map((i) =>
    event(jobId, 'note.added', { text: `Stone set ${i}` }, stampAt(i)),
  );
}

/** Every event of the shop, page by page. */
async function readAll(shop: ShopStore): Promise<PulledEvent[]> {
  const seen: PulledEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await shop.readEvents(after, 50);
    seen.push(...page.events);
    after = page.cursor;
    if (!page.more) return seen;
  }
}

describe('appends on PostgreSQL from many connections at once', () => {
  let db: TestDatabase;
  const stores: Store[] = [];
  const open = async (count: number) => {
    const opened = await Promise.all(range(count).map(() => openPostgresStore(db.url)));
    stores.push(...opened);
    return opened;
  };

  beforeEach(async () => {
    db = await testDatabase();
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await db.drop();
  });

  it(
    'never lets a pull skip or repeat an event, however the commits interleave',
    { timeout: 60_000 },
    async () => {
      const writing = await open(WRITING_STORES);
      const pulling = await open(PULLERS);
      const first = writing[0];
      if (!first) throw new Error('no store');
      const shopId = (await first.addShop('Rose', T0)).id;

      const pushed: string[] = [];
      const writers = writing.flatMap((store, s) =>
        range(WRITERS_PER_STORE).map(async (w) => {
          const shop = store.shop(shopId);
          let last: StoredEvent | undefined;
          for (let b = 0; b < BATCHES_PER_WRITER; b++) {
            const batch = notes(1 + ((s + w + b) % 4));
            // Every other batch resends an event this writer pushed before: it takes no seq.
            const resent = b % 2 === 1 && last ? [last] : [];
            const result = await shop.appendEvents([...resent, ...batch], T0, `dev-${s}-${w}`);
            expect(result).toMatchObject({ accepted: batch.length, duplicates: resent.length });
            pushed.push(...batch.map((e) => e.id));
            last = batch[0];
          }
        }),
      );

      let writersDone = false;
      let pagesWhileWriting = 0;
      const pullers = pulling.map(async (store) => {
        const shop = store.shop(shopId);
        const seen: PulledEvent[] = [];
        let cursor = 0;
        for (;;) {
          // Read before the page: a page asked for after the writers finished holds all they wrote.
          const finished = writersDone;
          const page = await shop.readEvents(cursor, PULL_PAGE);
          if (!finished && page.events.length > 0) pagesWhileWriting += 1;
          seen.push(...page.events);
          // As a tablet does: the next pull starts after the cursor this one answered.
          cursor = page.cursor;
          if (finished && !page.more) return seen;
        }
      });

      // Settled, not all: a failed append still lets the pullers finish before the test says so.
      const written = await Promise.allSettled(writers);
      writersDone = true;
      const pulled = await Promise.all(pullers);
      for (const w of written) if (w.status === 'rejected') throw w.reason;

      const total = pushed.length;
      expect(total).toBe(WRITING_STORES * WRITERS_PER_STORE * BATCHES_PER_WRITER * 2.5);
      // The pulls ran alongside the appends, or the test would prove nothing.
      expect(pagesWhileWriting).toBeGreaterThan(0);
      for (const seen of pulled) {
        expect(seen.map((e) => e.seq)).toEqual(range(total).map((i) => i + 1));
        expect(seen.map((e) => e.id).sort()).toEqual([...pushed].sort());
      }
      expect(await first.shop(shopId).greatestSeq()).toBe(total);
    },
  );

  it('an append waits for another append to its own shop, not to another shop', async () => {
    const [store, other] = await open(2);
    if (!store || !other) throw new Error('no store');
    const a = store.shop((await store.addShop('A', T0)).id);
    const b = store.shop((await store.addShop('B', T0)).id);
    await a.appendEvents(notes(2), T0, 'dev');

    // A long append to shop A, as another process would hold it: A's counter row locked.
    const held = new pg.Client({ connectionString: db.url });
    await held.connect();
    try {
      await held.query('BEGIN');
      await held.query('SELECT last_seq FROM shops WHERE id = $1 FOR NO KEY UPDATE', [a.shopId]);
      let waitingDone = false;
      const waiting = other
        .shop(a.shopId)
        .appendEvents(notes(1), T0, 'dev')
        .then((result) => {
          waitingDone = true;
          return result;
        });
      // Until PostgreSQL shows that append queued behind the lock, however long that takes.
      await vi.waitFor(
        async () => {
          const queued = await held.query<{ n: string }>(
            `SELECT count(*) AS n FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          expect(Number(queued.rows[0]?.n)).toBe(1);
        },
        { timeout: 10_000, interval: 20 },
      );
      // Shop B's appends go ahead meanwhile, with B's own seqs.
      expect(await b.appendEvents(notes(3), T0, 'dev')).toEqual({
        accepted: 3,
        duplicates: 0,
        cursor: 3,
      });
      expect(await b.appendEvents(notes(1), T0, 'dev')).toMatchObject({ cursor: 4 });
      expect(waitingDone).toBe(false);
      await held.query('COMMIT');
      expect(await waiting).toEqual({ accepted: 1, duplicates: 0, cursor: 3 });
    } finally {
      await held.end();
    }
  });

  it('two shops appending at once each get dense seqs of their own', async () => {
    const opened = await open(4);
    const first = opened[0];
    if (!first) throw new Error('no store');
    const shopIds = [(await first.addShop('A', T0)).id, (await first.addShop('B', T0)).id];
    const pushed = new Map<string, string[]>(shopIds.map((id) => [id, []]));
    await Promise.all(
      opened.flatMap((store, s) =>
        range(4).map(async (w) => {
          for (let b = 0; b < 6; b++) {
            const shopId = shopIds[(s + w + b) % 2] ?? '';
            const batch = notes(1 + (b % 3));
            await store.shop(shopId).appendEvents(batch, T0, 'dev');
            pushed.get(shopId)?.push(...batch.map((e) => e.id));
          }
        }),
      ),
    );
    for (const shopId of shopIds) {
      const ids = pushed.get(shopId) ?? [];
      const seen = await readAll(first.shop(shopId));
      expect(seen.map((e) => e.seq)).toEqual(range(ids.length).map((i) => i + 1));
      expect(seen.map((e) => e.id).sort()).toEqual([...ids].sort());
    }
  });
});
