// Tells a keyboard-wedge scanner's burst of keys from a person typing: pure, fed with timestamps.
//
// USB and Bluetooth scanners pretend to be keyboards: they "type" the code a few milliseconds per
// character and press Enter (some are set to Tab). A person at a bench types 100 ms or more apart,
// so a run of printable keys each within `maxGapMs` of the previous, at least `minLength` long
// and ended by Enter or Tab, is a scan. Keys aimed at a text field are never taken: a scan into
// the search box belongs to the search box.
//
// Once a burst has `minLength` keys that fast it is unmistakably a scanner, and a later pause of
// up to `stutterMs` no longer breaks it: a Bluetooth link or a busy tablet stutters mid-code, and
// without this the tail of a long label URL would be taken for a whole code. A person never gets
// that far, because their first `minLength` keys are never all that fast.

export interface WedgeOptions {
  /** The longest pause between two keys of one scan, terminator included. */
  maxGapMs: number;
  /** The fewest characters a scan has; shorter bursts are let through. */
  minLength: number;
  /** The longest pause inside a burst already `minLength` keys long. */
  stutterMs: number;
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = { maxGapMs: 35, minLength: 4, stutterMs: 300 };

/** A scanner never sends more than this; a longer burst is dropped rather than kept growing. */
const MAX_SCAN_LENGTH = 2048;

/** One keydown, reduced to what the detector needs. */
export interface WedgeKey {
  /** KeyboardEvent.key: one character, or a name such as 'Enter', 'Shift', 'ArrowLeft'. */
  key: string;
  /** When it arrived, in milliseconds on any steady clock. */
  at: number;
  /** Aimed at an input, textarea, select or contenteditable (or an IME is composing). */
  inTextField?: boolean;
  /** Ctrl, Alt or Meta held (not AltGr, which some layouts need for '/' or '@'). */
  modified?: boolean;
  /** An auto-repeat of a held key: a person, not a scanner. */
  repeat?: boolean;
}

export type WedgeVerdict =
  /** Not part of a scan (yet): let the key do what it does. */
  | { action: 'pass' }
  /** Part of a running burst: no person types this fast, so keep it from pressing buttons. */
  | { action: 'swallow' }
  /** The burst ended with Enter or Tab: this is what was scanned. */
  | { action: 'scan'; text: string };

/** Keys a scanner may send between characters (Shift for capitals) that neither add nor break. */
const NEUTRAL_KEYS = new Set(['Shift', 'CapsLock', 'AltGraph']);
const TERMINATORS = new Set(['Enter', 'Tab']);

export class WedgeDetector {
  private readonly options: WedgeOptions;
  private buffer = '';
  private lastAt: number | null = null;

  constructor(options: Partial<WedgeOptions> = {}) {
    this.options = { ...DEFAULT_WEDGE_OPTIONS, ...options };
    const { maxGapMs, minLength, stutterMs } = this.options;
    if (!(maxGapMs > 0) || !(minLength >= 1) || !(stutterMs >= maxGapMs)) {
      throw new Error(
        'A wedge detector needs a positive gap, a stutter allowance at least as long, and a minimum length of at least 1.',
      );
    }
  }

  handle(k: WedgeKey): WedgeVerdict {
    if (k.inTextField === true || k.modified === true || k.repeat === true) {
      this.reset();
      return PASS;
    }
    if (NEUTRAL_KEYS.has(k.key)) return PASS;

    const established = this.buffer.length >= this.options.minLength;
    const limit = established ? this.options.stutterMs : this.options.maxGapMs;
    const fast = this.lastAt !== null && k.at - this.lastAt <= limit;
    if (TERMINATORS.has(k.key)) {
      const text = this.buffer;
      this.reset();
      return fast && text.length >= this.options.minLength ? { action: 'scan', text } : PASS;
    }
    if (isPrintable(k.key)) {
      if (fast && this.buffer !== '' && this.buffer.length < MAX_SCAN_LENGTH) {
        this.buffer += k.key;
        this.lastAt = k.at;
        return SWALLOW;
      }
      // A new burst may start here; its first key cannot be told from a person's yet.
      this.buffer = k.key;
      this.lastAt = k.at;
      return PASS;
    }
    // Escape, Backspace, arrows, F-keys…: a person, or a scan broken off.
    this.reset();
    return PASS;
  }

  private reset(): void {
    this.buffer = '';
    this.lastAt = null;
  }
}

const PASS: WedgeVerdict = { action: 'pass' };
const SWALLOW: WedgeVerdict = { action: 'swallow' };

/** One character (one code point, so an emoji counts), not a named key like 'Enter'. */
function isPrintable(key: string): boolean {
  const code = key.codePointAt(0) ?? 0;
  return key.length === (code > 0xffff ? 2 : 1) && code >= 0x20 && code !== 0x7f;
}
