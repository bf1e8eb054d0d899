// `npm run pair [-- --name "Casting room"] [--shop NAME]`: makes a one-time pairing code and prints
// it with a QR code of the link that pairs a tablet into the shop. Runs beside the server, on the
// same data (DATA_DIR's SQLite file, or DATABASE_URL).
import { networkInterfaces } from 'node:os';
import { renderUnicodeCompact } from 'uqr';
import type { ServerConfig } from '../config';
import { issuePairingCode, PAIRING_CODE_TTL_MS } from '../auth/pairing';
import type { Store } from '../store/store';
import { formatLocalTime, runAsScript, runOnStore } from './common';
import { resolveShop, takeShopArg } from './shopArg';

type Interfaces = ReturnType<typeof networkInterfaces>;

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/** The address tablets open: PUBLIC_URL, or the server's own scheme, host and port. */
export function tabletBaseUrl(
  config: ServerConfig,
  interfaces: Interfaces = networkInterfaces(),
): { url: string; notes: string[] } {
  if (config.publicUrl) return { url: config.publicUrl, notes: [] };
  const notes: string[] = [];
  let host = config.host;
  if (WILDCARD_HOSTS.has(host)) {
    // Listening everywhere: name the first LAN address, the one a tablet on the shop Wi-Fi uses.
    const lan = Object.values(interfaces)
      .flat()
      .find((i) => i !== undefined && i.family === 'IPv4' && !i.internal);
    host = lan?.address ?? '127.0.0.1';
    notes.push(
      `Tablets are sent to ${host}; if they reach this server at another address, set PUBLIC_URL.`,
    );
  } else if (LOOPBACK_HOSTS.has(host)) {
    notes.push(
      `The server listens on this machine only (HOST=${host}): a tablet cannot reach it. Start it ` +
        'with HOST=0.0.0.0 and a certificate (README, "Opening it on a tablet").',
    );
  }
  if (!config.tls && !LOOPBACK_HOSTS.has(host)) {
    notes.push(
      'Without TLS_CERT and TLS_KEY the server speaks plain HTTP, and a tablet runs Loupe offline ' +
        'and uses its camera only over HTTPS (README, "Opening it on a tablet").',
    );
  }
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { url: `${config.tls ? 'https' : 'http'}://${shownHost}:${config.port}`, notes };
}

export function pairingLink(baseUrl: string, code: string): string {
  return `${baseUrl}/settings?pair=${code}`;
}

export interface PairOutput {
  code: string;
  expiresAt: number;
  link: string;
  /** Everything the command prints. */
  text: string;
}

export async function runPair(
  store: Store,
  config: ServerConfig,
  {
    now = Date.now(),
    name = null,
    shop: shopName = null,
    interfaces,
  }: { now?: number; name?: string | null; shop?: string | null; interfaces?: Interfaces } = {},
): Promise<PairOutput> {
  const shop = await resolveShop(store, shopName);
  const { code, expiresAt } = await issuePairingCode(store.shop(shop.id), {
    now,
    deviceName: name,
  });
  const base = tabletBaseUrl(config, interfaces);
  const link = pairingLink(base.url, code);
  const minutes = PAIRING_CODE_TTL_MS / 60_000;
  const text = [
    `Pairing code: ${code}`,
    `It pairs one tablet${name ? ` (as "${name}")` : ''} into ${shop.name} and works until ` +
      `${formatLocalTime(expiresAt)} (${minutes} minutes).`,
    '',
    renderUnicodeCompact(link, { border: 2 }),
    '',
    "Scan the QR code with the tablet's camera, or open Loupe's Settings on the tablet and type the code.",
    `Link: ${link}`,
    ...base.notes.map((n) => `Note: ${n}`),
  ].join('\n');
  return { code, expiresAt, link, text };
}

export function parsePairArgs(args: readonly string[]): {
  name: string | null;
  shop: string | null;
} {
  const { shop, rest } = takeShopArg(args);
  let name: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--name') {
      name = rest[++i]?.trim() ?? '';
      if (name === '')
        throw new Error('--name needs a name, like: npm run pair -- --name "Casting room"');
    } else if (arg.startsWith('--name=')) {
      name = arg.slice('--name='.length).trim() || null;
    } else {
      throw new Error(
        `Unknown argument "${arg}". Usage: npm run pair [-- --name "Casting room"] [--shop NAME]`,
      );
    }
  }
  if (name !== null && name.length > 60) throw new Error('--name: keep it to 60 characters.');
  return { name, shop };
}

runAsScript(import.meta.url, async () => {
  const { name, shop } = parsePairArgs(process.argv.slice(2));
  await runOnStore(async (store, config) => ({
    exitCode: 0,
    text: (await runPair(store, config, { name, shop })).text,
  }));
});
