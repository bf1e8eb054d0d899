// One flask in the kiln, as the caster reads it from across the room: what to set, how long, what next.
import { useId } from 'react';
import { Link } from 'react-router';
import { burnoutStatus, formatDuration, type BurnoutStatus } from '../../../domain/casting/burnout';
import { treeCode, type TreeState } from '../../../domain/casting/tree';
import {
  alloyName,
  clockText,
  flaskName,
  flaskSizeLabel,
  nextStepText,
  stageText,
  tempText,
} from './kilnText';

export function FlaskCard({ tree, nowMs }: { tree: TreeState; nowMs: number }) {
  const headingId = useId();
  // Computed from the recorded wall-clock times for this instant: right after sleep or a reload.
  const status = burnoutStatus(tree.burnout, nowMs);
  const state = status?.state ?? 'waiting';
  return (
    <article
      className={`kiln-card kiln-card-${state}`}
      aria-labelledby={headingId}
      data-state={state}
    >
      <header className="kiln-card-head">
        <h3 id={headingId} className="kiln-flask">
          {flaskName(tree)}
        </h3>
        {tree.invested && <span className="kiln-flask-size">{flaskSizeLabel(tree)}</span>}
        {state === 'ready' && <span className="kiln-badge kiln-badge-ready">Ready to cast</span>}
        {state === 'paused' && <span className="kiln-badge kiln-badge-paused">Paused</span>}
      </header>
      <p className="kiln-what">
        <strong>{treeCode(tree)}</strong> · {alloyName(tree)}
        {status && ` · ${status.program.name}`}
      </p>
      {status ? (
        <RunFacts status={status} tree={tree} nowMs={nowMs} />
      ) : (
        <NotYet tree={tree} nowMs={nowMs} />
      )}
      <Link className="button kiln-open" to={`/casting/trees/${tree.id}`}>
        Open tree {treeCode(tree)}
      </Link>
    </article>
  );
}

function RunFacts({
  status,
  tree,
  nowMs,
}: {
  status: BurnoutStatus;
  tree: TreeState;
  nowMs: number;
}) {
  if (status.state === 'ready') {
    return (
      <>
        <p className="kiln-stage">{stageText(status)}</p>
        <p className="kiln-set">
          Keep the kiln at <strong className="kiln-number">{tempText(status.setTempC)}</strong>
        </p>
        <p className="kiln-ready-line">
          <strong className="kiln-number">Ready to cast</strong>
          {status.readyAtMs !== null && ` since ${clockText(status.readyAtMs, nowMs)}`}
        </p>
      </>
    );
  }
  const paused = status.state === 'paused';
  const pause = paused ? tree.burnout.filter((r) => r.kind === 'paused').at(-1) : undefined;
  return (
    <>
      <p className="kiln-stage">{stageText(status)}</p>
      <p className="kiln-set">
        Set the kiln to <strong className="kiln-number">{tempText(status.setTempC)}</strong>
      </p>
      <p className="kiln-left">
        <strong className="kiln-number">{formatDuration(status.msLeftInStage)}</strong> left in this
        stage{paused && ', stopped while paused'}
      </p>
      <p className="kiln-next">{nextStepText(status)}</p>
      {paused ? (
        <p className="kiln-paused-line">
          <strong>
            Paused since{' '}
            {status.pausedSinceMs !== null ? clockText(status.pausedSinceMs, nowMs) : '—'}
          </strong>
          {pause?.kind === 'paused' && pause.reason ? `: ${pause.reason}` : ''}. Resume it on the
          tree page; the ready time moves on by the time it stays paused.
        </p>
      ) : (
        status.readyAtMs !== null && (
          <p className="kiln-ready-at">
            Ready to cast at{' '}
            <strong className="kiln-number">{clockText(status.readyAtMs, nowMs)}</strong>
          </p>
        )
      )}
    </>
  );
}

/** A run stamped later than this tablet's clock: another tablet's clock is ahead, or this one behind. */
function NotYet({ tree, nowMs }: { tree: TreeState; nowMs: number }) {
  const first = tree.burnout.find((r) => r.kind === 'started');
  return (
    <p className="kiln-stage">
      {first
        ? `The burnout was recorded to start at ${clockText(first.atMs, nowMs)}, later than this tablet's clock says it is now: check the clock.`
        : 'No burnout recorded yet.'}
    </p>
  );
}
