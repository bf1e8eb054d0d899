// Timing and reporting helpers for benchmarks: every figure is a ratio to a baseline in the same run.
import { performance } from 'node:perf_hooks';

export async function time(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export function reportRatio(
  what: string,
  ms: number,
  baseline: string,
  baselineMs: number,
  { unitCount, unit }: { unitCount: number; unit: string },
): void {
  const perSecond = (count: number, t: number) => Math.round((count / t) * 1000).toLocaleString();
  console.log(
    `  ${what}: ${ms.toFixed(0)} ms (${perSecond(unitCount, ms)} ${unit}/s)\n` +
      `  ${baseline}: ${baselineMs.toFixed(0)} ms (${perSecond(unitCount, baselineMs)} ${unit}/s)\n` +
      `  ratio: ${(ms / baselineMs).toFixed(2)}× the baseline\n`,
  );
}
