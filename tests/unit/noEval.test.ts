// The app's no-eval switch for zod, set before zod is loaded: zod must take it as z.config would.
import { describe, expect, it, vi } from 'vitest';

describe('noEval', () => {
  it('turns off zod’s compiled parsers without importing zod, so no schema probes for eval', async () => {
    await import('../../src/protocol/noEval');
    const probe = vi.spyOn(globalThis, 'Function');
    const { z } = await import('zod');
    expect(z.config().jitless).toBe(true);
    const job = z.object({ id: z.string(), grams: z.number().optional() });
    expect(job.parse({ id: 'a', grams: 2 })).toEqual({ id: 'a', grams: 2 });
    for (let i = 0; i < 3; i++) job.parse({ id: String(i) });
    // zod probes `new Function("")` before compiling its fast path; jitless never gets that far.
    expect(probe).not.toHaveBeenCalled();
    probe.mockRestore();
  });
});
