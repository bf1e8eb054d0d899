// Reads the server's settings from the environment, with the defaults a single shop box needs.
import { resolve } from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  staticDir: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${env.PORT ?? ''}".`);
  }
  return {
    port,
    // Loopback by default; a shop opens it to its LAN with HOST=0.0.0.0 (see README, HTTPS).
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    staticDir: resolve(env.STATIC_DIR ?? 'dist'),
  };
}
