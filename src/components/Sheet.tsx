// A sheet over the page: a modal dialog rendered at the end of the body, never inside what opened it,
// so it takes the page's colours and not those of the header its button sits in.
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';

export function Sheet({
  label,
  onClose,
  children,
}: {
  /** The dialog's accessible name. */
  label: string;
  /** A tap outside the sheet closes it. */
  onClose: () => void;
  children: ReactNode;
}) {
  return createPortal(
    <div className="sheet-backdrop" onClick={onClose}>
      <div
        className="sheet"
        role="dialog"
        aria-modal="true"
        aria-label={label}
        onClick={(e) => e.stopPropagation()}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}
