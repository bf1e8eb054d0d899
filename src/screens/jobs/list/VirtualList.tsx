// A list of fixed-height rows that renders only what is on screen: 10,000 jobs scroll like 10.
import { useEffect, useRef, useState, type ReactNode, type UIEvent } from 'react';

/** Rows drawn above and below the visible ones, so a fast flick does not show blank space. */
export const OVERSCAN = 6;
/** Rows drawn when the list cannot be measured (no layout yet, or jsdom in tests). */
export const UNMEASURED_ROWS = 30;

export interface VirtualListProps<T> {
  items: readonly T[];
  /** The height of every row in CSS pixels; the spacer is `items.length × rowHeight` tall. */
  rowHeight: number;
  getKey: (item: T) => string;
  renderItem: (item: T, index: number) => ReactNode;
  /** The accessible name of the list. */
  label: string;
  className?: string;
  id?: string;
}

/** The rows to draw, [first, end), for a scroll position and a viewport height (0 = unknown). */
export function visibleRange(
  count: number,
  rowHeight: number,
  scrollTop: number,
  viewport: number,
): { first: number; end: number } {
  const top = Math.max(0, scrollTop);
  const firstVisible = Math.floor(top / rowHeight);
  const first = Math.max(0, Math.min(firstVisible - OVERSCAN, count - 1));
  const end =
    viewport > 0
      ? Math.ceil((top + viewport) / rowHeight) + OVERSCAN
      : firstVisible + UNMEASURED_ROWS;
  return { first, end: Math.max(first, Math.min(count, end)) };
}

export function VirtualList<T>({
  items,
  rowHeight,
  getKey,
  renderItem,
  label,
  className,
  id,
}: VirtualListProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(0);

  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const measure = () => {
      setViewport(element.clientHeight);
    };
    // The container's own size changes with the window, the keyboard and the header wrapping.
    if (typeof ResizeObserver !== 'undefined') {
      const observer = new ResizeObserver(measure);
      observer.observe(element);
      return () => {
        observer.disconnect();
      };
    }
    measure();
    window.addEventListener('resize', measure);
    return () => {
      window.removeEventListener('resize', measure);
    };
  }, []);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    setScrollTop(event.currentTarget.scrollTop);
  };

  const count = items.length;
  const { first, end } = visibleRange(count, rowHeight, scrollTop, viewport);
  const rows: ReactNode[] = [];
  for (let index = first; index < end; index++) {
    const item = items[index] as T;
    rows.push(
      <div
        key={getKey(item)}
        role="listitem"
        aria-posinset={index + 1}
        aria-setsize={count}
        className="vlist-row"
        style={{ height: rowHeight, transform: `translateY(${index * rowHeight}px)` }}
      >
        {renderItem(item, index)}
      </div>,
    );
  }

  return (
    <div
      ref={ref}
      id={id}
      role="list"
      aria-label={label}
      className={className === undefined ? 'vlist' : `vlist ${className}`}
      onScroll={onScroll}
    >
      <div role="none" className="vlist-spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
