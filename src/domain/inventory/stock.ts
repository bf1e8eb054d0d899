// What the inventory reads off an item's row: on hand (the metal ledger's for stock metal), short
// against its minimum, how many to order, and the words for its category, unit and quantities.
import type { ItemCategory, ItemFields, ItemUnit } from '../../protocol/inventory';
import { STOCK } from '../ledger/accounts';
import type { LedgerState } from '../ledger/ledgerState';
import { balanceOf } from '../ledger/views';
import { alloyById, type AlloyId } from '../metals';
import { roundQuantity, type ItemState } from './itemState';

export const CATEGORY_LABELS: Record<ItemCategory, string> = {
  finding: 'Findings',
  small_part: 'Small parts',
  stone: 'Stones',
  solder: 'Solder',
  stock: 'Metal stock',
  consumable: 'Consumables',
};

/** One of a category, for a form's choice: "Finding", "Stone". */
export const CATEGORY_SINGULAR: Record<ItemCategory, string> = {
  finding: 'Finding',
  small_part: 'Small part',
  stone: 'Stone',
  solder: 'Solder',
  stock: 'Metal stock',
  consumable: 'Consumable',
};

export const UNIT_LABELS: Record<ItemUnit, string> = {
  pcs: 'pieces',
  g: 'grams',
  ml: 'millilitres',
  cm: 'centimetres',
  pair: 'pairs',
};

/** Units counted whole: an order of 2.5 clasps is 3. */
const WHOLE_UNITS: ReadonlySet<ItemUnit> = new Set(['pcs', 'pair']);

export function isWholeUnit(unit: ItemUnit): boolean {
  return WHOLE_UNITS.has(unit);
}

/** A number as the bench reads it: up to three decimals, none when whole, a real minus sign. */
export function quantityNumber(q: number): string {
  const rounded = roundQuantity(q);
  const digits = String(Math.abs(rounded));
  return rounded < 0 ? `−${digits}` : digits;
}

/** "12 pcs", "1 pair", "2 pairs", "3.5 g", "250 ml", "45 cm", "−2 pcs". */
export function quantityText(q: number, unit: ItemUnit): string {
  const n = quantityNumber(q);
  if (unit === 'pair') return `${n} ${Math.abs(roundQuantity(q)) === 1 ? 'pair' : 'pairs'}`;
  return `${n} ${unit}`;
}

/** An item that can be named and listed: its item.added has been folded. */
export type KnownItem = ItemState & { fields: ItemFields };

export function isKnown(item: ItemState): item is KnownItem {
  return item.fields !== null;
}

/** Stock metal whose stock is the metal ledger's (sheet, wire, grain of one alloy). */
export function linkedAlloy(item: KnownItem): AlloyId | null {
  return item.fields.alloyId ?? null;
}

/**
 * On hand now. Stock metal linked to an alloy is what the metal ledger says is in the safe, in
 * grams: the ledger weighs every gram in and out, and the inventory never keeps a second book of
 * it. Everything else is the item's own book.
 */
export function onHandOf(item: KnownItem, ledger: LedgerState | null | undefined): number {
  const alloyId = linkedAlloy(item);
  if (alloyId === null) return item.onHand;
  return ledger ? roundQuantity(balanceOf(ledger, STOCK, alloyId)) : 0;
}

/** "14k yellow gold in the safe": where a linked item's stock is kept. */
export function linkedStockText(alloyId: AlloyId): string {
  let name: string = alloyId;
  try {
    name = alloyById(alloyId).name;
  } catch {
    // An alloy of a newer version: its id says enough.
  }
  return `${name} in the safe (metal ledger, all forms)`;
}

/**
 * Below its minimum, and still kept. A retired item is never short, whatever is left; nor is one
 * with no minimum (0) whose book went below 0: that book is wrong and asks for a count instead.
 */
export function isShort(item: KnownItem, onHand: number): boolean {
  const { retired, minimum } = item.fields;
  return !retired && minimum > 0 && onHand < minimum;
}

/**
 * How many to order of a short item (0 when it is not short), in the item's unit.
 *
 * With a reorder quantity (the supplier's pack, the usual order), whole packs enough to bring the
 * shelf back to its minimum: at least one pack. Without one, what makes it up to the minimum,
 * rounded up to whole pieces or pairs. A book below 0 (a use beyond it, not yet counted) is
 * taken as an empty shelf: the order never buys parts to cover a book that is wrong; the order
 * list says to count it.
 */
export function orderQuantity(item: KnownItem, onHand: number): number {
  if (!isShort(item, onHand)) return 0;
  const { minimum, reorderQuantity, unit } = item.fields;
  const lacking = roundQuantity(minimum - Math.max(onHand, 0));
  if (reorderQuantity !== undefined) {
    const packs = Math.max(1, Math.ceil(roundQuantity(lacking / reorderQuantity)));
    return roundQuantity(packs * reorderQuantity);
  }
  return isWholeUnit(unit) ? Math.ceil(lacking) : lacking;
}

