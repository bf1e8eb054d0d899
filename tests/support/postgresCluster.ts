// A throwaway PostgreSQL cluster for the tests and the benchmark: initdb into a temp folder, as an
// unprivileged user when run as root, on a free port of 127.0.0.1, stopped and removed at the end.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface PostgresCluster {
  /** postgres://loupe@127.0.0.1:PORT/postgres: the superuser on the cluster's first database. */
  url: string;
  /** Stops the cluster at once (nothing in it is worth a clean shutdown) and removes its folder. */
  stop(): Promise<void>;
}

/** The superuser initdb makes: trust authentication on 127.0.0.1, so no password anywhere. */
const SUPERUSER = 'loupe';
/** Debian's postgresql package makes this user; initdb refuses to run as root. */
const UNPRIVILEGED_USER = 'postgres';

/** The folder holding initdb and pg_ctl: on PATH, else Debian's newest /usr/lib/postgresql/N/bin. */
export function findPostgresBin(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) {
      return dir;
    }
  }
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian)
    ? readdirSync(debian)
        .filter((v) => /^\d+$/.test(v) && existsSync(join(debian, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error(
      'The PostgreSQL tests need initdb and pg_ctl, and neither PATH nor /usr/lib/postgresql/*/bin ' +
        'has them. Install the server (Debian: `apt-get install postgresql`), or set DATABASE_URL ' +
        'to a PostgreSQL the tests may create databases on.',
    );
  }
  return join(debian, newest, 'bin');
}

/** A port free on 127.0.0.1 right now: the OS picks it, and it is let go for PostgreSQL to take. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('The OS gave no port.'));
      });
    });
  });
}

function idOf(flag: '-u' | '-g', user: string): number {
  return Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
}

/** Runs one of PostgreSQL's programs, as `postgres` when we are root; its output for errors. */
function runner(asUser: string | null, cwd: string) {
  return (program: string, args: readonly string[]): void => {
    const [file, argv] =
      asUser === null ? [program, args] : ['runuser', ['-u', asUser, '--', program, ...args]];
    try {
      // cwd: the unprivileged user may not enter the folder the tests were started from.
      execFileSync(file, argv, { cwd, stdio: 'pipe', encoding: 'utf8' });
    } catch (err) {
      const e = err as { stderr?: string; stdout?: string; message: string };
      const said = `${e.stderr ?? ''}${e.stdout ?? ''}`.trim();
      throw new Error(`${program} ${args.join(' ')} failed: ${said || e.message}`, { cause: err });
    }
  };
}

export interface ClusterOptions {
  /**
   * Commits flushed to disk, as a production server runs (for the benchmark). Off for the tests:
   * a throwaway cluster's durability would only slow them.
   */
  durable?: boolean;
}

/**
 * Starts a fresh cluster. A watchdog shell stops it if this process dies without calling stop()
 * (killed, crashed), so no PostgreSQL is ever left running after the tests.
 */
export async function startPostgresCluster({
  durable = false,
}: ClusterOptions = {}): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'loupe-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'log');
  if (asRoot) chownSync(dir, idOf('-u', UNPRIVILEGED_USER), idOf('-g', UNPRIVILEGED_USER));
  const run = runner(asRoot ? UNPRIVILEGED_USER : null, dir);
  const pgCtl = join(bin, 'pg_ctl');
  const stopNow = () => {
    try {
      run(pgCtl, ['-D', data, '-m', 'immediate', 'stop']);
    } catch {
      // Not running (it never started, or it is stopped already): nothing to stop.
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    // The C locale: text sorts by bytes, as SQLite's does, whatever this machine's locale is.
    run(join(bin, 'initdb'), [
      '-D',
      data,
      '--auth=trust',
      '-U',
      SUPERUSER,
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    const port = await freePort();
    const options = [
      `-k ${dir}`,
      '-h 127.0.0.1',
      `-p ${port}`,
      ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
      // Every test file's stores have pools of their own, on databases of their own.
      '-c max_connections=200',
    ].join(' ');
    try {
      run(pgCtl, ['-w', '-t', '60', '-D', data, '-o', options, '-l', log, 'start']);
    } catch (err) {
      const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
      throw new Error(`PostgreSQL did not start:\n${tail}`, { cause: err });
    }

    const watchdog = spawn(
      'sh',
      [
        '-c',
        // Checks every second whether the process that started the cluster is still there.
        `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ` +
          (asRoot ? `runuser -u ${UNPRIVILEGED_USER} -- ` : '') +
          `"${pgCtl}" -D "${data}" -m immediate stop >/dev/null 2>&1; rm -rf "${dir}"`,
      ],
      { detached: true, stdio: 'ignore', cwd: dir },
    );
    watchdog.unref();

    let stopped = false;
    return {
      url: `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`,
      stop: () => {
        if (stopped) return Promise.resolve();
        stopped = true;
        if (watchdog.pid !== undefined && watchdog.exitCode === null) watchdog.kill();
        stopNow();
        return Promise.resolve();
      },
    };
  } catch (err) {
    stopNow();
    throw err;
  }
}
