// Reads the server's settings from the environment, with the defaults a single shop box needs.
import { resolve } from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  staticDir: string;
  /** Certificate and key files (PEM): the server then speaks HTTPS, which tablets need. */
  tls?: { cert: string; key: string };
  /** The address tablets use, when it is not http(s)://HOST:PORT (a name, a proxy, another port). */
  publicUrl?: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${env.PORT ?? ''}".`);
  }
  const config: ServerConfig = {
    port,
    // Loopback by default; a shop opens it to its LAN with HOST=0.0.0.0 (see README, HTTPS).
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    staticDir: resolve(env.STATIC_DIR ?? 'dist'),
  };

  const cert = env.TLS_CERT?.trim() ?? '';
  const key = env.TLS_KEY?.trim() ?? '';
  if ((cert === '') !== (key === '')) {
    throw new Error(
      `HTTPS needs both TLS_CERT and TLS_KEY (the certificate and its private key); only ` +
        `${cert ? 'TLS_CERT' : 'TLS_KEY'} is set.`,
    );
  }
  if (cert && key) config.tls = { cert: resolve(cert), key: resolve(key) };

  const publicUrl = env.PUBLIC_URL?.trim() ?? '';
  if (publicUrl) {
    let url: URL | null = null;
    try {
      url = new URL(publicUrl);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw new Error(
        `PUBLIC_URL must be the address tablets open, like https://loupe.local:8080; got "${publicUrl}".`,
      );
    }
    config.publicUrl = publicUrl.replace(/\/+$/, '');
  }
  return config;
}

/** Addresses only this machine can reach: plain HTTP on them never leaves it. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(h) ||
    /^::ffff:127(\.\d{1,3}){3}$/.test(h)
  );
}

/**
 * The warning for a server open to the network without HTTPS, as lines for stderr; null when it
 * listens on this machine only or speaks HTTPS. Said loudly: it starts and works, but every
 * bearer token and every customer's name, phone and piece crosses the shop Wi-Fi in clear.
 */
export function plainHttpWarning(config: Pick<ServerConfig, 'host' | 'tls'>): string[] | null {
  if (config.tls || isLoopbackHost(config.host)) return null;
  const rule = '!'.repeat(78);
  return [
    rule,
    `!! WARNING: Loupe is listening on ${config.host} WITHOUT HTTPS.`,
    "!! Anyone on the shop network (the Wi-Fi too) can read what tablets send: the tablets'",
    "!! tokens, and your customers' names, phone numbers, pieces, photos and signatures.",
    '!! With a token they can also pose as a tablet. Tablets will not run the camera or',
    '!! work offline over plain HTTP either.',
    '!! Fix: start it with a certificate, TLS_CERT=loupe.crt TLS_KEY=loupe.key (README,',
    '!! "Opening it on a tablet"), or keep HOST=127.0.0.1 to use it on this machine only.',
    rule,
  ];
}
