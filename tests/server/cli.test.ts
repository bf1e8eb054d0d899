// `npm run pair` and `npm run unpair`: their core functions against a running server's data, and
// one real run of the pair script as a shop owner would start it.
import { execFile } from 'node:child_process';
import type { NetworkInterfaceInfo } from 'node:os';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAIRING_CODE_PATTERN, pairResponseSchema } from '../../src/protocol/sync';
import { PAIRING_CODE_TTL_MS } from '../../src/server/auth/pairing';
import { formatLocalTime } from '../../src/server/cli/common';
import { parsePairArgs, runPair, tabletBaseUrl } from '../../src/server/cli/pair';
import { runUnpair } from '../../src/server/cli/unpair';
import type { ServerConfig } from '../../src/server/config';
import { startTestServer, type TestServer } from './startTestServer';
import { client, errorOf, pairDevice, postJson, withSideStore } from './syncHelpers';

const NO_BUILD = '/nonexistent-loupe-build';
const run = promisify(execFile);

const config = (over: Partial<ServerConfig> = {}): ServerConfig => ({
  port: 8080,
  host: '127.0.0.1',
  dataDir: '/unused',
  staticDir: '/unused',
  ...over,
});

const nic = (address: string, family: 'IPv4' | 'IPv6', internal: boolean) =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null }) as NetworkInterfaceInfo;
const INTERFACES = {
  lo: [nic('127.0.0.1', 'IPv4', true)],
  eth0: [nic('fe80::1', 'IPv6', false), nic('192.168.1.20', 'IPv4', false)],
};

describe('tabletBaseUrl', () => {
  it.each<[string, Partial<ServerConfig>, string, string | null]>([
    ['PUBLIC_URL wins', { publicUrl: 'https://loupe.local' }, 'https://loupe.local', null],
    [
      'HOST=0.0.0.0 names the LAN address',
      { host: '0.0.0.0', tls: { cert: 'c', key: 'k' } },
      'https://192.168.1.20:8080',
      'set PUBLIC_URL',
    ],
    [
      'a named host over HTTPS',
      { host: '192.168.1.20', port: 8443, tls: { cert: 'c', key: 'k' } },
      'https://192.168.1.20:8443',
      null,
    ],
    [
      'plain HTTP on the LAN warns',
      { host: '192.168.1.20' },
      'http://192.168.1.20:8080',
      'only over HTTPS',
    ],
    [
      'loopback warns that tablets cannot reach it',
      {},
      'http://127.0.0.1:8080',
      'a tablet cannot reach it',
    ],
  ])('%s', (_what, over, url, note) => {
    const result = tabletBaseUrl(config(over), INTERFACES);
    expect(result.url).toBe(url);
    if (note === null) expect(result.notes).toEqual([]);
    else expect(result.notes.join(' ')).toContain(note);
  });
});

describe('parsePairArgs', () => {
  it('reads --name in both spellings', () => {
    expect(parsePairArgs([])).toEqual({ name: null, shop: null });
    expect(parsePairArgs(['--name', 'Casting room'])).toEqual({ name: 'Casting room', shop: null });
    expect(parsePairArgs(['--name=Front counter', '--shop', 'Atelier Rose'])).toEqual({
      name: 'Front counter',
      shop: 'Atelier Rose',
    });
  });

  it('refuses what it does not know, with the usage', () => {
    expect(() => parsePairArgs(['--nme', 'x'])).toThrow(
      'Unknown argument "--nme". Usage: npm run pair',
    );
    expect(() => parsePairArgs(['--name'])).toThrow('--name needs a name');
  });
});

describe('pair and unpair beside a running server', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer(NO_BUILD);
  });
  afterEach(async () => {
    await server.close();
  });

  it('runPair prints a code, its expiry and a QR code of the link, and the code pairs', async () => {
    const now = Date.now();
    const out = await withSideStore(server.dataDir, (store) =>
      runPair(store, config({ publicUrl: 'https://loupe.local:8080' }), { now, name: 'Bench 3' }),
    );
    expect(out.code).toMatch(PAIRING_CODE_PATTERN);
    expect(out.expiresAt).toBe(now + PAIRING_CODE_TTL_MS);
    expect(out.link).toBe(`https://loupe.local:8080/settings?pair=${out.code}`);
    expect(out.text).toContain(`Pairing code: ${out.code}`);
    expect(out.text).toContain(`until ${formatLocalTime(out.expiresAt)} (10 minutes)`);
    expect(out.text).toContain('(as "Bench 3")');
    expect(out.text).toContain(`Link: ${out.link}`);
    expect(out.text).toMatch(/[▀▄█]{20}/); // the QR code

    const res = await postJson(`${server.url}/api/v1/pair`, { code: out.code });
    expect(res.status).toBe(200);
    const { deviceId } = pairResponseSchema.parse(await res.json());
    const listed = await withSideStore(server.dataDir, (store) => runUnpair(store, ['--list']));
    expect(listed.text).toContain(deviceId);
    expect(listed.text).toContain('Bench 3');
    expect(listed.text).toContain('never synced');
  });

  it('unpair revokes one tablet: its token gets 401 at once, the server keeps running', async () => {
    const { deviceId, token } = await pairDevice(server);
    const api = client(server.url, token);
    expect((await api.pull('?after=0')).status).toBe(200);

    const out = await withSideStore(server.dataDir, (store) => runUnpair(store, [deviceId]));
    expect(out.exitCode).toBe(0);
    expect(out.text).toContain(`Unpaired tablet ${deviceId}`);
    const refused = await api.pull('?after=0');
    expect(refused.status).toBe(401);
    expect((await errorOf(refused)).code).toBe('unauthorized');

    const again = await withSideStore(server.dataDir, (store) => runUnpair(store, [deviceId]));
    expect(again).toMatchObject({ exitCode: 0 });
    expect(again.text).toContain('was already unpaired');
    const listed = await withSideStore(server.dataDir, (store) => runUnpair(store, ['--list']));
    expect(listed.text).toMatch(/last seen \d{4}-\d\d-\d\d \d\d:\d\d\s+unpaired/);
  });

  it('unpair says so when no tablet has the id, and prints usage without one', async () => {
    const unknown = await withSideStore(server.dataDir, (s) => runUnpair(s, ['0123456789abcdef']));
    expect(unknown.exitCode).toBe(1);
    expect(unknown.text).toContain('No tablet has the id "0123456789abcdef"');
    const none = await withSideStore(server.dataDir, (s) => runUnpair(s, []));
    expect(none.exitCode).toBe(2);
    expect(none.text).toContain('npm run unpair -- --list');
    const empty = await withSideStore(server.dataDir, (s) => runUnpair(s, ['--list']));
    expect(empty.text).toBe('No tablets are paired yet. Pair one with "npm run pair".');
  });

  it('the pair script, run with tsx on the same DATA_DIR, prints a code that pairs', async () => {
    const { stdout } = await run('npx', ['tsx', 'src/server/cli/pair.ts', '--name', 'Spawned'], {
      env: { ...process.env, DATA_DIR: server.dataDir, PORT: new URL(server.url).port },
      timeout: 30_000,
    });
    const code = /Pairing code: (\S+)/.exec(stdout)?.[1] ?? '';
    expect(code).toMatch(PAIRING_CODE_PATTERN);
    expect(stdout).toContain(`${server.url}/settings?pair=${code}`);
    const res = await postJson(`${server.url}/api/v1/pair`, { code });
    expect(res.status).toBe(200);
  }, 30_000);
});
