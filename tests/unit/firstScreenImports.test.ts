// What the first screen loads, read from the source: every module main.tsx reaches by static
// imports goes into the files fetched before the jobs list shows (the bundler splits by module,
// not by function), so none may be zod, the event schemas, sync, a write path or another screen.
// Dynamic import() is the way out of this graph, and `import type` is no edge at all.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY = join(ROOT, 'src/main.tsx');

/** `import … from '…'`, `import '…'` and `export … from '…'`, not `import type` / `export type`. */
const STATIC_EDGE = /^\s*(import|export)\s+(type\s+)?(?:([\s\S]*?)\s+from\s+)?['"]([^'"]+)['"]/gm;

/** The specifiers a module names at run time; an import of types only names none. */
function staticImports(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(STATIC_EDGE)) {
    const [, keyword, typeOnly, clause, specifier] = m;
    if (typeOnly !== undefined || specifier === undefined) continue;
    if (keyword === 'export' && clause === undefined) continue;
    const names = clause?.match(/^\{([\s\S]*)\}$/)?.[1];
    if (names !== undefined) {
      const parts = names
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '');
      if (parts.length > 0 && parts.every((p) => p.startsWith('type '))) continue;
    }
    found.push(specifier);
  }
  return found;
}

function resolveModule(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier.replace(/\?.*$/, ''));
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ]) {
    if (existsSync(candidate) && !candidate.endsWith('/') && /\.(tsx?|css)$/.test(candidate))
      return candidate;
  }
  throw new Error(`${relative(ROOT, from)} imports ${specifier}, which is not there`);
}

/** Every module and package main.tsx reaches, each with the chain that reaches it first. */
function firstScreenGraph(): Map<string, string[]> {
  const chains = new Map<string, string[]>([[relative(ROOT, ENTRY), [relative(ROOT, ENTRY)]]]);
  const queue = [ENTRY];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (file.endsWith('.css')) continue;
    const chain = chains.get(relative(ROOT, file)) ?? [];
    for (const specifier of staticImports(readFileSync(file, 'utf8'))) {
      const target = resolveModule(file, specifier);
      const name = target ? relative(ROOT, target) : `package ${specifier.split('/')[0]}`;
      if (chains.has(name)) continue;
      chains.set(name, [...chain, name]);
      if (target) queue.push(target);
    }
  }
  return chains;
}

describe('the first screen’s imports', () => {
  const graph = firstScreenGraph();
  const offending = (test: (name: string) => boolean) =>
    [...graph].filter(([name]) => test(name)).map(([, chain]) => chain.join(' → '));

  it('reads the source as the bundler does: the shell and the jobs list are there', () => {
    expect(graph.has('src/App.tsx')).toBe(true);
    expect(graph.has('src/screens/jobs/JobsScreen.tsx')).toBe(true);
    expect(graph.has('package react-dom')).toBe(true);
    expect(graph.has('package dexie-react-hooks')).toBe(true);
  });

  it('has no zod, no event schemas and nothing that validates or writes events', () => {
    expect(
      offending(
        (name) =>
          name === 'package zod' ||
          name === 'src/protocol/events.ts' ||
          name === 'src/db/jobOperations.ts' ||
          name === 'src/db/applyEvents.ts' ||
          name === 'src/db/streams.ts' ||
          name.startsWith('src/sync/'),
      ),
    ).toEqual([]);
  });

  it('has no other screen, and no scanner, QR encoder or service worker library', () => {
    expect(
      offending(
        (name) =>
          (name.startsWith('src/screens/') &&
            !name.startsWith('src/screens/jobs/JobsScreen') &&
            name !== 'src/screens/jobs/jobs.css' &&
            !name.startsWith('src/screens/jobs/list/') &&
            name !== 'src/screens/scan/useScanHandler.ts') ||
          [
            'package uqr',
            'package zxing-wasm',
            'package barcode-detector',
            'package workbox-window',
          ].includes(name),
      ),
    ).toEqual([]);
  });

  it('has no checklist templates, no search, and no banner with nothing to say before a sync', () => {
    expect(
      offending(
        (name) =>
          name.startsWith('src/domain/checklists/templates/') ||
          name === 'src/screens/jobs/list/SearchResults.tsx' ||
          name === 'src/db/jobSearch.ts' ||
          name === 'src/domain/search.ts' ||
          name === 'src/components/ClockWarning.tsx' ||
          name === 'src/components/UpdatePrompt.tsx' ||
          name === 'src/pwa/serviceWorker.ts',
      ),
    ).toEqual([]);
  });

  it('has no header badges, no scan sheet and no beep: they come once it is up, or with a scan', () => {
    expect(
      offending(
        (name) =>
          name === 'src/components/SyncBadge.tsx' ||
          name === 'src/components/staff/StaffSwitcher.tsx' ||
          // The signed-in staff's store, and with it zustand's persist middleware.
          name === 'src/stores/sessionStore.ts' ||
          name === 'src/screens/scan/ScanSheet.tsx' ||
          name === 'src/screens/scan/ScanResult.tsx' ||
          name === 'src/scan/feedback.ts',
      ),
    ).toEqual([]);
  });
});
