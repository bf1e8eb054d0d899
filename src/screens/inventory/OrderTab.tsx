// Stock → Order list: the supply order, what to order of each short item, grouped by supplier;
// printed on plain A4 (only the order comes out) or exported as a CSV file for the supplier.
import { useEffect, useState } from 'react';
import { dayText, localDay } from '../../domain/dates';
import { orderCsv, orderFilename } from '../../domain/inventory/orderCsv';
import {
  bySupplier,
  orderTotal,
  quantityText,
  supplyOrder,
  type KnownItem,
  type OrderLine,
} from '../../domain/inventory/stock';
import type { LedgerState } from '../../domain/ledger/ledgerState';
import { moneyText } from '../metal/metalText';

/**
 * While this tab shows, printing leaves out the app's frame, the tabs and the toolbar: only the
 * order, on A4. @page cannot be scoped by a class, so it lives in a <style> this tab renders.
 */
const ORDER_PRINT_CSS = `@page { size: A4; margin: 15mm; }
@media print {
  .app-header, .app-nav, .update-prompt, .sheet-backdrop, .no-print { display: none !important; }
  html, body { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  .app { display: block !important; min-height: 0 !important; }
  .app-main { padding: 0 !important; overflow: visible !important; }
}`;

interface Saved {
  url: string;
  filename: string;
}

export function OrderTab({ items, ledger }: { items: readonly KnownItem[]; ledger: LedgerState }) {
  const lines = supplyOrder(items, ledger);
  const today = localDay();
  const [saved, setSaved] = useState<Saved | null>(null);
  // An object URL holds its file until revoked: the last one goes when a new one is made or the
  // tab closes.
  useEffect(() => {
    if (!saved) return;
    return () => URL.revokeObjectURL(saved.url);
  }, [saved]);

  const exportCsv = () => {
    // A byte-order mark first, so a spreadsheet opens it as UTF-8 (names with accents).
    const file = new Blob(['\uFEFF', orderCsv(lines)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(file);
    const filename = orderFilename(today);
    setSaved({ url, filename });
    // A link clicked at once downloads without leaving the page (the app stays where it is offline).
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.click();
  };

  const total = orderTotal(lines);
  return (
    <div className="inv-order">
      <style>{ORDER_PRINT_CSS}</style>
      <div className="tp-actions no-print">
        <button
          type="button"
          className="button button-primary"
          disabled={lines.length === 0}
          onClick={() => window.print()}
        >
          Print
        </button>
        <button type="button" className="button" disabled={lines.length === 0} onClick={exportCsv}>
          Export CSV
        </button>
      </div>
      {saved && (
        <p className="ok no-print" role="status">
          Saved as{' '}
          <a href={saved.url} download={saved.filename}>
            {saved.filename}
          </a>
          . Tap the name to save it again.
        </p>
      )}
      {lines.length === 0 ? (
        <p className="muted inv-none">Nothing to order: no item is below its minimum.</p>
      ) : (
        <section className="tp-card inv-order-sheet" aria-label="Supply order">
          <h3>Supply order · {dayText(today)}</h3>
          {bySupplier(lines).map((group) => (
            <SupplierOrder key={group.supplier} supplier={group.supplier} lines={group.lines} />
          ))}
          <p className="inv-order-total">
            <strong>
              {lines.length === 1 ? 'One line' : `${lines.length} lines`}
              {total.uncosted < lines.length && ` · about ${moneyText(total.cents)}`}
            </strong>
            {total.uncosted === lines.length
              ? ' (no costs known)'
              : total.uncosted > 0 &&
                ` (${total.uncosted === 1 ? 'one line has' : `${total.uncosted} lines have`} no cost)`}
          </p>
        </section>
      )}
    </div>
  );
}

function SupplierOrder({ supplier, lines }: { supplier: string; lines: readonly OrderLine[] }) {
  const name = supplier === '' ? 'No supplier named' : supplier;
  return (
    <section className="inv-order-group" aria-label={name}>
      <h4>{name}</h4>
      <table className="metal-table inv-order-table">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Code</th>
            <th scope="col" className="metal-num">
              On hand
            </th>
            <th scope="col" className="metal-num">
              Minimum
            </th>
            <th scope="col" className="metal-num">
              Order
            </th>
            <th scope="col" className="metal-num">
              Cost
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.itemId}>
              <th scope="row">
                {l.name}
                {l.size !== undefined && <span className="inv-row-sub"> · {l.size}</span>}
                {l.countFirst && <span className="inv-flag inv-flag-count"> · count it first</span>}
              </th>
              <td>{l.code ?? ''}</td>
              <td className="metal-num">{quantityText(l.onHand, l.unit)}</td>
              <td className="metal-num">{quantityText(l.minimum, l.unit)}</td>
              <td className="metal-num">
                <strong>{quantityText(l.quantity, l.unit)}</strong>
              </td>
              <td className="metal-num">{l.lineCents === null ? '—' : moneyText(l.lineCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
