// A chain's shops kept apart on one server: each route, given one shop's token, reads and writes
// that shop's events, photos, history and tablets only, on both stores.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingPhotosResponseSchema } from '../../src/protocol/sync';
import { issuePairingCode } from '../../src/server/auth/pairing';
import { runPair } from '../../src/server/cli/pair';
import { event, openedEvent } from '../support/events';
import { startTestServer, STORE_KINDS, type TestServer } from './startTestServer';
import { client, notes, postJson, withSideStore } from './syncHelpers';

const NO_BUILD = '/nonexistent-loupe-build';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(STORE_KINDS)('two shops on one server (%s)', (kind) => {
  let server: TestServer;
  let rose: ReturnType<typeof client>;
  let lind: ReturnType<typeof client>;
  let roseDevice: string;
  let lindDevice: string;
  const tokens = { rose: '', lind: '' };

  const missingFor = async (token: string) =>
    missingPhotosResponseSchema.parse(
      await (
        await fetch(`${server.url}/api/v1/photos/missing`, {
          headers: { Authorization: `Bearer ${token}` },
        })
      ).json(),
    ).photos;

  /** Pairs a tablet into the named shop, as `npm run pair -- --shop NAME` and the tablet do. */
  async function pairInto(shop: string): Promise<{ token: string; deviceId: string }> {
    const code = await withSideStore(server.data, async (store) => {
      const config = { port: 0, host: '127.0.0.1', dataDir: server.dataDir, staticDir: NO_BUILD };
      return (await runPair(store, config, { shop })).code;
    });
    const res = await postJson(`${server.url}/api/v1/pair`, { code });
    expect(res.status).toBe(200);
    return (await res.json()) as { token: string; deviceId: string };
  }

  beforeAll(async () => {
    server = await startTestServer(NO_BUILD, { store: kind });
    await withSideStore(server.data, async (store) => {
      const [first] = await store.listShops();
      await store.renameShop(first?.id ?? '', 'Atelier Rose');
      await store.addShop('Lindqvist Goldsmiths', Date.now());
    });
    const a = await pairInto('atelier rose');
    const b = await pairInto('Lindqvist Goldsmiths');
    rose = client(server.url, a.token);
    lind = client(server.url, b.token);
    roseDevice = a.deviceId;
    lindDevice = b.deviceId;
    tokens.rose = a.token;
    tokens.lind = b.token;
  });
  afterAll(async () => {
    await server.close();
  });

  it('pairs each tablet into its own shop, with seqs counted per shop', async () => {
    expect((await rose.pushOk(notes(3))).cursor).toBe(3);
    expect((await lind.pushOk(notes(2))).cursor).toBe(2);
    await withSideStore(server.data, async (store) => {
      const shops = await store.listShops();
      const byName = new Map(shops.map((s) => [s.name, s.id]));
      const roseShop = store.shop(byName.get('Atelier Rose') ?? '');
      const lindShop = store.shop(byName.get('Lindqvist Goldsmiths') ?? '');
      expect((await roseShop.listDevices()).map((d) => d.id)).toEqual([roseDevice]);
      expect((await lindShop.listDevices()).map((d) => d.id)).toEqual([lindDevice]);
      // A shop's command cannot unpair another shop's tablet.
      expect(await lindShop.revokeDevice(roseDevice, Date.now())).toBe('unknown');
    });
    expect((await rose.pullOk(0)).events).toHaveLength(3);
  });

  it("never shows one shop's events to another, by pull, history check or a stream", async () => {
    const secret = notes(1, 'Diamond reset for the mayor');
    await rose.pushOk(secret);
    const lindEvents = (await lind.pullAll(100)).pages.flatMap((p) => p.events);
    expect(lindEvents.some((e) => e.id === secret[0]?.id)).toBe(false);
    const roseEvents = (await rose.pullAll(100)).pages.flatMap((p) => p.events);
    const secretSeq = roseEvents.find((e) => e.id === secret[0]?.id)?.seq ?? 0;
    // Asking whether Lindqvist's log holds Rose's event at Rose's seq: it does not.
    const pulled = await lind.pull(`?after=${secretSeq}&seen=${secret[0]?.id ?? ''}`);
    expect(pulled.status).toBe(200);
    expect(((await pulled.json()) as { diverged?: boolean }).diverged).toBe(true);
    const page = await rose.pullOk(0);
    const lindPage = await lind.pullOk(0);
    expect(page.history).not.toBe(lindPage.history);
  });

  it("starts a new history for the reporting shop only, however its report names another's event", async () => {
    const [roseEvent] = notes(1, 'Rose only');
    if (!roseEvent) throw new Error('no event');
    await rose.pushOk([roseEvent]);
    const roseSeq =
      (await rose.pullAll(100)).pages.flatMap((p) => p.events).find((e) => e.id === roseEvent.id)
        ?.seq ?? 0;
    const before = { rose: (await rose.pullOk(0)).history, lind: (await lind.pullOk(0)).history };
    // Rose's own report of its own event: its log holds it there, so nothing diverged.
    const own = await postJson(
      `${server.url}/api/v1/history/diverged`,
      { seq: roseSeq, id: roseEvent.id, history: before.rose },
      tokens.rose,
    );
    expect(await own.json()).toMatchObject({ diverged: false, rotated: false });
    // Lindqvist's tablet names Rose's event: Lindqvist's own log is checked, and only its history moves.
    const res = await postJson(
      `${server.url}/api/v1/history/diverged`,
      { seq: roseSeq, id: roseEvent.id, history: before.lind },
      tokens.lind,
    );
    expect(await res.json()).toMatchObject({ diverged: true, rotated: true });
    expect((await rose.pullOk(0)).history).toBe(before.rose);
    expect((await lind.pullOk(0)).history).not.toBe(before.lind);
  });

  it('takes an event id another shop has as new: neither shop can block or probe the other', async () => {
    const [shared] = notes(1, 'Same id in two shops');
    if (!shared) throw new Error('no event');
    expect((await rose.pushOk([shared])).accepted).toBe(1);
    const other = { ...shared, data: { text: 'Not the same note' } };
    expect(await lind.pushOk([other])).toMatchObject({ accepted: 1, duplicates: 0 });
    const roseCopy = (await rose.pullAll(100)).pages
      .flatMap((p) => p.events)
      .find((e) => e.id === shared.id);
    expect(roseCopy?.data).toEqual(shared.data);
  });

  it("keeps one shop's photos from another: HEAD, GET, the missing list and a second upload", async () => {
    const photo = randomBytes(5_000);
    const hash = sha256(photo);
    const { opened, jobId } = openedEvent();
    const added = event(jobId, 'photo.added', {
      sha256: hash,
      thumbnailSha256: hash,
      tag: 'before',
      mimeType: 'image/jpeg',
      bytes: photo.length,
      width: 4,
      height: 3,
    });
    await rose.pushOk([opened, added]);
    const put = (api: ReturnType<typeof client>, body: BodyInit) =>
      api.blob(hash, {
        method: 'PUT',
        body,
        headers: { 'Content-Type': 'application/octet-stream' },
      });
    expect((await put(rose, photo)).status).toBe(201);
    expect((await rose.blob(hash)).status).toBe(200);

    // Lindqvist's tablet asks for Rose's photo by its hash: it is not there for it.
    expect((await lind.blob(hash, { method: 'HEAD' })).status).toBe(404);
    expect((await lind.blob(hash)).status).toBe(404);
    // Bytes that are not the photo do not get it either; the real bytes show it has them (201,
    // as for a first upload: whether another shop holds them is not for it to learn).
    const wrong = randomBytes(5_000);
    expect((await put(lind, wrong)).status).toBe(422);
    expect((await lind.blob(hash)).status).toBe(404);
    expect((await put(lind, photo)).status).toBe(201);
    expect((await lind.blob(hash)).status).toBe(200);
    expect((await put(rose, photo)).status).toBe(200);
  });

  it("lists as missing only the photos the shop's own events name", async () => {
    const hash = sha256(randomBytes(100));
    const { opened, jobId } = openedEvent();
    const added = event(jobId, 'photo.added', {
      sha256: hash,
      thumbnailSha256: hash,
      tag: 'before',
      mimeType: 'image/jpeg',
      bytes: 100,
      width: 4,
      height: 3,
    });
    await lind.pushOk([opened, added]);
    expect(await missingFor(tokens.lind)).toContain(hash);
    expect(await missingFor(tokens.rose)).not.toContain(hash);
  });

  it('gives envelope series unique in each shop, and a code pairs into its own shop only', async () => {
    await withSideStore(server.data, async (store) => {
      const lindId = (await store.shopByName('Lindqvist Goldsmiths'))?.id ?? '';
      const { code } = await issuePairingCode(store.shop(lindId), { now: Date.now() });
      const res = await postJson(`${server.url}/api/v1/pair`, { code });
      const paired = (await res.json()) as { deviceId: string };
      const device = (await store.shop(lindId).listDevices()).find((d) => d.id === paired.deviceId);
      expect(device?.shopId).toBe(lindId);
      const roseId = (await store.shopByName('Atelier Rose'))?.id ?? '';
      expect((await store.shop(roseId).listDevices()).some((d) => d.id === paired.deviceId)).toBe(
        false,
      );
    });
  });
});
