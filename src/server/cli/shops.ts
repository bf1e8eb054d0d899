// `npm run shops`: the shops of a business (list, add, rename) and the head office's manager logins.
// Runs beside the server, on the same data: the SQLite file under DATA_DIR, or DATABASE_URL's.
import { hashManagerPassword, newManagerPassword } from '../office/passwords';
import { StoreInputError } from '../store/names';
import type { ShopRecord, Store } from '../store/store';
import { formatLocalTime, runAsScript, runOnStore, type CommandOutput } from './common';
import { tabletBaseUrl } from './pair';
import { ADD_SHOP_HINT, resolveShop } from './shopArg';

const USAGE = [
  'Usage:',
  '  npm run shops                              list the shops, their ids and paired tablets',
  '  npm run shops -- add NAME                  add a shop',
  '  npm run shops -- rename OLD NEW            rename a shop (its tablets keep syncing)',
  '  npm run shops -- managers                  list the head-office managers',
  '  npm run shops -- manager NAME              add a manager, or give one a new password',
  '  npm run shops -- manager --disable NAME    stop a manager logging in',
  'Put a name with spaces in quotes: npm run shops -- add "Atelier Rose"',
].join('\n');

export type ShopsOutput = CommandOutput;

export interface ShopsOptions {
  now?: number;
  /** Where the head office opens (`…/office`), as a new manager is told. */
  officeUrl?: string;
}

const usage = (problem?: string): ShopsOutput => ({
  exitCode: 2,
  text: problem ? `${problem}\n\n${USAGE}` : USAGE,
});

/** One name as the only argument left, or the usage saying what went wrong. */
function oneName(what: string, args: readonly string[]): string | ShopsOutput {
  if (args.length === 0) return usage(`${what} needs a name.`);
  if (args.length > 1) {
    return usage(`${what} takes one name; got ${args.length} words (${args.join(' ')}).`);
  }
  return args[0] ?? '';
}

async function listShops(store: Store): Promise<ShopsOutput> {
  const shops = await store.listShops();
  if (shops.length === 0) {
    return { exitCode: 0, text: `No shops yet. Add one with: ${ADD_SHOP_HINT}` };
  }
  const rows = await Promise.all(
    shops.map(async (shop) => {
      const devices = await store.shop(shop.id).listDevices();
      return { shop, tablets: devices.filter((d) => d.revokedAt === null).length };
    }),
  );
  const width = Math.max(4, ...shops.map((s) => s.name.length));
  const lines = [
    `${'Shop'.padEnd(width)}  ${'Id'.padEnd(16)}  Tablets  Added`,
    ...rows.map(
      ({ shop, tablets }) =>
        `${shop.name.padEnd(width)}  ${shop.id}  ${String(tablets).padStart(7)}  ` +
        formatLocalTime(shop.createdAt),
    ),
  ];
  return { exitCode: 0, text: lines.join('\n') };
}

const pairHint = (shop: ShopRecord) => `npm run pair -- --shop "${shop.name}"`;

async function addShop(store: Store, args: readonly string[], now: number): Promise<ShopsOutput> {
  const name = oneName('add', args);
  if (typeof name !== 'string') return name;
  const shop = await store.addShop(name, now);
  return {
    exitCode: 0,
    text: `Added shop "${shop.name}" (id ${shop.id}). Pair its first tablet with: ${pairHint(shop)}`,
  };
}

async function renameShop(store: Store, args: readonly string[]): Promise<ShopsOutput> {
  if (args.length !== 2) {
    return usage(`rename takes two names, the old and the new; got ${args.length}.`);
  }
  const [oldName = '', newName = ''] = args;
  const shop = await resolveShop(store, oldName);
  const renamed = await store.renameShop(shop.id, newName);
  return {
    exitCode: 0,
    text:
      `Renamed shop "${shop.name}" to "${renamed.name}". Its tablets keep syncing as before; ` +
      `pair new ones with: ${pairHint(renamed)}`,
  };
}

async function listManagers(store: Store): Promise<ShopsOutput> {
  const managers = await store.listManagers();
  if (managers.length === 0) {
    return {
      exitCode: 0,
      text: 'No managers yet. Add one with: npm run shops -- manager NAME',
    };
  }
  const width = Math.max(7, ...managers.map((m) => m.name.length));
  const lines = [
    `${'Manager'.padEnd(width)}  Added             Login`,
    ...managers.map(
      (m) =>
        `${m.name.padEnd(width)}  ${formatLocalTime(m.createdAt)}  ` +
        (m.disabledAt === null ? 'enabled' : `disabled ${formatLocalTime(m.disabledAt)}`),
    ),
  ];
  return { exitCode: 0, text: lines.join('\n') };
}

async function manager(
  store: Store,
  args: readonly string[],
  { now, officeUrl }: { now: number; officeUrl: string | undefined },
): Promise<ShopsOutput> {
  const disable = args[0] === '--disable';
  const name = oneName(disable ? 'manager --disable' : 'manager', disable ? args.slice(1) : args);
  if (typeof name !== 'string') return name;
  if (name.startsWith('-')) return usage(`Unknown option "${name}".`);
  if (disable) {
    const known = await store.managerByName(name);
    if (!known || !(await store.disableManager(name, now))) {
      return {
        exitCode: 1,
        text: `No manager is named "${name}". "npm run shops -- managers" lists them.`,
      };
    }
    if (known.disabledAt !== null) {
      return {
        exitCode: 0,
        text: `Manager "${known.name}" was already disabled on ${formatLocalTime(known.disabledAt)}.`,
      };
    }
    return {
      exitCode: 0,
      text:
        `Manager "${known.name}" can no longer log in, and is logged out everywhere. ` +
        `npm run shops -- manager "${known.name}" enables them again with a new password.`,
    };
  }
  const existing = await store.managerByName(name);
  const password = newManagerPassword();
  const record = await store.setManager(name, await hashManagerPassword(password), now);
  const where = officeUrl ?? '/office on the server';
  return {
    exitCode: 0,
    text: [
      existing
        ? `New password for manager "${record.name}" (the old one no longer works, and every ` +
          'session it opened is ended):'
        : `Added manager "${record.name}". Their password:`,
      '',
      `  ${password}`,
      '',
      'It is shown only this once: give it to them now. The server keeps only a hash of it; if it ' +
        'is lost, run this command again for a new one.',
      `They open ${where} and log in as "${record.name}" with it.`,
    ].join('\n'),
  };
}

export async function runShops(
  store: Store,
  args: readonly string[],
  { now = Date.now(), officeUrl }: ShopsOptions = {},
): Promise<ShopsOutput> {
  const [command = 'list', ...rest] = args;
  try {
    switch (command) {
      case 'list':
        return rest.length === 0 ? await listShops(store) : usage('list takes no arguments.');
      case 'add':
        return await addShop(store, rest, now);
      case 'rename':
        return await renameShop(store, rest);
      case 'managers':
        return rest.length === 0
          ? await listManagers(store)
          : usage('managers takes no arguments.');
      case 'manager':
        return await manager(store, rest, { now, officeUrl });
      case '--help':
      case '-h':
      case 'help':
        return { exitCode: 0, text: USAGE };
      default:
        return usage(`Unknown command "${command}".`);
    }
  } catch (err) {
    // A name taken, unknown or malformed: said to the person who typed it, not a stack trace.
    if (err instanceof StoreInputError) return { exitCode: 1, text: err.message };
    throw err;
  }
}

runAsScript(import.meta.url, () =>
  runOnStore((store, config) =>
    runShops(store, process.argv.slice(2), { officeUrl: `${tabletBaseUrl(config).url}/office` }),
  ),
);
