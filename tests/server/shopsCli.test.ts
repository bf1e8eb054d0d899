// `npm run shops` and `--shop NAME`: shops listed, added and renamed, head-office managers given
// passwords and disabled, on a real SQLite store; and one real run of the script as an owner types it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issuePairingCode, redeemPairingCode } from '../../src/server/auth/pairing';
import { resolveShop, takeShopArg } from '../../src/server/cli/shopArg';
import { runShops } from '../../src/server/cli/shops';
import { checkManagerPassword } from '../../src/server/office/passwords';
import { StoreInputError } from '../../src/server/store/names';
import { FIRST_SHOP_NAME, openSqliteStore } from '../../src/server/store/sqliteStore';
import type { Store } from '../../src/server/store/store';

const run = promisify(execFile);
const PASSWORD_PATTERN = /^ {2}([a-z2-9]{5}(?:-[a-z2-9]{5}){3})$/m;

let dataDir: string;
let store: Store;
/** Later than the box's own shop was made: shops added at it list after that one. */
let NOW: number;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'loupe-shops-'));
  store = openSqliteStore(dataDir);
  NOW = Date.now() + 1000;
});
afterEach(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function pairTablet(shopId: string): Promise<string> {
  const { code } = await issuePairingCode(store.shop(shopId), { now: NOW });
  const paired = await redeemPairingCode(store, code, { now: NOW });
  if (!paired.ok) throw new Error(`pairing failed: ${paired.reason}`);
  return paired.device.id;
}

const passwordIn = (text: string) => PASSWORD_PATTERN.exec(text)?.[1] ?? '';

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof StoreInputError) return err.message;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('shops list, add and rename', () => {
  it("lists the box's own shop by default, then the ones added, oldest first", async () => {
    const first = await runShops(store, []);
    expect(first.exitCode).toBe(0);
    const [main] = await store.listShops();
    expect(first.text).toContain(FIRST_SHOP_NAME);
    expect(first.text).toContain(main?.id);

    const added = await runShops(store, ['add', '  Atelier   Rose '], { now: NOW });
    expect(added.exitCode).toBe(0);
    expect(added.text).toContain('Added shop "Atelier Rose"');
    expect(added.text).toContain('npm run pair -- --shop "Atelier Rose"');
    const rose = await store.shopByName('atelier rose');
    expect(rose).not.toBeNull();
    expect(added.text).toContain(rose?.id);

    const listed = await runShops(store, ['list']);
    const lines = listed.text.split('\n');
    expect(lines[0]).toMatch(/^Shop\s+Id\s+Tablets\s+Added$/);
    expect(lines[1]).toContain(FIRST_SHOP_NAME);
    expect(lines[2]).toMatch(/^Atelier Rose\s+[0-9a-f]{16}\s+0\s+\d{4}-\d\d-\d\d \d\d:\d\d$/);
  });

  it("counts each shop's paired tablets, not the unpaired ones", async () => {
    const rose = await store.addShop('Atelier Rose', NOW);
    const [main] = await store.listShops();
    await pairTablet(main?.id ?? '');
    const kept = await pairTablet(rose.id);
    const gone = await pairTablet(rose.id);
    await pairTablet(rose.id);
    expect(await store.shop(rose.id).revokeDevice(gone, NOW)).toBe('revoked');
    expect(kept).not.toBe(gone);

    const { text } = await runShops(store, []);
    const tabletsOf = (name: string) =>
      new RegExp(`^${name}\\s+[0-9a-f]{16}\\s+(\\d+)\\s`, 'm').exec(text)?.[1];
    expect(tabletsOf(FIRST_SHOP_NAME)).toBe('1');
    expect(tabletsOf('Atelier Rose')).toBe('2');
  });

  it('refuses a name another shop has, case aside, and names without a name, exit code 1', async () => {
    await runShops(store, ['add', 'Atelier Rose']);
    const taken = await runShops(store, ['add', 'ATELIER rose']);
    expect(taken.exitCode).toBe(1);
    expect(taken.text).toMatch(/^There is a shop named "atelier rose" already\.$/i);
    const long = await runShops(store, ['add', 'x'.repeat(61)]);
    expect(long.exitCode).toBe(1);
    expect(long.text).toContain("A shop's name is at most 60 characters");
    expect((await store.listShops()).map((s) => s.name)).toEqual([FIRST_SHOP_NAME, 'Atelier Rose']);
  });

  it('renames a shop found by its name case aside; its id and tablets stay', async () => {
    const [main] = await store.listShops();
    const tablet = await pairTablet(main?.id ?? '');
    const out = await runShops(store, ['rename', 'main SHOP', 'Rose Street']);
    expect(out.exitCode).toBe(0);
    expect(out.text).toContain(`Renamed shop "${FIRST_SHOP_NAME}" to "Rose Street"`);
    const renamed = await store.shopByName('rose street');
    expect(renamed?.id).toBe(main?.id);
    expect((await store.shop(main?.id ?? '').listDevices()).map((d) => d.id)).toEqual([tablet]);
    expect(await store.shopByName(FIRST_SHOP_NAME)).toBeNull();
  });

  it('refuses renaming an unknown shop with the shop names and how to add one', async () => {
    await store.addShop('Atelier Rose', NOW);
    const unknown = await runShops(store, ['rename', 'Rose Stret', 'Rose Street']);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.text).toBe(
      `No shop is named "Rose Stret". The shops are: "${FIRST_SHOP_NAME}", "Atelier Rose". ` +
        'To add one: npm run shops -- add NAME',
    );
    const taken = await runShops(store, ['rename', FIRST_SHOP_NAME, 'atelier ROSE']);
    expect(taken).toEqual({ exitCode: 1, text: 'There is a shop named "Atelier Rose" already.' });
    expect((await store.shopByName(FIRST_SHOP_NAME))?.name).toBe(FIRST_SHOP_NAME);
  });

  it.each<[string, string[], string]>([
    ['an unknown command', ['remove', 'x'], 'Unknown command "remove".'],
    ['add without a name', ['add'], 'add needs a name.'],
    ['a name with spaces not in quotes', ['add', 'Atelier', 'Rose'], 'add takes one name'],
    ['rename with one name', ['rename', 'Main shop'], 'rename takes two names'],
    ['list with an argument', ['list', 'all'], 'list takes no arguments.'],
    ['manager without a name', ['manager'], 'manager needs a name.'],
    ['an unknown option of manager', ['manager', '--enable'], 'Unknown option "--enable".'],
  ])('prints the usage, exit code 2, for %s', async (_what, args, problem) => {
    const out = await runShops(store, args);
    expect(out.exitCode).toBe(2);
    expect(out.text).toContain(problem);
    expect(out.text).toContain('npm run shops -- rename OLD NEW');
    expect((await store.listShops()).map((s) => s.name)).toEqual([FIRST_SHOP_NAME]);
  });

  it('prints the usage, exit code 0, when asked for it', async () => {
    const out = await runShops(store, ['--help']);
    expect(out.exitCode).toBe(0);
    expect(out.text).toContain('npm run shops -- manager --disable NAME');
  });
});

