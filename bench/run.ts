// `npm run bench`: runs every benchmark in turn; each prints ratios against its own baseline.
export {};
const BENCHMARKS = ['./jobModel.bench.ts'];

for (const path of BENCHMARKS) {
  await import(path);
}
