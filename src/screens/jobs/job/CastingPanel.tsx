// The job's casting: the trees its wax went on, with flask, metal, its casting's weight and the loss.
import { useId } from 'react';
import { Link } from 'react-router';
import { useShop, useTreesOfJob } from '../../../db';
import { DEFAULT_LOSS_THRESHOLD_PCT, metalLoss } from '../../../domain/casting/castingMath';
import { castingServiceOf } from '../../../domain/casting/jobSteps';
import { metalIssuedG, treeCode, type TreeState } from '../../../domain/casting/tree';
import type { JobState } from '../../../domain/job';
import { ALLOYS } from '../../../domain/metals';
import { treePath } from '../../../scan/resolveScan';
import { grams } from './format';

const STAGE_WORDS: Record<TreeState['stage'], string> = {
  building: 'Being built',
  invested: 'Invested',
  kiln: 'In the kiln',
  cast: 'Cast',
  done: 'Weighed out',
};

export function CastingPanel({ job }: { job: JobState }) {
  const headingId = useId();
  const trees = useTreesOfJob(job.id);
  const shop = useShop();
  const threshold = shop?.lossThresholdPct ?? DEFAULT_LOSS_THRESHOLD_PCT;
  const casting = castingServiceOf(job) !== null;
  if (trees === undefined) return null;
  // A job with no casting service and on no tree has nothing to show here.
  if (!casting && trees.length === 0) return null;
  return (
    <section className="jp-card" aria-labelledby={headingId}>
      <h3 id={headingId}>Casting</h3>
      {trees.length === 0 ? (
        <p className="muted">
          Not on a tree yet. Trees are built in the <Link to="/casting">casting room</Link>.
        </p>
      ) : (
        <ul className="jp-list" aria-label="Trees">
          {trees.map((tree) => (
            <TreeLine key={tree.id} tree={tree} jobId={job.id} thresholdPct={threshold} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TreeLine({
  tree,
  jobId,
  thresholdPct,
}: {
  tree: TreeState;
  jobId: string;
  thresholdPct: number;
}) {
  const issued = metalIssuedG(tree).totalG;
  const out = tree.weighedOut;
  const castingG = out?.castings.find((c) => c.jobId === jobId)?.grams;
  const loss =
    out && issued > 0
      ? metalLoss(
          {
            issuedG: issued,
            castingsG: out.castings.reduce((sum, c) => sum + c.grams, 0),
            buttonG: out.buttonG,
            spruesG: out.spruesG,
          },
          thresholdPct,
        )
      : null;
  const facts = [
    STAGE_WORDS[tree.stage],
    ALLOYS[tree.alloyId].name,
    tree.invested ? `flask ${tree.invested.flaskId}` : null,
    tree.weighed ? `wax ${grams(tree.weighed.grossG - tree.weighed.baseG)} (whole tree)` : null,
    issued > 0 ? `metal issued ${grams(issued)}` : null,
  ].filter((f): f is string => f !== null);
  return (
    <li>
      <span>
        <Link to={treePath(tree.id)}>
          <strong>Tree {treeCode(tree)}</strong>
        </Link>{' '}
        · {facts.join(' · ')}
      </span>
      {(castingG !== undefined || loss) && (
        <span>
          {castingG !== undefined && (
            <>
              This casting <strong>{grams(castingG)}</strong>
            </>
          )}
          {loss && (
            <span className={loss.flagged ? 'error' : undefined}>
              {castingG !== undefined ? ' · ' : ''}
              tree loss {grams(loss.lossG)} ({Number(loss.lossPct.toFixed(2))} %)
              {loss.flagged ? ' — flagged' : ''}
            </span>
          )}
        </span>
      )}
    </li>
  );
}