describe('head-office managers', () => {
  it('adds a manager with a generated password, shown once, that logs in', async () => {
    const out = await runShops(store, ['manager', 'Mia Berg'], {
      now: NOW,
      officeUrl: 'https://office.example/office',
    });
    expect(out.exitCode).toBe(0);
    expect(out.text).toContain('Added manager "Mia Berg"');
    expect(out.text).toContain('They open https://office.example/office and log in as "Mia Berg"');
    const password = passwordIn(out.text);
    expect(password).not.toBe('');
    const login = await store.managerByName('mia berg');
    expect(login?.passwordHash).not.toContain(password);
    expect(await checkManagerPassword(password, login?.passwordHash ?? '')).toBe(true);
  });

  it('gives a manager a new password: the old one stops working, their sessions end', async () => {
    const first = passwordIn((await runShops(store, ['manager', 'Mia'], { now: NOW })).text);
    const mia = await store.managerByName('Mia');
    await store.addManagerSession({
      tokenHash: 'a'.repeat(64),
      managerId: mia?.id ?? '',
      createdAt: NOW,
      expiresAt: NOW + 3_600_000,
    });
    const again = await runShops(store, ['manager', 'MIA'], { now: NOW + 1000 });
    expect(again.exitCode).toBe(0);
    expect(again.text).toContain('New password for manager "Mia"');
    const second = passwordIn(again.text);
    expect(second).not.toBe(first);
    const hash = (await store.managerByName('mia'))?.passwordHash ?? '';
    expect(await checkManagerPassword(second, hash)).toBe(true);
    expect(await checkManagerPassword(first, hash)).toBe(false);
    expect(await store.managerBySession('a'.repeat(64), NOW + 2000)).toBeNull();
    expect((await store.listManagers()).length).toBe(1);
  });

  it('lists managers, disables one (logged out), and a new password enables it again', async () => {
    expect((await runShops(store, ['managers'])).text).toBe(
      'No managers yet. Add one with: npm run shops -- manager NAME',
    );
    await runShops(store, ['manager', 'Mia'], { now: NOW });
    await runShops(store, ['manager', 'Jonas'], { now: NOW + 60_000 });
    const mia = await store.managerByName('Mia');
    await store.addManagerSession({
      tokenHash: 'b'.repeat(64),
      managerId: mia?.id ?? '',
      createdAt: NOW,
      expiresAt: NOW + 3_600_000,
    });
    const listed = (await runShops(store, ['managers'])).text.split('\n');
    expect(listed[0]).toMatch(/^Manager\s+Added\s+Login$/);
    expect(listed[1]).toMatch(/^Mia\s+\d{4}-\d\d-\d\d \d\d:\d\d {2}enabled$/);
    expect(listed[2]).toMatch(/^Jonas\s+\d{4}-\d\d-\d\d \d\d:\d\d {2}enabled$/);

    const disabled = await runShops(store, ['manager', '--disable', 'mia'], { now: NOW + 1000 });
    expect(disabled.exitCode).toBe(0);
    expect(disabled.text).toContain('Manager "Mia" can no longer log in');
    expect(await store.managerBySession('b'.repeat(64), NOW + 2000)).toBeNull();
    expect((await store.managerByName('mia'))?.disabledAt).toBe(NOW + 1000);
    expect((await runShops(store, ['managers'])).text).toMatch(
      /^Mia\s+\d{4}-\d\d-\d\d \d\d:\d\d {2}disabled \d{4}-\d\d-\d\d \d\d:\d\d$/m,
    );
    const twice = await runShops(store, ['manager', '--disable', 'Mia'], { now: NOW + 5000 });
    expect(twice.text).toContain('Manager "Mia" was already disabled on');
    expect((await store.managerByName('mia'))?.disabledAt).toBe(NOW + 1000);

    await runShops(store, ['manager', 'Mia'], { now: NOW + 9000 });
    expect((await store.managerByName('mia'))?.disabledAt).toBeNull();
  });

  it('refuses disabling a manager nobody has, exit code 1, and a bad name', async () => {
    const out = await runShops(store, ['manager', '--disable', 'Nobody']);
    expect(out).toEqual({
      exitCode: 1,
      text: 'No manager is named "Nobody". "npm run shops -- managers" lists them.',
    });
    const blank = await runShops(store, ['manager', '   ']);
    expect(blank).toEqual({ exitCode: 1, text: 'A manager needs a name.' });
    expect(await store.listManagers()).toEqual([]);
  });
});

