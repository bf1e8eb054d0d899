// `npm run bench`: runs every benchmark in turn; each prints ratios against its own baseline.
export {};
const BENCHMARKS = [
  './jobModel.bench.ts',
  './serverSync.bench.ts',
  './initialPull.bench.ts',
  './indexedDb.bench.ts',
  './shell.bench.ts',
  './scanner.bench.ts',
  './photos.bench.ts',
  './ledger.bench.ts',
  './postgresSync.bench.ts',
];

for (const path of BENCHMARKS) {
  await import(path);
}
