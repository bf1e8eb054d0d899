// A tablet's envelope series end to end: numbered from its derived prefix until it pairs, then from
// the prefix the real server gave (at pairing, or asked for later), numbers given before kept.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  deviceId,
  jobsByEnvelope,
  LoupeDB,
  openJob,
  shopEnvelopePrefix,
  type OpenJobInput,
} from '../../src/db';
import { getPairing } from '../../src/db/syncState';
import { seriesPrefixFromDeviceId, SHOP_PREFIX_PATTERN } from '../../src/domain/envelopes';
import { createApiClient, SyncRequestError } from '../../src/sync/apiClient';
import {
  adoptPairing,
  ensureEnvelopePrefix,
  type EnvelopePrefixApi,
} from '../../src/sync/envelopePrefix';
import { openedData } from '../support/events';
import { runSql } from '../sync/support/storeData';
import { startTestServer, STORE_KINDS, type TestServer } from './startTestServer';
import { makeCode } from './syncHelpers';

const NO_BUILD = '/nonexistent-loupe-build';

let n = 0;
const dbName = () => `loupe-series-${Date.now()}-${n++}`;

function intake(): OpenJobInput {
  const { envelope: _e, services: _s, ...rest } = openedData();
  return {
    ...rest,
    services: [{ kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } }],
  };
}

/** POST /api/v1/envelope-prefix over real HTTP, as the tablet's sync asks it. */
function prefixApi(url: string, token: string): EnvelopePrefixApi & { calls: number } {
  const api = {
    calls: 0,
    async envelopePrefix() {
      api.calls++;
      const res = await fetch(`${url}/api/v1/envelope-prefix`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw new SyncRequestError(`answered ${res.status}`, res.status, 'http_error');
      return (await res.json()) as { envelopePrefix: string };
    },
  };
  return api;
}

// On both stores: the prefix is the store's to give, once, unique in the shop.
describe.each(STORE_KINDS)('on %s', (kind) => {
  describe('a tablet numbering envelopes before and after it pairs', () => {
    let server: TestServer;
    const dbs: LoupeDB[] = [];
    const open = (name: string) => {
      const db = new LoupeDB(name);
      dbs.push(db);
      return db;
    };

    beforeEach(async () => {
      server = await startTestServer(NO_BUILD, { store: kind });
    });
    afterEach(async () => {
      for (const db of dbs.splice(0)) {
        db.close();
        await db.delete();
      }
      await server.close();
    });

    it('numbers new jobs from the prefix given at pairing; jobs before keep their numbers', async () => {
      const name = dbName();
      const db = open(name);
      const derived = seriesPrefixFromDeviceId(await deviceId(db));
      const first = await openJob(db, intake(), 'staff-mia');
      const second = await openJob(db, intake(), 'staff-mia');
      expect([first.envelopeNumber, second.envelopeNumber]).toEqual([
        `${derived}-0001`,
        `${derived}-0002`,
      ]);

      const answer = await createApiClient({ serverUrl: server.url }).pair(
        await makeCode(server.data),
      );
      const given = answer.envelopePrefix ?? '';
      expect(given).toMatch(SHOP_PREFIX_PATTERN);
      await adoptPairing(db, server.url, answer);
      expect(await getPairing(db)).toMatchObject({ serverDeviceId: answer.deviceId });
      expect(await shopEnvelopePrefix(db)).toBe(given);

      // The count goes on under the new prefix: this tablet never makes one number twice.
      const third = await openJob(db, intake(), 'staff-mia');
      expect(third.envelopeNumber).toBe(`${given}-0003`);
      // The envelopes already in the shop are still found by what is written on them.
      expect((await jobsByEnvelope(db, first.envelopeNumber)).map((j) => j.id)).toEqual([
        first.jobId,
      ]);
      expect((await db.jobs.get(second.jobId))?.envelopeNumber).toBe(`${derived}-0002`);

      // After a reload, too.
      db.close();
      const again = open(name);
      expect((await openJob(again, intake(), 'staff-mia')).envelopeNumber).toBe(`${given}-0004`);
    });

    it('keeps its derived prefix when an older server gives none, and asks for one during sync', async () => {
      const db = open(dbName());
      const answer = await createApiClient({ serverUrl: server.url }).pair(
        await makeCode(server.data),
      );
      // As a server from before this change paired it: no prefix in the answer, none on record
      // (on PostgreSQL: a shop moved there from such a server, its devices copied as they were).
      await runSql(server.data, 'UPDATE devices SET envelope_prefix = NULL');
      const { envelopePrefix: _none, ...oldAnswer } = answer;
      await adoptPairing(db, server.url, oldAnswer);
      const derived = seriesPrefixFromDeviceId(await deviceId(db));
      const before = await openJob(db, intake(), 'staff-mia');
      expect(before.envelopeNumber).toBe(`${derived}-0001`);

      const api = prefixApi(server.url, answer.token);
      const given = await ensureEnvelopePrefix(db, api);
      expect(given).toMatch(SHOP_PREFIX_PATTERN);
      expect((await openJob(db, intake(), 'staff-mia')).envelopeNumber).toBe(`${given ?? ''}-0002`);
      expect((await db.jobs.get(before.jobId))?.envelopeNumber).toBe(`${derived}-0001`);

      // Once it has one it never asks again.
      expect(await ensureEnvelopePrefix(db, api)).toBe(given);
      expect(api.calls).toBe(1);
    });

    it('goes on with its derived prefix, without failing, when the server cannot give one', async () => {
      const db = open(dbName());
      const derived = seriesPrefixFromDeviceId(await deviceId(db));
      const oldServer: EnvelopePrefixApi = {
        envelopePrefix: () =>
          Promise.reject(new SyncRequestError('No API route', 404, 'not_found')),
      };
      expect(await ensureEnvelopePrefix(db, oldServer)).toBeNull();
      const offline: EnvelopePrefixApi = {
        envelopePrefix: () =>
          Promise.reject(new SyncRequestError('could not be reached', 0, 'unreachable')),
      };
      expect(await ensureEnvelopePrefix(db, offline)).toBeNull();
      expect((await openJob(db, intake(), 'staff-mia')).envelopeNumber).toBe(`${derived}-0001`);
    });

    it('lets a refused token show as the sync error it is', async () => {
      const db = open(dbName());
      const api = prefixApi(server.url, 'A'.repeat(43));
      await expect(ensureEnvelopePrefix(db, api)).rejects.toMatchObject({ status: 401 });
      expect(await shopEnvelopePrefix(db)).toBeNull();
    });

    it('never stores a prefix of the wrong shape', async () => {
      const db = open(dbName());
      const wrong: EnvelopePrefixApi = {
        envelopePrefix: () => Promise.resolve({ envelopePrefix: 'K7' }),
      };
      await expect(ensureEnvelopePrefix(db, wrong)).rejects.toThrow();
      expect(await shopEnvelopePrefix(db)).toBeNull();
    });
  });
});
