// The row of tab buttons for a screen whose chosen tab lives in the address (useAddressTabs): one
// look and one keyboard behaviour for every such screen (Metal, Custody).
import type { AddressTabs } from './useAddressTabs';
import './addressTabs.css';

export interface AddressTabListProps<Id extends string> {
  tabs: AddressTabs<Id>;
  items: readonly { id: Id; label: string }[];
  /** The tab list's accessible name, e.g. "Metal". */
  label: string;
  /** A screen's own class on the list as well (its print rules may hide it, say). */
  className?: string;
}

export function AddressTabList<Id extends string>({
  tabs,
  items,
  label,
  className,
}: AddressTabListProps<Id>) {
  const { current } = tabs;
  return (
    <div
      className={className ? `address-tabs ${className}` : 'address-tabs'}
      role="tablist"
      aria-label={label}
      onKeyDown={tabs.onKeyDown}
    >
      {items.map((t) => (
        <button
          key={t.id}
          id={tabs.tabId(t.id)}
          type="button"
          role="tab"
          aria-selected={t.id === current}
          aria-controls={tabs.panelId}
          tabIndex={t.id === current ? 0 : -1}
          className={t.id === current ? 'address-tab selected' : 'address-tab'}
          onClick={() => tabs.choose(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
