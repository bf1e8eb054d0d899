// Stock → Shortages: what the manager sees, every kept item below its minimum, furthest below first,
// with what the order list will ask for.
import { Link } from 'react-router';
import { orderQuantity, quantityText, type ShortItem } from '../../domain/inventory/stock';

export function ShortagesTab({ short }: { short: readonly ShortItem[] }) {
  if (short.length === 0) {
    return (
      <p className="muted inv-none" role="status">
        Nothing is short: every item is at or above its minimum.
      </p>
    );
  }
  return (
    <section className="tp-card" aria-label="Shortage list">
      <h3>{short.length === 1 ? 'One item is' : `${short.length} items are`} below the minimum</h3>
      <ul className="inv-list">
        {short.map(({ item, onHand, shortBy }) => {
          const { unit, minimum, supplier, name } = item.fields;
          return (
            <li key={item.id} className="inv-row inv-standing-short" aria-label={name}>
              <Link to={`/inventory/items/${item.id}`} className="inv-row-link">
                <span className="inv-row-name">{name}</span>
                <span className="inv-row-sub">{supplier ?? 'No supplier named'}</span>
              </Link>
              <span className="inv-row-stock">
                <span>
                  {quantityText(onHand, unit)} of minimum {quantityText(minimum, unit)}
                </span>
                <strong className="inv-flag inv-flag-short">
                  {quantityText(shortBy, unit)} short · order{' '}
                  {quantityText(orderQuantity(item, onHand), unit)}
                </strong>
                {item.needsCount && <span className="inv-flag inv-flag-count">Count it first</span>}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
