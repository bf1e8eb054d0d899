// The big-shop fixture: valid events, unique envelopes, the same shop every time, counts that match
// its folded rows, and a seed that leaves the very rows applyEvents leaves.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyEvents } from '../../src/db/applyEvents';
import { META_KEYS } from '../../src/db/device';
import { STREAMS } from '../../src/db/streams';
import { envelopeKey } from '../../src/domain/envelopes';
import { PROJECTION_VERSION } from '../../src/domain/projection';
import { foldText } from '../../src/domain/search';
import { parseEvent, type StoredEvent } from '../../src/protocol/events';
import { OPEN_STATUSES } from '../../src/protocol/statuses';
import { SHOP_STREAM_ID, STREAM_KINDS } from '../../src/protocol/streams';
import {
  BIG_SHOP_STAFF,
  bigShopCounts,
  bigShopEvents,
  bigShopToday,
  FIRST_NAMES,
  foldedRows,
  LAST_NAMES,
  planJob,
  seedBigShop,
  type BigShop,
} from '../support/bigShop';
import { freshDatabases } from '../support/databases';

const NOW = Date.parse('2026-06-15T10:30:00');
const shopOf = (jobs: number, seed?: number): BigShop => ({
  jobs,
  now: NOW,
  ...(seed === undefined ? {} : { seed }),
});
const freshDb = freshDatabases('big-shop');

describe('the big shop’s events', () => {
  it('are all valid events of the schema, stamped before its now, each job’s in order', () => {
    const events = bigShopEvents(shopOf(1_000));
    for (const e of events) expect(() => parseEvent(e)).not.toThrow();
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events.every((e) => Date.parse(e.at.slice(0, 24)) < NOW)).toBe(true);
    const byJob = new Map<string, StoredEvent[]>();
    for (const e of events) byJob.set(e.jobId, [...(byJob.get(e.jobId) ?? []), e]);
    for (const list of byJob.values()) {
      expect(list.map((e) => e.at)).toEqual(list.map((e) => e.at).sort());
    }
    // The shop's people first, then a job.opened for every job.
    expect(events.slice(0, BIG_SHOP_STAFF.length).every((e) => e.jobId === SHOP_STREAM_ID)).toBe(
      true,
    );
    expect(events.filter((e) => e.type === 'job.opened')).toHaveLength(1_000);
  });

  it('number 100,000 envelopes without a repeat, however a number is typed', () => {
    const shop = shopOf(100_000);
    const keys = new Set<string>();
    for (let i = 0; i < shop.jobs; i++) keys.add(envelopeKey(planJob(shop, i).envelopeNumber));
    expect(keys.size).toBe(100_000);
  });

  it('are the same for the same shop, whichever slices it is made in; another seed differs', () => {
    const shop = shopOf(300);
    const whole = bigShopEvents(shop);
    const sliced = [...bigShopEvents(shop, 0, 120), ...bigShopEvents(shop, 120, 300)];
    expect(sliced).toEqual(whole);
    expect(bigShopEvents(shop)).toEqual(whole);
    expect(bigShopEvents(shopOf(300, 2)).map((e) => e.id)).not.toEqual(whole.map((e) => e.id));
  });

  it('have names no other name word begins, so one search finds only its own customers', () => {
    const words = [...FIRST_NAMES, ...LAST_NAMES].map(foldText);
    expect(new Set(words).size).toBe(words.length);
    for (const a of words) {
      for (const b of words) if (a !== b) expect(b.startsWith(a), `${a} begins ${b}`).toBe(false);
    }
  });
});

describe('the big shop’s counts', () => {
  it('are what its folded rows give, with every tab holding jobs at 1,000 jobs', () => {
    const shop = shopOf(1_000);
    const today = bigShopToday(shop);
    const jobs = foldedRows(bigShopEvents(shop)).job;
    const live = jobs.filter((j) => j.voided === null);
    const open = live.filter((j) => OPEN_STATUSES.includes(j.status));
    const withStatus = (s: string) => live.filter((j) => j.status === s).length;
    const counts = bigShopCounts(shop);
    expect(counts).toEqual({
      allOpen: live.filter((j) => j.status !== 'collected').length,
      dueToday: open.filter((j) => j.promisedDate === today).length,
      late: open.filter((j) => j.promisedDate < today).length,
      received: withStatus('received'),
      inProgress: withStatus('in_progress'),
      qc: withStatus('qc'),
      onHold: withStatus('on_hold'),
      ready: withStatus('ready'),
      collected: withStatus('collected'),
      voided: jobs.length - live.length,
    });
    for (const [tab, count] of Object.entries(counts)) expect(count, tab).toBeGreaterThan(0);
    // A year of a shop: most pieces have gone home.
    expect(counts.collected / shop.jobs).toBeGreaterThan(0.8);
    // And the plans say what the folds make, job by job.
    for (const job of jobs.slice(0, 200)) {
      const plan = planJob(shop, jobs.indexOf(job));
      expect([job.id, job.status, job.promisedDate, job.rush]).toEqual([
        plan.jobId,
        plan.status,
        plan.promisedDate,
        plan.rush,
      ]);
    }
  });
});

describe('seeding the big shop', () => {
  async function tables(db: ReturnType<typeof freshDb>) {
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const out: Record<string, unknown[]> = {
      events: (await db.events.toArray()).sort(byId),
      outbox: await db.outbox.toArray(),
    };
    for (const kind of STREAM_KINDS) {
      out[kind] = (await STREAMS[kind].table(db).toArray()).sort(byId);
    }
    return out;
  }

  it('leaves the rows applyEvents leaves for the same events, in chunks, without a re-fold', async () => {
    const shop = shopOf(150);
    const events: StoredEvent[] = bigShopEvents(shop).sort((a, b) => (a.at < b.at ? -1 : 1));

    const applied = freshDb();
    // As a pull brings them: interleaved across jobs, a page at a time.
    for (let i = 0; i < events.length; i += 100) {
      await applyEvents(applied, events.slice(i, i + 100), { local: false });
    }
    const seeded = freshDb();
    const progress: number[] = [];
    await seedBigShop(seeded, shop, {
      chunkJobs: 40,
      onProgress: (n) => progress.push(n),
    });

    const want = await tables(applied);
    expect(want.job).toHaveLength(150);
    expect(want.shop).toHaveLength(1);
    expect(await tables(seeded)).toEqual(want);
    expect(progress).toEqual([40, 80, 120, 150]);
    // The app starts on it without folding every job again.
    expect(await seeded.meta.get(META_KEYS.projectionVersion)).toEqual({
      key: META_KEYS.projectionVersion,
      value: PROJECTION_VERSION,
    });
    // Rows carry the list's index fields: the tabs' indexes find them.
    const inShop = seeded.jobs.where('[inShop+rushRank+promisedDate+envelopeOrder]');
    expect(await inShop.between([1], [1, [], [], []]).count()).toBe(bigShopCounts(shop).allOpen);
  });
});
