// What the server's commands share: local times, running as a script, and the store they open.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readConfig, type ServerConfig } from '../config';
import { openStore } from '../store/openStore';
import type { Store } from '../store/store';

/** What a command says, and its exit code: 0 done, 1 refused, 2 its usage. */
export interface CommandOutput {
  exitCode: number;
  text: string;
}

/** True when this module is the script tsx was asked to run, not a module a test imported. */
export function isMainModule(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(resolve(script)).href === moduleUrl;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-23 14:32` in the server's own time zone: what the person at its keyboard reads. */
export function formatLocalTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}`
  );
}

/** Runs `main` when this module is the script: a failure prints its message alone and exits 1. */
export function runAsScript(moduleUrl: string, main: () => Promise<void>): void {
  if (!isMainModule(moduleUrl)) return;
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

/**
 * Opens the server's data (DATA_DIR's SQLite file, or DATABASE_URL), runs a command on it, closes
 * it, and prints the command's answer: on stdout when done, on stderr when not.
 */
export async function runOnStore(
  command: (store: Store, config: ServerConfig) => Promise<CommandOutput>,
): Promise<void> {
  const config = readConfig();
  const store = await openStore(config);
  try {
    const { exitCode, text } = await command(store, config);
    (exitCode === 0 ? console.log : console.error)(text);
    process.exitCode = exitCode;
  } finally {
    await store.close();
  }
}
