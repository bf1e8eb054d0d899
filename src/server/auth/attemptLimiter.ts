// Slows down guessing of pairing codes. Kept in memory: a restart forgets the count, which costs
// an attacker a restart they cannot cause, and a shop server has no second instance to share it.
//
// Rule: a wrong code (unknown, expired or used) counts against the address it came from and
// against the server as a whole. Once an address has 5 wrong codes in the last 10 minutes, or the
// server has 50 from everywhere, POST /pair answers 429 (even with a right code) until the oldest
// of those wrong codes is 10 minutes old. With 31^8 possible codes that leaves guessing hopeless.
//
// An attempt is counted when it arrives, before its body is read (`reserve`), and given back only
// if it never reached the codes (a malformed body) or its code was right. Counting after the check
// let 200 guesses sent at once with slow bodies all pass the check while none had failed yet.

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

/** An attempt counted up front: `release` takes it back when it turns out not to be a guess. */
export type AttemptReservation =
  | { allowed: true; release(): void }
  | { allowed: false; scope: 'address' | 'global'; retryAfterMs: number };

/** One counted attempt; an object so that releasing one removes exactly it. */
interface Attempt {
  at: number;
}

export class AttemptLimiter {
  private readonly byAddress = new Map<string, Attempt[]>();
  private everywhere: Attempt[] = [];

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

  /**
   * Checks and counts an attempt in one step, with no await between them, so attempts that arrive
   * together cannot all pass the check: at most the limit's worth are let through at a time.
   */
  reserve(address: string): AttemptReservation {
    const check = this.check(address);
    if (!check.allowed) return check;
    const attempt = this.record(address);
    let released = false;
    return {
      allowed: true,
      release: () => {
        if (released) return;
        released = true;
        this.remove(address, attempt);
      },
    };
  }

  private record(address: string): Attempt {
    const attempt = { at: this.now() };
    this.everywhere.push(attempt);
    const list = this.byAddress.get(address);
    if (list) list.push(attempt);
    else this.byAddress.set(address, [attempt]);
    return attempt;
  }

  private remove(address: string, attempt: Attempt): void {
    this.everywhere = this.everywhere.filter((a) => a !== attempt);
    const list = this.byAddress.get(address)?.filter((a) => a !== attempt);
    if (list === undefined) return;
    if (list.length === 0) this.byAddress.delete(address);
    else this.byAddress.set(address, list);
  }

  /** Attempts are only counted while not blocked, so these lists stay at most `global` long. */
  private forgetOld(now: number): void {
    const since = now - this.limits.windowMs;
    this.everywhere = this.everywhere.filter((a) => a.at > since);
    for (const [address, attempts] of this.byAddress) {
      const recent = attempts.filter((a) => a.at > since);
      if (recent.length === 0) this.byAddress.delete(address);
      else this.byAddress.set(address, recent);
    }
  }

  private blockedFor(attempts: readonly Attempt[], limit: number, now: number): number | null {
    if (attempts.length < limit) return null;
    // Allowed again once enough of the attempts have left the window.
    const freeing = attempts[attempts.length - limit];
    return freeing === undefined ? null : Math.max(1, freeing.at + this.limits.windowMs - now);
  }
}
