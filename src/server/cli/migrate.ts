// `npm run migrate -- --to postgres://…`: moves one shop's history from the SQLite file under
// DATA_DIR into PostgreSQL, keeping its id, seqs, history id and tablets' tokens, so its tablets go
// on syncing with the PostgreSQL server without pairing again or sending anything twice.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readConfig, redactUrl } from '../config';
import { nameKey, shopNameProblem, StoreInputError } from '../store/names';
import { openStore } from '../store/openStore';
import { openSqliteStore, SQLITE_FILE_NAME } from '../store/sqliteStore';
import type { ExportedEvent, ShopRecord, Store } from '../store/store';
import { BLOBS_DIR_NAME } from '../store/blobStore';
import { runAsScript, type CommandOutput } from './common';
import { resolveShop, takeShopArg } from './shopArg';

const USAGE = [
  'Usage: npm run migrate -- --to postgres://USER:PASSWORD@HOST/DATABASE [--shop NAME] [--as NEW_NAME]',
  "  Copies one shop's history from the SQLite file under DATA_DIR into PostgreSQL.",
  '  --shop NAME     the shop to copy (needed when the SQLite file has several)',
  '  --as NEW_NAME   its name in PostgreSQL, when a shop there has its name already',
  'Stop the server on this data first: tablets keep what they do meanwhile and send it to the new',
  'server. The copy only reads the SQLite file: keep it as a backup of the shop.',
].join('\n');

/** Events read from SQLite and written to PostgreSQL at a time. */
export const MIGRATE_PAGE_SIZE = 1000;
/** A progress line each time this many more events are copied. */
export const PROGRESS_EVERY = 10_000;

export interface MigrateArgs {
  to: string;
  shop: string | null;
  as: string | null;
}

/** Bad arguments: the message and the usage, exit code 2. */
export class MigrateUsageError extends Error {
  override name = 'MigrateUsageError';
}

function valueOf(args: readonly string[], i: number, flag: string): string {
  const value = args[i]?.trim() ?? '';
  if (value === '' || value.startsWith('--')) {
    throw new MigrateUsageError(`${flag} needs a value.`);
  }
  return value;
}

export function parseMigrateArgs(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): MigrateArgs {
  let shopArgs;
  try {
    shopArgs = takeShopArg(args);
  } catch (err) {
    throw new MigrateUsageError(err instanceof Error ? err.message : String(err));
  }
  const { shop, rest } = shopArgs;
  let to: string | null = null;
  let as: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--to') to = valueOf(rest, ++i, '--to');
    else if (arg.startsWith('--to=')) to = valueOf([arg.slice('--to='.length)], 0, '--to');
    else if (arg === '--as') as = valueOf(rest, ++i, '--as');
    else if (arg.startsWith('--as=')) as = valueOf([arg.slice('--as='.length)], 0, '--as');
    else throw new MigrateUsageError(`Unknown argument "${arg}".`);
  }
  if (to === null) {
    const hint = env.DATABASE_URL?.trim() ? ' (DATABASE_URL is set: --to "$DATABASE_URL")' : '';
    throw new MigrateUsageError(
      `Say which PostgreSQL database to copy the shop into, with --to postgres://…${hint}.`,
    );
  }
  let url: URL | null;
  try {
    url = new URL(to);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')) {
    throw new MigrateUsageError(
      `--to must be a PostgreSQL address, postgres://USER:PASSWORD@HOST:5432/DATABASE; got ` +
        `"${redactUrl(to)}".`,
    );
  }
  if (as !== null) {
    const why = shopNameProblem(as);
    if (why) throw new MigrateUsageError(`--as: ${why}`);
  }
  return { to, shop, as };
}

export interface CopyReport {
  /** The shop as the target now has it (its name is --as's when given). */
  shop: ShopRecord;
  /** Its name in the SQLite file. */
  sourceName: string;
  events: number;
  lastSeq: number;
  history: string;
  tablets: number;
  unpairedTablets: number;
  blobsHeld: number;
  blobsWanted: number;
  notices: number;
}

export interface CopyOptions {
  shop: string | null;
  as: string | null;
  pageSize?: number;
  progressEvery?: number;
  /** Awaited: the copy goes on once the line is out. */
  onProgress?: (line: string) => void | Promise<void>;
}

