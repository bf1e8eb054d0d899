// Starts and stops a Loupe server: used by main.ts and by tests (port 0 picks a free port).
import { serve } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import type { AttemptLimits } from './auth/attemptLimiter';
import type { ServerConfig } from './config';
import { createReadyNoticeWorker } from './notify/readyNotices';
import { createSmtpNotifier } from './notify/smtp';
import { openDiskBlobStore, type BlobStore } from './store/blobStore';
import { openStore } from './store/openStore';
import type { Store } from './store/store';
import { SERVER_VERSION } from './version';

export interface RunningServer {
  url: string;
  /** Stops the ready-notice worker (no timer is left), then the server and its data. */
  close(): Promise<void>;
  notices: {
    /** Resolves once the ready-notice worker has nothing under way: tests wait on it. */
    whenIdle(): Promise<void>;
  };
}

export interface ServerOptions {
  /** A clock for tests (pairing-code expiry, rate limits); the wall clock otherwise. */
  now?: () => number;
  pairingLimits?: AttemptLimits;
  /** The version the server says it is (tests play an updated or rolled-back server). */
  version?: string;
  /** The waits before each retry of a failed email (tests make them short). */
  noticeRetryDelaysMs?: readonly number[];
  /** Seqs the ready-notice worker looks through per read of the log (tests make it small). */
  noticeLogSpan?: number;
}

function readTlsFile(variable: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Could not read ${variable} (${path}) for HTTPS: ${reason}`);
  }
}

function tlsOptions(tls: NonNullable<ServerConfig['tls']>) {
  return {
    createServer: createHttpsServer,
    serverOptions: {
      cert: readTlsFile('TLS_CERT', tls.cert),
      key: readTlsFile('TLS_KEY', tls.key),
    },
  };
}

/**
 * The blobs a shop still wants that are on disk after all (a data folder restored with newer
 * photos than its database knew of): no tablet need send them again. Only blobs the shop's own
 * events name count, and naming one takes its SHA-256, which only a holder of the bytes knows.
 */
async function forgetBlobsOnDisk(store: Store, blobs: BlobStore, now: number): Promise<void> {
  for (const { id } of await store.listShops()) {
    const shop = store.shop(id);
    for (const sha256 of await shop.wantedBlobs()) {
      if ((await blobs.sizeOf(sha256)) !== null) await shop.blobArrived(sha256, now);
    }
  }
}

export async function startServer(
  config: ServerConfig,
  options: ServerOptions = {},
): Promise<RunningServer> {
  // Read the certificate first: a bad path should stop the server before it opens any data.
  const tls = config.tls ? tlsOptions(config.tls) : {};
  const store: Store = await openStore(config);
  const blobs = openDiskBlobStore(config.dataDir);
  await forgetBlobsOnDisk(store, blobs, (options.now ?? Date.now)());
  const { noticeRetryDelaysMs, noticeLogSpan, ...appOptions } = options;
  const notifier = config.smtp ? createSmtpNotifier(config.smtp) : null;
  // Made now so that pushes can wake it; started once the server listens.
  const notices = createReadyNoticeWorker({
    store,
    notifier,
    ...(options.now ? { now: options.now } : {}),
    ...(noticeRetryDelaysMs ? { retryDelaysMs: noticeRetryDelaysMs } : {}),
    ...(noticeLogSpan !== undefined ? { logSpan: noticeLogSpan } : {}),
  });
  const app = createApp({
    store,
    blobs,
    staticDir: config.staticDir,
    version: SERVER_VERSION,
    tls: config.tls !== undefined,
    ...(config.publicUrl !== undefined ? { publicUrl: config.publicUrl } : {}),
    onEventsAccepted: () => {
      notices.wake();
    },
    ...appOptions,
  });
  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve(
        { fetch: app.fetch, port: config.port, hostname: config.host, ...tls },
        () => {
          resolve(s);
        },
      );
      s.once('error', reject);
    });
  } catch (err) {
    await notifier?.close();
    await store.close();
    // A system call failing (a port in use) is not about the certificate; OpenSSL's errors are.
    if (config.tls && err instanceof Error && !('syscall' in err)) {
      throw new Error(
        `HTTPS could not start with TLS_CERT=${config.tls.cert} and TLS_KEY=${config.tls.key}: ` +
          `${err.message}. Both must be PEM files, the key belonging to the certificate.`,
      );
    }
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  // Moves pushed while the server was down are in the log: the first run reads them.
  notices.start();
  return {
    url: `${config.tls ? 'https' : 'http'}://${host}:${port}`,
    close: async () => {
      // No new run from here on; the one under way (an email being sent) is waited for.
      const stopping = notices.stop();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        // Keep-alive connections from a browser would otherwise hold close() open.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await stopping;
      await notifier?.close();
      await store.close();
    },
    notices: { whenIdle: () => notices.whenIdle() },
  };
}
