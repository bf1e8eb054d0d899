// What an envelope label says, as pure functions: the customer's initials, the promised day, formats.
import { templateFor, type ServiceKind } from '../../domain/checklists';

/** Endings that are not a family name ("Jr.", "III"): a label reads "J. S.", not "J. J.". */
const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'v']);
const LETTER = /\p{L}/u;

function initialOf(word: string): string {
  const from = word.search(LETTER);
  const rest = word.slice(from);
  // One grapheme, so a letter written with a combining accent keeps its accent.
  const first = Array.from(
    new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(rest),
  )[0];
  return `${(first?.segment ?? rest.charAt(0)).toUpperCase()}.`;
}

/**
 * The customer's initials for an envelope that travels the shop, where a full name has no business:
 * the first letter of the first name and of the family name (the last word), accents kept.
 * "Anna Lindqvist" → "A. L."; "Óscar de la Núñez" → "Ó. N." (particles and middle names are skipped);
 * "Cher" → "C."; "Lindqvist, Anna" (family name first, with a comma) → "A. L."; "John Smith Jr." →
 * "J. S.". Words with no letter are ignored; a name with no letter at all gives ''.
 */
export function customerInitials(name: string): string {
  const normalized = name.normalize('NFC');
  const comma = normalized.indexOf(',');
  const ordered =
    comma === -1 ? normalized : `${normalized.slice(comma + 1)} ${normalized.slice(0, comma)}`;
  const words = ordered.split(/\s+/).filter((w) => LETTER.test(w));
  while (
    words.length > 1 &&
    NAME_SUFFIXES.has((words.at(-1) ?? '').toLowerCase().replace(/\.$/, ''))
  ) {
    words.pop();
  }
  const first = words[0];
  if (first === undefined) return '';
  const last = words.length > 1 ? words.at(-1) : undefined;
  return last === undefined ? initialOf(first) : `${initialOf(first)} ${initialOf(last)}`;
}

/** The service as the bench calls it; a kind from a newer app version is shown by its key. */
export function serviceName(kind: ServiceKind): string {
  try {
    return templateFor(kind).name;
  } catch {
    return kind.replace(/_/g, ' ');
  }
}

export function itemKindName(kind: string): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

/**
 * The two things a label is printed on. `qrSize` includes the 4-module quiet zone: the code itself is
 * about 27 mm across on tape and 36 mm on an envelope, more than the 25 mm a tablet camera needs from
 * arm's length.
 */
export const LABEL_FORMATS = {
  /** The front of a standard small repair envelope, about 3.5 × 6.5 in, flap at the top. */
  envelope: { name: 'Repair envelope', widthMm: 89, heightMm: 165, qrSize: '45mm' },
  /** Brother QL-style continuous 62 mm tape, cut at 100 mm. */
  label62: { name: '62 mm label', widthMm: 62, heightMm: 100, qrSize: '34mm' },
} as const;

export type LabelFormat = keyof typeof LABEL_FORMATS;
export const DEFAULT_LABEL_FORMAT: LabelFormat = 'envelope';

export function isLabelFormat(x: unknown): x is LabelFormat {
  return typeof x === 'string' && Object.hasOwn(LABEL_FORMATS, x);
}

/**
 * The page rules for printing `format`. @page cannot be scoped by a class, and the app's CSS stays
 * loaded after this screen is left, so these live in a <style> the label screen renders: they apply
 * only while it is on screen, and printing any other screen is left as it was.
 */
export function printCss(format: LabelFormat): string {
  const { widthMm, heightMm } = LABEL_FORMATS[format];
  return `@page { size: ${widthMm}mm ${heightMm}mm; margin: 0; }
@media print {
  .app-header, .app-nav, .update-prompt, .sheet-backdrop, .no-print { display: none !important; }
  html, body { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  .app { display: block !important; min-height: 0 !important; }
  .app-main { padding: 0 !important; overflow: visible !important; }
}`;
}
