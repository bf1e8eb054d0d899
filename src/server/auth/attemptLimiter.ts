// Slows down guessing of pairing codes. Kept in memory: a restart forgets the count, which costs
// an attacker a restart they cannot cause, and a shop server has no second instance to share it.
//
// Rule: a wrong code (unknown, expired or used) counts against the address it came from and
// against the server as a whole. Once an address has 5 wrong codes in the last 10 minutes, or the
// server has 50 from everywhere, POST /pair answers 429 (even with a right code) until the oldest
// of those wrong codes is 10 minutes old. With 31^8 possible codes that leaves guessing hopeless.

export interface AttemptLimits {
  perAddress: number;
  global: number;
  windowMs: number;
}

export const PAIRING_ATTEMPT_LIMITS: AttemptLimits = {
  perAddress: 5,
  global: 50,
  windowMs: 10 * 60 * 1000,
};

export type AttemptCheck =
  { allowed: true } | { allowed: false; scope: 'address' | 'global'; retryAfterMs: number };

export class AttemptLimiter {
  private readonly byAddress = new Map<string, number[]>();
  private everywhere: number[] = [];

  constructor(
    private readonly limits: AttemptLimits,
    private readonly now: () => number,
  ) {}

  check(address: string): AttemptCheck {
    const now = this.now();
    this.forgetOld(now);
    const global = this.blockedFor(this.everywhere, this.limits.global, now);
    if (global !== null) return { allowed: false, scope: 'global', retryAfterMs: global };
    const mine = this.blockedFor(this.byAddress.get(address) ?? [], this.limits.perAddress, now);
    if (mine !== null) return { allowed: false, scope: 'address', retryAfterMs: mine };
    return { allowed: true };
  }

  recordFailure(address: string): void {
    const now = this.now();
    this.everywhere.push(now);
    const list = this.byAddress.get(address);
    if (list) list.push(now);
    else this.byAddress.set(address, [now]);
  }

  /** Failures are only recorded while not blocked, so these lists stay at most `global` long. */
  private forgetOld(now: number): void {
    const since = now - this.limits.windowMs;
    this.everywhere = this.everywhere.filter((t) => t > since);
    for (const [address, times] of this.byAddress) {
      const recent = times.filter((t) => t > since);
      if (recent.length === 0) this.byAddress.delete(address);
      else this.byAddress.set(address, recent);
    }
  }

  private blockedFor(times: readonly number[], limit: number, now: number): number | null {
    if (times.length < limit) return null;
    // Allowed again once enough of the failures have left the window.
    const freeing = times[times.length - limit];
    return freeing === undefined ? null : Math.max(1, freeing + this.limits.windowMs - now);
  }
}