describe('--shop NAME', () => {
  it('takes --shop NAME and --shop=NAME out of the arguments', () => {
    expect(takeShopArg([])).toEqual({ shop: null, rest: [] });
    expect(takeShopArg(['--name', 'Bench 3', '--shop', ' Atelier Rose '])).toEqual({
      shop: 'Atelier Rose',
      rest: ['--name', 'Bench 3'],
    });
    expect(takeShopArg(['--shop=Rose', 'x'])).toEqual({ shop: 'Rose', rest: ['x'] });
    expect(() => takeShopArg(['--shop'])).toThrow('--shop needs the name of a shop');
    expect(() => takeShopArg(['--shop', '--name', 'x'])).toThrow('--shop needs the name');
    expect(() => takeShopArg(['--shop=', 'x'])).toThrow('--shop needs the name');
    expect(() => takeShopArg(['--shop', 'a', '--shop', 'b'])).toThrow('Give --shop once');
  });

  it('picks the only shop without a name, and a named one case aside', async () => {
    const [main] = await store.listShops();
    expect(await resolveShop(store, null)).toEqual(main);
    expect(await resolveShop(store, '  MAIN   shop')).toEqual(main);
  });

  it('with several shops, asks which one; with a name nobody has, lists them', async () => {
    await store.addShop('Atelier Rose', NOW);
    expect(await refusal(resolveShop(store, null))).toBe(
      `There are 2 shops: "${FIRST_SHOP_NAME}", "Atelier Rose". Say which one with --shop NAME ` +
        `(e.g. --shop "${FIRST_SHOP_NAME}").`,
    );
    expect(await refusal(resolveShop(store, 'Rose'))).toBe(
      `No shop is named "Rose". The shops are: "${FIRST_SHOP_NAME}", "Atelier Rose". ` +
        'To add one: npm run shops -- add NAME',
    );
    expect((await resolveShop(store, 'atelier rose')).name).toBe('Atelier Rose');
  });
});

describe('the shops script', () => {
  it('run with tsx on DATA_DIR, adds and lists shops, and exits 1 on a refusal', async () => {
    await store.close();
    const env = {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      HOST: '127.0.0.1',
      PORT: '8080',
    };
    const tsx = (args: string[]) =>
      run('npx', ['tsx', 'src/server/cli/shops.ts', ...args], { env, timeout: 30_000 });
    const added = await tsx(['add', 'Atelier Rose']);
    expect(added.stdout).toContain('Added shop "Atelier Rose"');
    const listed = await tsx([]);
    expect(listed.stdout).toMatch(/^Atelier Rose\s+[0-9a-f]{16}\s+0\s/m);
    const refused = await tsx(['add', 'atelier rose']).then(
      () => null,
      (err: unknown) => err as { code: number; stderr: string },
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toMatch(/There is a shop named "atelier rose" already\./i);
    const manager = await tsx(['manager', 'Mia']);
    // The head office's address from HOST and PORT, as `npm run pair` gives the tablets theirs.
    expect(manager.stdout).toContain('They open http://127.0.0.1:8080/office');
    store = openSqliteStore(dataDir);
    expect((await store.listShops()).map((s) => s.name)).toEqual([FIRST_SHOP_NAME, 'Atelier Rose']);
  }, 60_000);
});
