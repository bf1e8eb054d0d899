// A screen with nothing on it yet says what will be there and what to do.
import type { ReactNode } from 'react';

export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="empty-state">
      <h2>{title}</h2>
      <div>{children}</div>
    </section>
  );
}
