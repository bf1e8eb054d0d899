// Stock → Items: every item by kind, found by words or by its code (typed, or scanned by a keyboard-
// wedge scanner into the search box, whose Enter opens the item it names), on hand against minimum.
import { useId, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { itemsWithCode, searchItems } from '../../domain/inventory/search';
import { CATEGORY_LABELS, onHandOf, type KnownItem } from '../../domain/inventory/stock';
import type { LedgerState } from '../../domain/ledger/ledgerState';
import { ITEM_CATEGORIES, type ItemCategory } from '../../protocol/inventory';
import { itemSubtitle, onHandLine, STANDING_WORDS, standingOf } from './inventoryText';

export function ItemsTab({ items, ledger }: { items: readonly KnownItem[]; ledger: LedgerState }) {
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<ItemCategory | null>(null);
  const [showRetired, setShowRetired] = useState(false);
  const navigate = useNavigate();
  const searchId = useId();
  const kept = showRetired ? items : items.filter((i) => !i.fields.retired);
  const found = searchItems(kept, query, category);

  // A scanner ends the code with Enter: the one item with that code opens.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const exact = itemsWithCode(items, query);
    const only = exact.length === 1 ? exact[0] : found.length === 1 ? found[0] : undefined;
    if (only) void navigate(`/inventory/items/${only.id}`);
  };

  const groups = ITEM_CATEGORIES.map((c) => ({
    category: c,
    items: found.filter((i) => i.fields.category === c),
  })).filter((g) => g.items.length > 0);

  return (
    <div className="inv-items">
      <div className="tp-field inv-search">
        <label htmlFor={searchId} className="tp-label">
          Find an item
        </label>
        <input
          id={searchId}
          type="search"
          value={query}
          autoComplete="off"
          placeholder="Name, size or code — or scan the bag"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <div className="choice-group" role="group" aria-label="Kind of item">
        <button
          type="button"
          className={category === null ? 'choice selected' : 'choice'}
          aria-pressed={category === null}
          onClick={() => setCategory(null)}
        >
          All
        </button>
        {ITEM_CATEGORIES.map((c) => (
          <button
            key={c}
            type="button"
            className={category === c ? 'choice selected' : 'choice'}
            aria-pressed={category === c}
            onClick={() => setCategory(category === c ? null : c)}
          >
            {CATEGORY_LABELS[c]}
          </button>
        ))}
        <button
          type="button"
          className={showRetired ? 'choice selected' : 'choice'}
          aria-pressed={showRetired}
          onClick={() => setShowRetired(!showRetired)}
        >
          Show retired
        </button>
      </div>
      {items.length === 0 ? (
        <p className="muted">
          No items yet. Add the findings, stones, solder and consumables the shop keeps: each gets
          its minimum, and the shortage list and the supply order follow from it.
        </p>
      ) : groups.length === 0 ? (
        <p className="muted">No item matches “{query}”.</p>
      ) : (
        groups.map((g) => (
          <section
            key={g.category}
            className="tp-card inv-group"
            aria-label={CATEGORY_LABELS[g.category]}
          >
            <h3>{CATEGORY_LABELS[g.category]}</h3>
            <ul className="inv-list">
              {g.items.map((item) => (
                <ItemRow key={item.id} item={item} onHand={onHandOf(item, ledger)} />
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}

function ItemRow({ item, onHand }: { item: KnownItem; onHand: number }) {
  const standing = standingOf(item, onHand);
  const subtitle = itemSubtitle(item.fields);
  return (
    <li className={`inv-row inv-standing-${standing}`} aria-label={item.fields.name}>
      <Link to={`/inventory/items/${item.id}`} className="inv-row-link">
        <span className="inv-row-name">{item.fields.name}</span>
        {subtitle !== '' && <span className="inv-row-sub">{subtitle}</span>}
      </Link>
      <span className="inv-row-stock">
        <span>{onHandLine(item, onHand)}</span>
        {standing !== 'ok' && (
          <strong className={`inv-flag inv-flag-${standing}`}>
            {standing === 'count' ? 'Count it' : STANDING_WORDS[standing]}
          </strong>
        )}
      </span>
    </li>
  );
}
