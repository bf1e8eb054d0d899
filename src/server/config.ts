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
