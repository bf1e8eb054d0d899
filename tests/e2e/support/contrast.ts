// Contrast read off what real Chromium computed: every text in a part of the page against the first
// opaque background behind it, at 4.5:1 or more (WCAG AA).
import { expect, type Locator } from '@playwright/test';

interface Reading {
  text: string;
  ratio: number;
}

/** The contrast of every element with text of its own in `sheet`, against what is behind it. */
async function contrasts(sheet: Locator): Promise<Reading[]> {
  return sheet.evaluate((root) => {
    const rgba = (css: string): [number, number, number, number] => {
      const m = /rgba?\(([^)]+)\)/.exec(css);
      const [r = 0, g = 0, b = 0, a = 1] = (m?.[1] ?? '0,0,0,0')
        .split(/[ ,/]+/)
        .filter((p) => p !== '')
        .map(Number);
      return [r, g, b, m?.[1]?.split(/[ ,/]+/).filter((p) => p !== '').length === 3 ? 1 : a];
    };
    const luminance = ([r, g, b]: number[]) => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r ?? 0) + 0.7152 * lin(g ?? 0) + 0.0722 * lin(b ?? 0);
    };
    /** The first opaque background behind an element (the sheet has one of its own). */
    const background = (el: Element): number[] => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const bg = rgba(getComputedStyle(e).backgroundColor);
        if (bg[3] >= 0.99) return bg.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const readings: { text: string; ratio: number }[] = [];
    for (const el of [root, ...root.querySelectorAll('*')]) {
      const own = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent?.trim() ?? '')
        .join(' ')
        .trim();
      const box = el.getBoundingClientRect();
      if (own === '' || box.width === 0 || box.height === 0) continue;
      const fg = luminance(rgba(getComputedStyle(el).color));
      const bg = luminance(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      readings.push({ text: own.slice(0, 60), ratio: Math.round(ratio * 100) / 100 });
    }
    return readings;
  });
}

/** Every text in `part` reads at 4.5:1 or more against what is behind it. */
export async function expectReadable(sheet: Locator): Promise<void> {
  const readings = await contrasts(sheet);
  expect(readings.length).toBeGreaterThan(3);
  const faint = readings.filter((r) => r.ratio < 4.5);
  expect(faint, 'texts under 4.5:1').toEqual([]);
}
