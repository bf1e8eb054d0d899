// Words the inventory screens show: an item's standing against its minimum, a movement in a line,
// a change to an item, and reading a quantity typed on the number pad.
import { parseDecimal } from '../../components/fields/FieldInput';
import type { ItemMovement } from '../../domain/inventory/itemState';
import {
  CATEGORY_SINGULAR,
  isShort,
  isWholeUnit,
  quantityText,
  type KnownItem,
} from '../../domain/inventory/stock';
import type { ItemFields, ItemUnit } from '../../protocol/inventory';
import { alloyName, moneyText } from '../metal/metalText';

/** What the item's row flags, in words (never colour alone). */
export type Standing = 'retired' | 'count' | 'short' | 'ok';

export function standingOf(item: KnownItem, onHand: number): Standing {
  if (item.fields.retired) return 'retired';
  if (item.fields.alloyId === undefined && (item.needsCount || onHand < 0)) return 'count';
  return isShort(item, onHand) ? 'short' : 'ok';
}

export const STANDING_WORDS: Record<Standing, string> = {
  retired: 'Retired',
  count: 'Count it: the book is below what was used',
  short: 'Short',
  ok: '',
};

/** "12 pcs on hand · minimum 20". */
export function onHandLine(item: KnownItem, onHand: number): string {
  const { unit, minimum } = item.fields;
  const min = minimum > 0 ? ` · minimum ${quantityText(minimum, unit)}` : ' · no minimum';
  return `${quantityText(onHand, unit)} on hand${min}`;
}

/** "Finding · 4 mm · JR-4". */
export function itemSubtitle(fields: ItemFields): string {
  return [CATEGORY_SINGULAR[fields.category], fields.size, fields.code]
    .filter((t): t is string => t !== undefined && t !== '')
    .join(' · ');
}

/** A quantity typed for `unit`, or the words saying what is wrong with it. */
export function readQuantity(
  text: string,
  unit: ItemUnit,
  { zeroAllowed = false }: { zeroAllowed?: boolean } = {},
): number | string {
  if (text.trim() === '') return 'Enter the quantity.';
  const q = parseDecimal(text);
  if (q === undefined || q < 0) return 'Enter the quantity as a number, like 3 or 2.5.';
  if (q === 0 && !zeroAllowed) return 'A quantity must be more than 0.';
  if (isWholeUnit(unit) && !Number.isInteger(q)) {
    return `Count in whole ${unit === 'pcs' ? 'pieces' : 'pairs'}.`;
  }
  return q;
}

/** A movement in words: "Received 50 pcs from Rio Grande", "Counted 44 pcs (book 46: 2 fewer)". */
export function movementText(
  m: ItemMovement,
  unit: ItemUnit,
  envelopeOf: (jobId: string) => string | undefined,
): string {
  const q = quantityText(m.quantity, unit);
  const job = m.jobId === undefined ? '' : ` on job ${envelopeOf(m.jobId) ?? m.jobId.slice(-6)}`;
  switch (m.kind) {
    case 'received': {
      const from = m.supplier ? ` from ${m.supplier}` : '';
      const cost = m.unitCostCents === undefined ? '' : ` at ${moneyText(m.unitCostCents)} each`;
      return `Received ${q}${from}${cost}`;
    }
    case 'used':
      return m.jobId === undefined ? `Used ${q} in the shop` : `Used ${q}${job}`;
    case 'returned':
      return `Put back ${q}${job}`;
    case 'counted': {
      const before = m.bookBefore ?? m.quantity;
      const diff = Math.round((m.quantity - before) * 1000) / 1000;
      const said =
        diff === 0
          ? 'as the book said'
          : `the book said ${quantityText(before, unit)}: ${quantityText(Math.abs(diff), unit)} ${diff < 0 ? 'fewer' : 'more'}`;
      return `Counted ${q} (${said})`;
    }
  }
}

const FIELD_WORDS: Record<keyof ItemFields, string> = {
  name: 'name',
  category: 'kind',
  unit: 'unit',
  description: 'description',
  size: 'size',
  code: 'code',
  supplier: 'supplier',
  minimum: 'minimum',
  reorderQuantity: 'reorder quantity',
  unitCostCents: 'cost',
  alloyId: 'metal',
  retired: 'retired',
};

/** "minimum 30, size cleared", "retired", "brought back". */
export function changesText(changes: Partial<ItemFields>, unit: ItemUnit): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(changes) as [keyof ItemFields, unknown][]) {
    if (key === 'retired') {
      parts.push(value === true ? 'retired' : 'brought back');
    } else if (value === '') {
      parts.push(`${FIELD_WORDS[key]} cleared`);
    } else if (key === 'minimum' || key === 'reorderQuantity') {
      parts.push(`${FIELD_WORDS[key]} ${quantityText(Number(value), unit)}`);
    } else if (key === 'unitCostCents') {
      parts.push(`cost ${moneyText(Number(value))}`);
    } else if (key === 'category') {
      parts.push(`kind ${CATEGORY_SINGULAR[value as ItemFields['category']].toLowerCase()}`);
    } else if (key === 'alloyId') {
      parts.push(`metal ${alloyName(String(value))}`);
    } else {
      parts.push(`${FIELD_WORDS[key]} ${String(value)}`);
    }
  }
  return parts.join(', ');
}
