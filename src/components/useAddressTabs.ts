// A tab list whose chosen tab lives in the address (`?name=id`), so coming back to the screen opens
// the same tab; arrow keys move between tabs, as a tab list does for a keyboard or switch user.
import { useId, type KeyboardEvent } from 'react';
import { useSearchParams } from 'react-router';

export interface AddressTabs<Id extends string> {
  current: Id;
  choose: (id: Id) => void;
  onKeyDown: (e: KeyboardEvent) => void;
  /** The element id of a tab's button, and of the one panel the tabs control. */
  tabId: (id: Id) => string;
  panelId: string;
}

export function useAddressTabs<Id extends string>(
  param: string,
  tabs: readonly { id: Id }[],
  fallback: Id,
): AddressTabs<Id> {
  const baseId = useId();
  const [params, setParams] = useSearchParams();
  const asked = params.get(param);
  const current = tabs.find((t) => t.id === asked)?.id ?? fallback;
  const tabId = (id: Id) => `${baseId}-tab-${id}`;
  const choose = (id: Id) => {
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set(param, id);
        return next;
      },
      { replace: true },
    );
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const at = tabs.findIndex((t) => t.id === current);
    const step = e.key === 'ArrowRight' ? 1 : tabs.length - 1;
    const next = tabs[(at + step) % tabs.length];
    if (next) {
      choose(next.id);
      document.getElementById(tabId(next.id))?.focus();
    }
  };
  return { current, choose, onKeyDown, tabId, panelId: `${baseId}-panel` };
}
