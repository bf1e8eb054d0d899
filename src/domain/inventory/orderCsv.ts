// The supply order as a CSV file for the supplier's web shop or the accountant: one row per line,
// RFC 4180 (CRLF, quoted where needed), text that a spreadsheet would take for a formula guarded.
import { CATEGORY_LABELS, type OrderLine } from './stock';

export const ORDER_CSV_COLUMNS = [
  'Supplier',
  'Item',
  'Code',
  'Size',
  'Category',
  'Unit',
  'On hand',
  'Minimum',
  'Order',
  'Unit cost',
  'Line total',
  'Note',
] as const;

/** A number as the CSV writes it: digits, a dot, a minus sign; never quoted, never guarded. */
interface NumberCell {
  number: string;
}
type Cell = string | NumberCell;

function quantityCell(q: number): NumberCell {
  return { number: String(Math.round(q * 1000) / 1000) };
}

/** Cents with two decimals: "12.50". */
function moneyCell(cents: number): NumberCell {
  const abs = Math.abs(cents);
  return {
    number: `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`,
  };
}

/**
 * Text starting with = + - @ (or a tab or carriage return) is a formula to Excel and Sheets: it
 * gets a leading apostrophe (OWASP, "CSV Injection"). An item named "=HYPERLINK(…)" stays text.
 */
function guarded(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function field(cell: Cell | undefined): string {
  if (cell === undefined) return '';
  const text = typeof cell === 'string' ? guarded(cell) : cell.number;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function noteOf(line: OrderLine): string {
  if (line.countFirst) return 'Count the shelf first: the book is below what was used';
  if (line.alloyId !== undefined) return 'Stock metal: on hand from the metal ledger';
  return '';
}

/** The order lines as CSV text: a header row, then one row per line in the order given. */
export function orderCsv(lines: readonly OrderLine[]): string {
  const rows: Cell[][] = [[...ORDER_CSV_COLUMNS]];
  for (const l of lines) {
    rows.push([
      l.supplier,
      l.name,
      l.code ?? '',
      l.size ?? '',
      CATEGORY_LABELS[l.category],
      l.unit,
      quantityCell(l.onHand),
      quantityCell(l.minimum),
      quantityCell(l.quantity),
      l.unitCostCents === null ? '' : moneyCell(l.unitCostCents),
      l.lineCents === null ? '' : moneyCell(l.lineCents),
      noteOf(l),
    ]);
  }
  return `${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

/** "supply-order-2026-11-23.csv". */
export function orderFilename(day: string): string {
  return `supply-order-${day}.csv`;
}
