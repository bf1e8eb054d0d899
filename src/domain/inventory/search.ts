// Finding an item: by words of its name, size, code or supplier, and by a code scanned off its bag
// or typed (a keyboard-wedge scanner types the code into the search field).
import type { ItemCategory } from '../../protocol/inventory';
import type { KnownItem } from './stock';

/** A code as it is compared: trimmed, case and inner spaces ignored ("jr-4 mm" finds "JR-4MM"). */
export function codeKey(code: string): string {
  return code.trim().toLowerCase().replace(/\s+/g, '');
}

function words(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Every word typed is in the item's name, size, code, description or supplier (any order). */
export function itemMatches(item: KnownItem, query: string): boolean {
  const typed = words(query);
  if (typed.length === 0) return true;
  const { name, size, code, description, supplier } = item.fields;
  const haystack = [name, size, code, description, supplier]
    .filter((t): t is string => t !== undefined)
    .join(' ')
    .toLowerCase();
  return typed.every((w) => haystack.includes(w));
}

/** The items whose code is exactly this one (two tablets may have given one code twice offline). */
export function itemsWithCode(items: readonly KnownItem[], code: string): KnownItem[] {
  const key = codeKey(code);
  if (key === '') return [];
  return items.filter((i) => i.fields.code !== undefined && codeKey(i.fields.code) === key);
}

/**
 * What a search shows: an exact code first (what a scan finds), then the word matches, each in the
 * order given, in one category or all.
 */
export function searchItems(
  items: readonly KnownItem[],
  query: string,
  category: ItemCategory | null = null,
): KnownItem[] {
  const inCategory =
    category === null ? items : items.filter((i) => i.fields.category === category);
  const exact = itemsWithCode(inCategory, query);
  const rest = inCategory.filter((i) => !exact.includes(i) && itemMatches(i, query));
  return [...exact, ...rest];
}
