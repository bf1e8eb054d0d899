// One stage of the tree's work as a card: open when it is the stage at hand, else a line that opens.
import { useId, type ReactNode } from 'react';

export type StageRole = 'current' | 'later' | 'done';

const ROLE_TAGS: Record<StageRole, string> = { current: 'Now', later: 'Later', done: 'Done' };

export function StageCard({
  title,
  role,
  open,
  onToggle,
  summary,
  children,
}: {
  title: string;
  role: StageRole;
  /** Always true for the current stage. */
  open: boolean;
  onToggle: () => void;
  summary: string;
  children: ReactNode;
}) {
  const headingId = useId();
  const bodyId = useId();
  const Heading = role === 'current' ? 'h3' : 'h4';
  return (
    <section className={`tp-card tp-stage-card tp-${role}`} aria-labelledby={headingId}>
      <div className="tp-stage-head">
        <Heading id={headingId}>{title}</Heading>
        <span className="tp-stage-tag">{ROLE_TAGS[role]}</span>
        {role !== 'current' && (
          <button
            type="button"
            className="button tp-toggle"
            aria-expanded={open}
            aria-controls={bodyId}
            aria-label={`${open ? 'Hide' : 'Show'} ${title}`}
            onClick={onToggle}
          >
            {open ? 'Hide' : 'Show'}
          </button>
        )}
      </div>
      {(!open || role !== 'current') && <p className="tp-summary">{summary}</p>}
      {open && (
        <div id={bodyId} className="tp-stage-body">
          {children}
        </div>
      )}
    </section>
  );
}