/**
 * Copies one shop, everything of it, from `source` into `target` in one transaction on the
 * target: all of it or none. Refused (StoreInputError, nothing written) when the target has the
 * shop already, or a shop of its name.
 */
export async function copyShop(
  source: Store,
  target: Store,
  {
    shop: shopName,
    as,
    pageSize = MIGRATE_PAGE_SIZE,
    progressEvery = PROGRESS_EVERY,
    onProgress = () => undefined,
  }: CopyOptions,
): Promise<CopyReport> {
  const shop = await resolveShop(source, shopName);
  const from = source.shop(shop.id);
  const exported = await from.exportShop();
  const name = as ?? shop.name;

  // Said before anything is copied, with the way out: the store would refuse it too, later.
  const present = await target.listShops();
  const sameId = present.find((s) => s.id === shop.id);
  if (sameId) {
    throw new StoreInputError(
      `Shop "${shop.name}" (id ${shop.id}) is in ${target.location} already, as "${sameId.name}": ` +
        'it was moved before. Nothing was copied.',
    );
  }
  const sameName = present.find((s) => nameKey(s.name) === nameKey(name));
  if (sameName) {
    throw new StoreInputError(
      `${target.location} has a shop named "${sameName.name}" already (id ${sameName.id}). ` +
        'Nothing was copied. Copy this one under another name with --as NEW_NAME.',
    );
  }

  const total = await from.greatestSeq();
  const tablets = exported.devices.filter((d) => d.revokedAt === null).length;
  const blobsHeld = exported.blobs.filter((b) => b.arrivedAt !== null).length;
  await onProgress(
    `Copying shop "${shop.name}" (id ${shop.id}) into ${target.location}: ${total} events, ` +
      `${tablets} paired tablets, ${blobsHeld} photos and signatures.`,
  );

  let copied = 0;
  let lastSeq = 0;
  let nextReport = progressEvery;
  async function* pages(): AsyncGenerator<readonly ExportedEvent[]> {
    for (;;) {
      const page = await from.exportEvents(lastSeq, pageSize);
      if (page.length > 0) {
        yield page;
        copied += page.length;
        lastSeq = page.at(-1)?.seq ?? lastSeq;
        if (copied >= nextReport) {
          await onProgress(`  ${copied} / ${total} events copied`);
          nextReport = (Math.floor(copied / progressEvery) + 1) * progressEvery;
        }
      }
      if (page.length < pageSize) break;
    }
    // Checked before the target commits: thrown here, the copy is rolled back whole. A server
    // still running on the SQLite file would go on taking events (or pairing tablets) that the
    // copy lacks, and a tablet whose push it acknowledged would never send that push again.
    const [seqNow, historyNow, devicesNow] = await Promise.all([
      from.greatestSeq(),
      from.history(),
      from.listDevices(),
    ]);
    if (
      seqNow !== lastSeq ||
      historyNow !== exported.history ||
      devicesNow.length !== exported.devices.length
    ) {
      throw new StoreInputError(
        `Shop "${shop.name}" changed in ${source.location} while it was copied` +
          (seqNow !== lastSeq ? ` (${seqNow - lastSeq} new events)` : '') +
          ': a server is still running on it. Stop that server, then run this again. ' +
          'Nothing was copied.',
      );
    }
  }
  const imported = await target.importShop(
    { ...exported, shop: { ...exported.shop, name } },
    pages(),
  );

  // What the tablets rely on, read back from the target: the same seqs and the same history.
  const to = target.shop(shop.id);
  const [targetSeq, targetHistory] = await Promise.all([to.greatestSeq(), to.history()]);
  if (targetSeq !== lastSeq || targetHistory !== exported.history || imported.events !== copied) {
    throw new Error(
      `The copy in ${target.location} does not match: ${imported.events} events up to seq ` +
        `${targetSeq}, history ${targetHistory}; expected ${copied} up to ${lastSeq}, history ` +
        `${exported.history}.`,
    );
  }
  const moved = (await target.listShops()).find((s) => s.id === shop.id);
  if (!moved) throw new Error(`Shop ${shop.id} is not in ${target.location} after copying it.`);
  return {
    shop: moved,
    sourceName: shop.name,
    events: copied,
    lastSeq,
    history: exported.history,
    tablets,
    unpairedTablets: exported.devices.length - tablets,
    blobsHeld,
    blobsWanted: exported.blobs.length - blobsHeld,
    notices: exported.notices.length,
  };
}

