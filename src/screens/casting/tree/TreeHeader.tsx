// The top of a tree's page: its code, alloy, stage, flask and the envelopes on it, and the way back.
import { Link } from 'react-router';
import type { TreeState } from '../../../domain/casting/tree';
import { treeCode } from '../../../domain/casting/tree';
import { jobPath } from '../../../scan/resolveScan';
import { whenText } from '../../jobs/job/format';
import { alloyName, liveJobs, STAGE_LABELS } from './treeText';

export function TreeHeader({
  tree,
  nameOf,
}: {
  tree: TreeState;
  nameOf: (staffId: string) => string;
}) {
  const jobs = liveJobs(tree);
  return (
    <header className="tp-card tp-header">
      <p className="tp-back">
        <Link to="/casting" className="button">
          ← Casting room
        </Link>
      </p>
      <div className="tp-title">
        <h2 className="tp-code">{treeCode(tree)}</h2>
        <span className={`tp-stage tp-stage-${tree.stage}`}>{STAGE_LABELS[tree.stage]}</span>
      </div>
      <dl className="tp-facts">
        <div>
          <dt>Alloy</dt>
          <dd>{alloyName(tree.alloyId)}</dd>
        </div>
        <div>
          <dt>Flask</dt>
          <dd className="tp-flask-id">{tree.invested?.flaskId ?? '—'}</dd>
        </div>
        <div>
          <dt>Envelopes</dt>
          <dd>
            {jobs.length === 0
              ? 'none yet'
              : jobs.map((j, i) => (
                  <span key={j.jobId}>
                    {i > 0 && ', '}
                    <Link to={jobPath(j.jobId)}>{j.envelopeNumber}</Link>
                  </span>
                ))}
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            {nameOf(tree.started.by)} · {whenText(tree.started.at)}
          </dd>
        </div>
      </dl>
      {tree.note && <p className="tp-note-text">{tree.note}</p>}
    </header>
  );
}
