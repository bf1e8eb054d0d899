// The server in a process of its own, for the benchmarks that load it over HTTP: started on a free
// port of 127.0.0.1, stopped again at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Starts `src/server/main.ts` in its own process on a free port of 127.0.0.1, on `dataDir` (and
 * DATABASE_URL's PostgreSQL when given), and resolves with its address once it listens.
 */
export function startServerProcess(
  dataDir: string,
  databaseUrl?: string,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ...(databaseUrl !== undefined ? { DATABASE_URL: databaseUrl } : {}),
      STATIC_DIR: join(dataDir, 'no-build'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`The server did not start within 20 s:\n${out}`));
    }, 20_000);
    // Read stderr too (a full pipe would stall the server), keeping its start for error messages.
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (out.length < 10_000) out += chunk;
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const url = /running at (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code ?? 'signal'}) before it started:\n${out}`));
    });
  });
}

/** Stops a server started by startServerProcess, and resolves once it has exited. */
export function stopServerProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => {
      resolve();
    });
    child.kill('SIGTERM');
  });
}
