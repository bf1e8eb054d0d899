// The inventory (/inventory): findings, parts, stones, solder, stock and consumables; receive, count, the shortage list and the supply order.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { AddressTabList } from '../../components/AddressTabList';
import { SignInPanel } from '../../components/staff/SignInPanel';
import { useCurrentStaff } from '../../components/staff/useCurrentStaff';
import { useAddressTabs } from '../../components/useAddressTabs';
import { db } from '../../db';
import { addItem } from '../../db/inventoryOperations';
import { useInventory } from '../../db/inventoryQueries';
import { shortages } from '../../domain/inventory/stock';
import { ItemFormSheet } from './ItemForm';
import { ItemsTab } from './ItemsTab';
import { OrderTab } from './OrderTab';
import { ShortagesTab } from './ShortagesTab';
import '../casting/tree/tree.css';
import '../metal/metal.css';
import './inventory.css';

const TABS = [
  { id: 'items', label: 'Items' },
  { id: 'shortages', label: 'Shortages' },
  { id: 'order', label: 'Order list' },
] as const;

export function InventoryScreen() {
  const tabs = useAddressTabs('tab', TABS, 'items');
  const { current } = tabs;
  const inventory = useInventory();
  const actor = useCurrentStaff();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const short = inventory ? shortages(inventory.items, inventory.ledger) : undefined;
  // The count is in the tab's name, so the manager sees it from any tab (and a screen reader says it).
  const items = TABS.map((t) =>
    t.id === 'shortages' && short !== undefined && short.length > 0
      ? { id: t.id, label: `Shortages (${short.length})` }
      : t,
  );

  return (
    <section className="inv">
      <div className="inv-head no-print">
        <h2>Stock</h2>
        {actor && (
          <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
            Add item…
          </button>
        )}
      </div>
      {actor === null && (
        <section className="tp-card no-print">
          <p>
            <strong>Sign in to add items or record stock.</strong> Everything here can be read
            without.
          </p>
          <SignInPanel />
        </section>
      )}
      <AddressTabList tabs={tabs} items={items} label="Stock" className="inv-tabs no-print" />
      <div id={tabs.panelId} role="tabpanel" aria-labelledby={tabs.tabId(current)}>
        {inventory === undefined || short === undefined ? (
          <p className="tp-loading">Reading the inventory…</p>
        ) : current === 'items' ? (
          <ItemsTab items={inventory.items} ledger={inventory.ledger} />
        ) : current === 'shortages' ? (
          <ShortagesTab short={short} />
        ) : (
          <OrderTab items={inventory.items} ledger={inventory.ledger} />
        )}
      </div>
      {adding && actor && (
        <ItemFormSheet
          title="Add an item"
          fields={null}
          submitLabel="Add item"
          onSave={async (fields) => {
            const itemId = await addItem(db, fields, actor.id);
            void navigate(`/inventory/items/${itemId}`);
          }}
          onClose={() => setAdding(false)}
        />
      )}
    </section>
  );
}
