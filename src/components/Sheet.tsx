// A sheet over the page: a modal dialog rendered at the end of the body, never inside what opened it,
// so it takes the page's colours and not those of the header its button sits in.
import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export function Sheet({
  label,
  onClose,
  focusKey,
  children,
}: {
  /** The dialog's accessible name. */
  label: string;
  /** A tap outside the sheet closes it. */
  onClose: () => void;
  /**
   * For a sheet no tap opened (a scan's): it takes the focus when it opens and whenever this
   * changes, so Escape (which then closes it) and a screen reader start from it.
   */
  focusKey?: unknown;
  children: ReactNode;
}) {
  const sheetRef = useRef<HTMLDivElement>(null);
  const takesFocus = focusKey !== undefined;
  useEffect(() => {
    if (takesFocus) sheetRef.current?.focus();
  }, [takesFocus, focusKey]);
  return createPortal(
    <div className="sheet-backdrop" onClick={onClose}>
      <div
        ref={sheetRef}
        className="sheet"
        role="dialog"
        aria-modal="true"
        aria-label={label}
        tabIndex={takesFocus ? -1 : undefined}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={
          takesFocus
            ? (e) => {
                if (e.key === 'Escape') onClose();
              }
            : undefined
        }
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}
