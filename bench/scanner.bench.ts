// Benchmark of the camera scanner in real Chromium: our reader (ZXing as WebAssembly, the same
// module the app uses) against jsQR on the same camera-like frames (a label on a textured bench,
// drifting, blurred, noisy) at 640×480 and 1280×720: time per frame and share of frames read.
// Builds bench/scanner/ with Vite, serves it on 127.0.0.1, and stops by itself.
import { chromium } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';
import type { ScannerBenchOptions, ScannerBenchResult } from './scanner/main';

const ROUNDS = Number(process.env.BENCH_SCAN_ROUNDS ?? 3);
const FRAMES = 10;
/** The whole run is abandoned after this long, whatever hangs. */
const TIME_LIMIT_MS = 180_000;

const OPTIONS: ScannerBenchOptions = {
  // A label as the shop server prints it.
  text: 'https://192.168.1.20:8080/j/01JC8ZRV6W3Q9T5M2N4P7X0ABC',
  sizes: [
    { width: 640, height: 480 },
    { width: 1280, height: 720 },
  ],
  frames: FRAMES,
  rounds: ROUNDS,
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
};

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const root = normalize(dir + sep);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      done({ server, url: `http://127.0.0.1:${port}/` });
    });
  });
}

function withTimeLimit<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`The scanner benchmark took over ${ms / 1000} s and was stopped.`));
    }, ms);
  });
  return Promise.race([work, limit]).finally(() => {
    clearTimeout(timer);
  });
}

async function measure(): Promise<{ result: ScannerBenchResult; version: string }> {
  const out = mkdtempSync(join(tmpdir(), 'loupe-scanner-bench-'));
  let server: Server | null = null;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    await build({
      configFile: false,
      root: resolve('bench/scanner'),
      logLevel: 'warn',
      build: { outDir: out, emptyOutDir: true, chunkSizeWarningLimit: 2048 },
    });
    const served = await serve(out);
    server = served.server;
    const page = await browser.newPage();
    await page.goto(served.url);
    await page.waitForFunction(() => window.runScannerBench !== undefined);
    const result = await page.evaluate(async (options) => {
      const run = window.runScannerBench;
      if (run === undefined) throw new Error('The benchmark page did not load.');
      return run(options);
    }, OPTIONS);
    return { result, version: browser.version() };
  } finally {
    await browser.close();
    server?.close();
    rmSync(out, { recursive: true, force: true });
  }
}

function share(f: { read: number; decodes: number }): string {
  return `${f.read}/${f.decodes} (${Math.round((100 * f.read) / f.decodes)} %)`;
}

console.log(
  `Camera scanner: ${FRAMES} textured, drifting frames × ${ROUNDS} rounds per size, in real Chromium`,
);
const { result, version } = await withTimeLimit(measure(), TIME_LIMIT_MS);
console.log(`  Chromium ${version}; our reader's engine: ${result.engine}`);
for (const s of result.sizes) {
  const ratio = s.ours.msPerFrame / s.jsqr.msPerFrame;
  console.log(
    `  ${s.width}×${s.height}\n` +
      `    ours (zxing-wasm via barcode-detector): ${s.ours.msPerFrame.toFixed(1)} ms/frame, read ${share(s.ours)}\n` +
      `    jsQR (baseline):                        ${s.jsqr.msPerFrame.toFixed(1)} ms/frame, read ${share(s.jsqr)}\n` +
      `    ratio: ${ratio.toFixed(2)}× the baseline's time (${(1 / ratio).toFixed(1)}× faster)\n`,
  );
}
