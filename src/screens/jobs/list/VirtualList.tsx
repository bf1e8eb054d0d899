// A list of fixed-height rows that draws only what is on screen and asks its source for those rows
// alone: 100,000 jobs scroll like 10, and only the window around the visible rows is ever read.
import { useEffect, useRef, useState, type ReactNode, type UIEvent } from 'react';

/** Rows drawn above and below the visible ones, so a fast flick does not show blank space. */
export const OVERSCAN = 6;
/** Rows drawn when the list cannot be measured (no layout yet, or jsdom in tests). */
export const UNMEASURED_ROWS = 30;

export interface VirtualListProps<T> {
  /** How many rows the list holds; the spacer is `count × rowHeight` tall. */
  count: number;
  /** The row at an index, or undefined while its window is being read (a blank row is drawn). */
  itemAt: (index: number) => T | undefined;
  /** The height of every row in CSS pixels. */
  rowHeight: number;
  getKey: (item: T) => string;
  renderItem: (item: T, index: number) => ReactNode;
  /** Told the rows to draw, [first, end), whenever they change: the source reads around them. */
  onRangeChange?: (first: number, end: number) => void;
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
  count,
  itemAt,
  rowHeight,
  getKey,
  renderItem,
  onRangeChange,
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

  const { first, end } = visibleRange(count, rowHeight, scrollTop, viewport);

  useEffect(() => {
    onRangeChange?.(first, end);
  }, [onRangeChange, first, end]);

  const rows: ReactNode[] = [];
  let waiting = false;
  for (let index = first; index < end; index++) {
    const item = itemAt(index);
    const style = { height: rowHeight, transform: `translateY(${index * rowHeight}px)` };
    if (item === undefined) {
      // Its window is still being read: hold the place, so the rows around it do not jump.
      waiting = true;
      rows.push(
        <div
          key={`@${index}`}
          role="listitem"
          aria-posinset={index + 1}
          aria-setsize={count}
          aria-busy="true"
          className="vlist-row vlist-row-reading"
          style={style}
        />,
      );
      continue;
    }
    rows.push(
      <div
        key={getKey(item)}
        role="listitem"
        aria-posinset={index + 1}
        aria-setsize={count}
        className="vlist-row"
        style={style}
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
      aria-busy={waiting}
      // "drawn" once every row on screen shows its job: what a benchmark or a test waits for.
      data-rows={waiting ? 'reading' : 'drawn'}
      className={className === undefined ? 'vlist' : `vlist ${className}`}
      onScroll={onScroll}
    >
      <div role="none" className="vlist-spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
