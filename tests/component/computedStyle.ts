// The app's own style sheets in jsdom, so a component test can read the styles the cascade gives an
// element (a touch target's height, a badge's colours). jsdom applies the cascade but resolves no
// var(): the :root custom properties are put in before the sheets are added.
import { readFileSync } from 'node:fs';
import { afterEach } from 'vitest';

const added: HTMLStyleElement[] = [];

afterEach(() => {
  for (const style of added.splice(0)) style.remove();
});

/** The --name: value pairs of the :root rule of styles.css. */
function rootProperties(css: string): Map<string, string> {
  const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  return new Map(
    [...root.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1] ?? '', (m[2] ?? '').trim()]),
  );
}

/** Adds src/styles.css and the given sheets (paths from the repository root) to the document. */
export function useAppStyles(...sheets: string[]): void {
  const base = readFileSync('src/styles.css', 'utf8');
  const vars = rootProperties(base);
  const css = [base, ...sheets.map((p) => readFileSync(p, 'utf8'))]
    .join('\n')
    .replace(/var\((--[\w-]+)\)/g, (all, name: string) => vars.get(name) ?? all);
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  added.push(style);
}

/** A computed length in px (jsdom gives what the sheet says: "48px"); NaN for none or auto. */
export function px(el: Element, property: string): number {
  return Number.parseFloat(getComputedStyle(el).getPropertyValue(property));
}

function channels(color: string): [number, number, number, number] {
  const m = /rgba?\(([^)]+)\)/.exec(color);
  if (!m) throw new Error(`Not a computed colour: ${color}`);
  const [r = 0, g = 0, b = 0, a = 1] = (m[1] ?? '').split(/[\s,/]+/).map(Number);
  return [r, g, b, a];
}

function luminance(color: string): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = channels(color);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The first opaque background at or behind an element. */
export function backgroundOf(el: Element): string {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (bg !== '' && channels(bg)[3] >= 0.99) return bg;
  }
  return 'rgb(255, 255, 255)';
}

/** The WCAG contrast ratio of two computed colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
