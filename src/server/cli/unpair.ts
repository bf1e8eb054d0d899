// `npm run unpair -- <deviceId>` revokes a tablet's token (a lost or retired tablet);
// `npm run unpair -- --list` lists the paired tablets. Runs beside the server, on the same data;
// `--shop NAME` picks the shop when the server has several.
import type { DeviceRecord, ShopStore, Store } from '../store/store';
import { formatLocalTime, runAsScript, runOnStore, type CommandOutput } from './common';
import { resolveShop, takeShopArg } from './shopArg';

const USAGE = [
  'Usage:',
  '  npm run unpair -- --list        list the paired tablets, their ids and envelope series',
  '  npm run unpair -- <deviceId>    unpair one: its next sync is refused until it is paired again',
  '  add --shop NAME to either when the server has several shops',
].join('\n');

export type UnpairOutput = CommandOutput;

function describe(d: DeviceRecord): string {
  const status = d.revokedAt === null ? 'paired' : `unpaired ${formatLocalTime(d.revokedAt)}`;
  const seen =
    d.lastSeenAt === null ? 'never synced' : `last seen ${formatLocalTime(d.lastSeenAt)}`;
  // Paired before servers gave envelope series: it gets one on its next sync.
  const series = `envelopes ${(d.envelopePrefix ?? 'not given yet').padEnd(13)}`;
  return `${d.id}  ${d.name.padEnd(24)}  ${series}  paired ${formatLocalTime(d.createdAt)}  ${seen}  ${status}`;
}

export async function listDevices(store: ShopStore): Promise<UnpairOutput> {
  const devices = await store.listDevices();
  if (devices.length === 0) {
    return { exitCode: 0, text: 'No tablets are paired yet. Pair one with "npm run pair".' };
  }
  return { exitCode: 0, text: devices.map(describe).join('\n') };
}

export async function unpairDevice(
  store: ShopStore,
  deviceId: string,
  now: number = Date.now(),
): Promise<UnpairOutput> {
  const id = deviceId.trim().toLowerCase();
  const result = await store.revokeDevice(id, now);
  const device = (await store.listDevices()).find((d) => d.id === id);
  if (result === 'unknown' || !device) {
    return {
      exitCode: 1,
      text: `No tablet has the id "${deviceId}". "npm run unpair -- --list" shows the paired tablets.`,
    };
  }
  if (result === 'already_revoked') {
    return {
      exitCode: 0,
      text: `Tablet ${id} ("${device.name}") was already unpaired on ${formatLocalTime(device.revokedAt ?? now)}.`,
    };
  }
  return {
    exitCode: 0,
    text:
      `Unpaired tablet ${id} ("${device.name}"): the server refuses its token from now on. ` +
      'The events it synced stay. To use it again, pair it with a new code from "npm run pair".',
  };
}

export async function runUnpair(
  store: Store,
  args: readonly string[],
  now: number = Date.now(),
): Promise<UnpairOutput> {
  const { shop: shopName, rest: others } = takeShopArg(args);
  const [first, ...rest] = others;
  if (first === '--help' || first === '-h') return { exitCode: 0, text: USAGE };
  const list = first === '--list' || first === '-l';
  if (!list && (first === undefined || first.startsWith('-') || rest.length > 0)) {
    return { exitCode: 2, text: USAGE };
  }
  const shop = store.shop((await resolveShop(store, shopName)).id);
  if (list) return listDevices(shop);
  return unpairDevice(shop, first, now);
}

runAsScript(import.meta.url, () => runOnStore((store) => runUnpair(store, process.argv.slice(2))));
