// Benchmark of the photo pipeline in real Chromium: a generated 12-MP (4000×3000) camera JPEG made
// into a stored photo (≤ 2048 px WebP/JPEG) and thumbnail in IndexedDB, against two baselines on the
// same picture in the same run: re-encoding it at full size, and storing the camera's bytes as-is.
import { chromium, type Browser } from '@playwright/test';
import { resolve } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';
import type { BaselineResult, PhotoBench, PipelineResult } from './photos/page';

const WIDTH = 4000;
const HEIGHT = 3000;
const RUNS = Number(process.env.BENCH_PHOTO_RUNS ?? 5);
/** The whole benchmark stops after this, whatever state it is in. */
const DEADLINE_MS = Number(process.env.BENCH_PHOTO_DEADLINE_MS ?? 180_000);

declare global {
  interface Window {
    photoBench: PhotoBench;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

async function main() {
  let server: ViteDevServer | undefined;
  let browser: Browser | undefined;
  const cleanup = async () => {
    await browser?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
  };
  const deadline = setTimeout(() => {
    console.error(`Photo benchmark: stopped after ${DEADLINE_MS / 1000} s.`);
    void cleanup().then(() => process.exit(1));
  }, DEADLINE_MS);
  try {
    server = await createServer({
      configFile: false,
      root: resolve('bench/photos'),
      logLevel: 'error',
      server: { host: '127.0.0.1', port: 0, fs: { allow: [resolve('.')] } },
    });
    await server.listen();
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('The benchmark page server has no address.');
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });

    const made = await page.evaluate(([w, h]) => window.photoBench.makeInput(w, h), [
      WIDTH,
      HEIGHT,
    ] as const);
    console.log(
      `Photos: a ${WIDTH}×${HEIGHT} (${((WIDTH * HEIGHT) / 1e6).toFixed(0)} MP) ${made.type} of ${kb(made.bytes)}, ${RUNS} runs each (median), after a warm-up`,
    );

    // Warm-up: the worker starts, code is compiled, the database is opened.
    await page.evaluate(() => window.photoBench.pipeline());
    await page.evaluate(() => window.photoBench.mainThread());
    await page.evaluate(() => window.photoBench.fullSizeReencode());
    await page.evaluate(() => window.photoBench.rawStore());

    const pipeline: PipelineResult[] = [];
    const main: PipelineResult[] = [];
    const full: BaselineResult[] = [];
    const raw: BaselineResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Interleaved, so a slow moment of the machine falls on all three alike.
      pipeline.push(await page.evaluate(() => window.photoBench.pipeline()));
      main.push(await page.evaluate(() => window.photoBench.mainThread()));
      full.push(await page.evaluate(() => window.photoBench.fullSizeReencode()));
      raw.push(await page.evaluate(() => window.photoBench.rawStore()));
    }
    const p = pipeline[0];
    const f = full[0];
    if (!p || !f) throw new Error('No runs.');
    const pMs = median(pipeline.map((r) => r.ms));
    const fMs = median(full.map((r) => r.ms));
    const rMs = median(raw.map((r) => r.ms));
    const mMs = median(main.map((r) => r.ms));
    const pStall = median(pipeline.map((r) => r.longestStallMs));
    const mStall = median(main.map((r) => r.longestStallMs));
    if (!pipeline.every((r) => r.viaWorker))
      throw new Error('The photo worker fell back to the main thread.');
    console.log(
      `  Loupe pipeline (worker: decode, ≤2048 px, ${p.type}, thumbnail, SHA-256, store): ${pMs.toFixed(0)} ms\n` +
        `    stored ${p.width}×${p.height} ${kb(p.bytes)} + thumbnail ${kb(p.thumbnailBytes)} (${p.thumbnailType})\n` +
        `    longest freeze of the page meanwhile: ${pStall.toFixed(0)} ms\n` +
        `  the same on the main thread (fallback without OffscreenCanvas workers): ${mMs.toFixed(0)} ms, longest freeze ${mStall.toFixed(0)} ms\n` +
        `  baseline, re-encode at full size (${f.type}, no downscale, store): ${fMs.toFixed(0)} ms, ${kb(f.bytes)}\n` +
        `  baseline, store the camera's bytes as-is: ${rMs.toFixed(0)} ms, ${kb(made.bytes)}\n` +
        `  time: ${(pMs / fMs).toFixed(2)}× the full-size re-encode, ${(pMs / rMs).toFixed(1)}× the raw store\n` +
        `  bytes kept: ${((p.bytes + p.thumbnailBytes) / made.bytes).toFixed(3)}× the camera file, ` +
        `${((p.bytes + p.thumbnailBytes) / f.bytes).toFixed(3)}× the full-size re-encode\n` +
        `  page freeze: ${(pStall / mStall).toFixed(2)}× the main-thread fallback's\n`,
    );
  } finally {
    clearTimeout(deadline);
    await cleanup();
  }
}

await main();
