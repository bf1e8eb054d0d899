// What the server's commands share: local times, and running as a script.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

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