/** One line of the supply order: what to order of one short item, and from whom. */
export interface OrderLine {
  itemId: string;
  name: string;
  category: ItemCategory;
  unit: ItemUnit;
  size?: string;
  code?: string;
  /** Blank when the item names none: such lines come last, under "No supplier named". */
  supplier: string;
  onHand: number;
  minimum: number;
  quantity: number;
  unitCostCents: number | null;
  /** quantity × unit cost, to the cent; null without a cost. */
  lineCents: number | null;
  /** The book is known wrong (a use beyond it): count the shelf before ordering. */
  countFirst: boolean;
  /** Stock metal: its stock is the ledger's; ordered from the metal supplier. */
  alloyId?: AlloyId;
}

export interface ShortItem {
  item: KnownItem;
  onHand: number;
  /** How far below the minimum. */
  shortBy: number;
}

function byName(a: KnownItem, b: KnownItem): number {
  return a.fields.name.localeCompare(b.fields.name) || a.id.localeCompare(b.id);
}

/** Items in the inventory's order: by category (the order of ITEM_CATEGORIES), then by name. */
export function inventoryOrder(items: readonly KnownItem[]): KnownItem[] {
  const rank = Object.keys(CATEGORY_LABELS);
  return [...items].sort(
    (a, b) => rank.indexOf(a.fields.category) - rank.indexOf(b.fields.category) || byName(a, b),
  );
}

/** The shortage list the manager sees: every kept item below its minimum, furthest below first. */
export function shortages(
  items: readonly ItemState[],
  ledger: LedgerState | null | undefined,
): ShortItem[] {
  const short: ShortItem[] = [];
  for (const item of items) {
    if (!isKnown(item)) continue;
    const onHand = onHandOf(item, ledger);
    if (isShort(item, onHand)) {
      short.push({ item, onHand, shortBy: roundQuantity(item.fields.minimum - onHand) });
    }
  }
  // Furthest below its minimum as a share of it first: an empty clasp drawer before a low one.
  const share = (s: ShortItem) => s.shortBy / s.item.fields.minimum;
  return short.sort((a, b) => share(b) - share(a) || byName(a.item, b.item));
}

/** quantity × cents to the cent, rounding half up. */
export function costCents(quantity: number, unitCostCents: number): number {
  return Math.round(roundQuantity(quantity * unitCostCents));
}

/**
 * The supply order: a line per short item with the quantity to order, grouped by supplier (in
 * name order, "no supplier" last) and by category and name within one.
 */
export function supplyOrder(
  items: readonly ItemState[],
  ledger: LedgerState | null | undefined,
): OrderLine[] {
  const lines: OrderLine[] = shortages(items, ledger).map(({ item, onHand }) => {
    const { fields } = item;
    const quantity = orderQuantity(item, onHand);
    const cost = item.unitCostCents;
    const line: OrderLine = {
      itemId: item.id,
      name: fields.name,
      category: fields.category,
      unit: fields.unit,
      supplier: fields.supplier ?? '',
      onHand,
      minimum: fields.minimum,
      quantity,
      unitCostCents: cost,
      lineCents: cost === null ? null : costCents(quantity, cost),
      countFirst: fields.alloyId === undefined && (item.needsCount || onHand < 0),
    };
    if (fields.size !== undefined) line.size = fields.size;
    if (fields.code !== undefined) line.code = fields.code;
    if (fields.alloyId !== undefined) line.alloyId = fields.alloyId;
    return line;
  });
  const rank = Object.keys(CATEGORY_LABELS);
  return lines.sort(
    (a, b) =>
      (a.supplier === '' ? 1 : 0) - (b.supplier === '' ? 1 : 0) ||
      a.supplier.localeCompare(b.supplier) ||
      rank.indexOf(a.category) - rank.indexOf(b.category) ||
      a.name.localeCompare(b.name) ||
      a.itemId.localeCompare(b.itemId),
  );
}

/** The order's lines by supplier, in the order's order. */
export function bySupplier(
  lines: readonly OrderLine[],
): { supplier: string; lines: OrderLine[] }[] {
  const groups: { supplier: string; lines: OrderLine[] }[] = [];
  for (const line of lines) {
    const last = groups.at(-1);
    if (last && last.supplier === line.supplier) last.lines.push(line);
    else groups.push({ supplier: line.supplier, lines: [line] });
  }
  return groups;
}

/** The order's total, of the lines with a cost; and how many lines have none. */
export function orderTotal(lines: readonly OrderLine[]): { cents: number; uncosted: number } {
  let cents = 0;
  let uncosted = 0;
  for (const l of lines) {
    if (l.lineCents === null) uncosted += 1;
    else cents += l.lineCents;
  }
  return { cents, uncosted };
}
