// A notice being sent by one server process is not taken for one cut off by a restart in another
// process on the same data: only a `sending` notice older than its lease is settled as cut off.
import { afterEach, describe, expect, it } from 'vitest';
import { newUlid } from '../../src/domain/ids';
import { SEND_LEASE_MS } from '../../src/server/notify/readyNotices';
import { startTestServer, STORE_KINDS, TestClock, type TestServer } from './startTestServer';
import { client, notes, pairDevice, withShopStore } from './syncHelpers';

const NO_BUILD = '/nonexistent-loupe-build';

describe.each(STORE_KINDS)('the send lease (%s)', (kind) => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('leaves a notice another process is sending, and settles it once its lease has run out', async () => {
    const clock = new TestClock();
    server = await startTestServer(NO_BUILD, { store: kind, now: clock.now });
    const trigger = { triggerEventId: newUlid(clock.ms), jobId: newUlid(clock.ms) };
    // Another server process has just claimed it and is talking to the mail server.
    const stateOf = () =>
      withShopStore(server?.data ?? '', async (shop) => {
        const [sending] = await shop.noticesIn('sending');
        const [gaveUp] = await shop.noticesIn('gave_up');
        return sending ? 'sending' : gaveUp ? 'gave_up' : 'none';
      });
    await withShopStore(server.data, async (shop) => {
      await shop.queueNotices([trigger], 0, clock.ms);
      expect(await shop.claimNotice(trigger.triggerEventId, clock.ms)).toBe(1);
    });
    const api = client(server.url, (await pairDevice(server)).token);

    clock.advance(SEND_LEASE_MS - 1000);
    await api.pushOk(notes(1));
    await server.notices.whenIdle();
    expect(await stateOf()).toBe('sending');

    clock.advance(2000);
    await api.pushOk(notes(1));
    await server.notices.whenIdle();
    expect(await stateOf()).toBe('gave_up');
    const job = (await api.pullAll(100)).pages
      .flatMap((p) => p.events)
      .filter((e) => e.jobId === trigger.jobId);
    expect(job.map((e) => [e.type, e.data.status])).toEqual([['notice.recorded', 'failed']]);
  });
});
