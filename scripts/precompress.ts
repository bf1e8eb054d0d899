// Writes a Brotli (.br) and a gzip (.gz) copy beside each text file of the build and the scanner's
// .wasm, so the server sends them compressed without compressing on every request
// (src/server/http/staticFiles.ts picks the copy the browser accepts).
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Logger, Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** What compresses: text, and WebAssembly. Images (png) are compressed already. */
export const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.webmanifest',
  '.svg',
  '.ico',
  '.wasm',
  '.txt',
]);

/** Below this a compressed copy saves less than its own headers cost. */
const SMALLEST = 512;
/**
 * Brotli's strongest setting takes seconds a megabyte: worth it for the code the first screen
 * waits for, not for the 1 MB scanner .wasm fetched once (12 % smaller for 8 s of every build).
 */
const LARGEST_AT_BEST = 512 * 1024;

export interface PrecompressReport {
  files: number;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * Compresses every compressible file under `dir` at the strongest settings (this runs once per
 * build). A copy that would not be smaller is not written: the server then sends the file as is.
 */
export async function precompressDir(dir: string): Promise<PrecompressReport> {
  const report: PrecompressReport = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  const work: Promise<void>[] = [];
  for await (const path of filesUnder(dir)) {
    if (!COMPRESSIBLE.has(extname(path))) continue;
    if ((await stat(path)).size < SMALLEST) continue;
    work.push(
      (async () => {
        const body = await readFile(path);
        const [br, gzipped] = await Promise.all([
          brotli(body, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]:
                body.length <= LARGEST_AT_BEST ? constants.BROTLI_MAX_QUALITY : 9,
              [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
              [constants.BROTLI_PARAM_MODE]:
                extname(path) === '.wasm'
                  ? constants.BROTLI_MODE_GENERIC
                  : constants.BROTLI_MODE_TEXT,
            },
          }),
          gz(body, { level: constants.Z_BEST_COMPRESSION }),
        ]);
        report.files++;
        report.bytes += body.length;
        if (br.length < body.length) {
          await writeFile(`${path}.br`, br);
          report.brotliBytes += br.length;
        }
        if (gzipped.length < body.length) {
          await writeFile(`${path}.gz`, gzipped);
          report.gzipBytes += gzipped.length;
        }
      })(),
    );
  }
  await Promise.all(work);
  return report;
}

/**
 * The Vite plugin: after the build and after vite-plugin-pwa has written sw.js (its closeBundle is
 * sequential, and this one comes after it in the plugin list), so the worker is compressed too.
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  let logger: Logger | undefined;
  return {
    name: 'loupe-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      logger = config.logger;
    },
    closeBundle: {
      sequential: true,
      order: 'post',
      async handler() {
        const report = await precompressDir(outDir);
        const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
        logger?.info(
          `precompressed ${report.files} files: ${kb(report.bytes)} → ` +
            `${kb(report.brotliBytes)} br, ${kb(report.gzipBytes)} gzip`,
        );
      },
    },
  };
}