export type MigrateOutput = CommandOutput;

export interface MigrateEnv {
  /** DATA_DIR: where the SQLite file and the photos are. */
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  onProgress?: (line: string) => void | Promise<void>;
  pageSize?: number;
  progressEvery?: number;
}

function report(r: CopyReport, dataDir: string, args: MigrateArgs, target: Store): string {
  const renamed = r.shop.name !== r.sourceName ? ` as "${r.shop.name}"` : '';
  const lines = [
    `Copied shop "${r.sourceName}"${renamed} (id ${r.shop.id}) into ${target.location}:`,
    `  ${r.events} events (seqs up to ${r.lastSeq}), history ${r.history}`,
    `  ${r.tablets} paired tablets (and ${r.unpairedTablets} unpaired), with their tokens`,
    `  ${r.blobsHeld} photos and signatures held, ${r.blobsWanted} still wanted from the tablets`,
    `  ${r.notices} customer notices`,
    '',
    'Next:',
    `  1. Keep the server on ${join(dataDir, SQLITE_FILE_NAME)} stopped: the shop now lives ` +
      'in PostgreSQL, and a server on the old file would take pushes the new one never sees.',
    `  2. Start the server on PostgreSQL, at the address the tablets know:`,
    `       DATABASE_URL="${redactUrl(args.to)}" DATA_DIR="${dataDir}" npm run serve`,
    ...(redactUrl(args.to) !== args.to ? ['     (with the password where *** stands)'] : []),
    `  3. The photos stay on disk under ${join(dataDir, BLOBS_DIR_NAME)}: the PostgreSQL ` +
      'server must use this DATA_DIR, or a copy of its blobs folder.',
    '  The tablets go on syncing with it as they are: no pairing again, nothing sent twice.',
    `  Pair new tablets with: npm run pair -- --shop "${r.shop.name}"`,
  ];
  return lines.join('\n');
}

/** The command as a shop owner runs it; opens both stores and closes them whatever happens. */
export async function runMigrate(
  args: readonly string[],
  { dataDir, env = process.env, onProgress, pageSize, progressEvery }: MigrateEnv,
): Promise<MigrateOutput> {
  let parsed: MigrateArgs;
  try {
    parsed = parseMigrateArgs(args, env);
  } catch (err) {
    if (err instanceof MigrateUsageError)
      return { exitCode: 2, text: `${err.message}\n\n${USAGE}` };
    throw err;
  }
  // Opening a missing file would make a fresh, empty one: there would be nothing to move.
  const file = join(dataDir, SQLITE_FILE_NAME);
  if (!existsSync(file)) {
    return {
      exitCode: 1,
      text: `There is no Loupe data in ${dataDir} (no ${SQLITE_FILE_NAME}). Set DATA_DIR to the folder the shop's server uses.`,
    };
  }
  const source = openSqliteStore(dataDir);
  try {
    let target: Store;
    try {
      target = await openStore({ dataDir, databaseUrl: parsed.to });
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return {
        exitCode: 1,
        text: why,
      };
    }
    try {
      const copied = await copyShop(source, target, {
        shop: parsed.shop,
        as: parsed.as,
        ...(onProgress ? { onProgress } : {}),
        ...(pageSize !== undefined ? { pageSize } : {}),
        ...(progressEvery !== undefined ? { progressEvery } : {}),
      });
      return { exitCode: 0, text: report(copied, dataDir, parsed, target) };
    } catch (err) {
      if (err instanceof StoreInputError) return { exitCode: 1, text: err.message };
      throw err;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

async function main(): Promise<void> {
  const { dataDir } = readConfig();
  const { exitCode, text } = await runMigrate(process.argv.slice(2), {
    dataDir,
    onProgress: (line) => {
      console.log(line);
    },
  });
  (exitCode === 0 ? console.log : console.error)(text);
  process.exitCode = exitCode;
}

runAsScript(import.meta.url, main);
