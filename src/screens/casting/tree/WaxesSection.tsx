// The waxes on a tree: add jobs by envelope (typed or scanned) or from the open casting jobs, take one
// off with a reason, and tick clean-up, sprue and tree.
import { useRef, useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import {
  addJobToTree,
  BenchInputError,
  byUrgency,
  db,
  getJob,
  jobsByEnvelope,
  removeJobFromTree,
  useJob,
  useJobsWithStatus,
  useTreesInStages,
} from '../../../db';
import { castingServiceOf } from '../../../domain/casting/jobSteps';
import type { TreeJob, TreeState } from '../../../domain/casting/tree';
import type { JobState } from '../../../domain/job';
import { isAlloyId } from '../../../domain/metals';
import type { StaffMember } from '../../../domain/staff';
import { classifyScan } from '../../../scan/payload';
import { useScanClaim } from '../../../stores/scanClaimStore';
import { jobPath } from '../../../scan/resolveScan';
import { itemKindName } from '../../label/labelText';
import { whenText } from '../../jobs/job/format';
import { useSubmit } from '../../jobs/job/useSubmit';
import { ErrorLine, ReasonField, TreeTick } from './controls';
import { alloyName } from './treeText';

interface SectionProps {
  tree: TreeState;
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
}

export function WaxesSection({ tree, actor, nameOf }: SectionProps) {
  const building = tree.stage === 'building';
  return (
    <>
      {tree.jobs.length === 0 ? (
        <p className="muted">No waxes on this tree yet.</p>
      ) : (
        <ol className="tp-list tp-waxes" aria-label="Waxes on the tree">
          {tree.jobs.map((job) => (
            <WaxRow
              key={job.jobId}
              tree={tree}
              entry={job}
              actor={building ? actor : null}
              nameOf={nameOf}
            />
          ))}
        </ol>
      )}
      {actor && building && <AddByEnvelope tree={tree} actor={actor} />}
      {actor && building && <OpenCastingJobs tree={tree} actor={actor} />}
      {!building && <p className="hint">The tree is invested: no waxes go on or come off now.</p>}
      <div className="tp-ticks">
        <TreeTick tree={tree} stepId="wax_cleanup" actor={actor} nameOf={nameOf} />
        <TreeTick tree={tree} stepId="sprue" actor={actor} nameOf={nameOf} />
        <TreeTick tree={tree} stepId="tree" actor={actor} nameOf={nameOf} />
      </div>
    </>
  );
}

/** A job's wax on the tree, with what the envelope is; taken off ones stay, struck through. */
function WaxRow({
  tree,
  entry,
  actor,
  nameOf,
}: {
  tree: TreeState;
  entry: TreeJob;
  /** Null when it may not come off (nobody signed in, or the tree is invested). */
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
}) {
  const job = useJob(entry.jobId);
  const [removing, setRemoving] = useState(false);
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const removed = entry.removed;

  const remove = (e: SyntheticEvent) => {
    e.preventDefault();
    if (!actor) return;
    void submit
      .run(() => removeJobFromTree(db, { treeId: tree.id, jobId: entry.jobId, reason }, actor.id))
      .then((ok) => {
        if (ok) setRemoving(false);
      });
  };

  return (
    <li className={removed ? 'tp-wax tp-removed' : 'tp-wax'}>
      <div className="tp-wax-head">
        <Link to={jobPath(entry.jobId)} className="tp-envelope">
          {entry.envelopeNumber}
        </Link>
        <span className="tp-wax-what">
          {job ? `${itemKindName(job.item.kind)} · ${job.item.description}` : ''}
        </span>
        {actor && !removed && !removing && (
          <button type="button" className="button" onClick={() => setRemoving(true)}>
            Take off…
          </button>
        )}
      </div>
      <p className="tp-who">
        Put on by {nameOf(entry.added.by)} · {whenText(entry.added.at)}
        {removed && (
          <>
            {' '}
            — taken off by {nameOf(removed.by)} · {whenText(removed.at)}: {removed.reason}
          </>
        )}
      </p>
      {removing && (
        <form className="tp-inline-form" onSubmit={remove} noValidate>
          <ReasonField
            label={<>Why does {entry.envelopeNumber} come off?</>}
            value={reason}
            placeholder="Broken wax, wrong alloy…"
            onChange={setReason}
          />
          <div className="tp-actions">
            <button type="submit" className="button button-primary" disabled={submit.busy}>
              Take {entry.envelopeNumber} off the tree
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setRemoving(false);
                submit.setError(null);
              }}
            >
              Keep it on
            </button>
          </div>
          <ErrorLine error={submit.error} />
        </form>
      )}
    </li>
  );
}

/**
 * The envelope number typed, or scanned by a wedge scanner: a scanner "types" the label's job link
 * (or a pre-printed code) and presses Enter. Into the field, that submits this form; anywhere else
 * on the page, the app's wedge listener hands the code here (claimScans) while this form shows.
 */
function AddByEnvelope({ tree, actor }: { tree: TreeState; actor: StaffMember }) {
  const [text, setText] = useState('');
  const [choices, setChoices] = useState<JobState[]>([]);
  const submit = useSubmit();
  const field = useRef<HTMLInputElement>(null);

  const added = () => {
    setText('');
    setChoices([]);
    // Ready for the next envelope: the scanner types into the field with focus.
    field.current?.focus();
  };

  const add = (job: JobState) => {
    void submit
      .run(() => addJobToTree(db, { treeId: tree.id, jobId: job.id }, actor.id))
      .then((ok) => {
        if (ok) added();
      });
  };

  const find = (e: SyntheticEvent) => {
    e.preventDefault();
    findAndAdd(text);
  };

  const findAndAdd = (typed: string) => {
    setChoices([]);
    let several = false;
    void submit
      .run(async () => {
        const found = await jobsFor(typed);
        const only = found[0];
        if (found.length > 1 || !only) {
          several = true;
          setChoices(found);
          return;
        }
        await addJobToTree(db, { treeId: tree.id, jobId: only.id }, actor.id);
      })
      .then((ok) => {
        if (ok && !several) added();
      });
  };

  // A wedge scan anywhere on the page while waxes go on is an envelope for this tree, not a
  // request to open the job: gloved hands need not tap the field first.
  useScanClaim((code) => {
    setText(code);
    findAndAdd(code);
  });

  return (
    <form
      className="tp-form tp-add-wax"
      aria-label="Add a wax by envelope"
      onSubmit={find}
      noValidate
    >
      <label className="tp-field">
        <span className="tp-label">Envelope number</span>
        <input
          ref={field}
          value={text}
          autoComplete="off"
          autoCapitalize="characters"
          enterKeyHint="go"
          placeholder="Type it, or scan the envelope"
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <button type="submit" className="button button-primary tp-big" disabled={submit.busy}>
        Add to tree
      </button>
      {choices.length > 1 && (
        <div className="tp-field">
          <span className="tp-label">Several jobs answer to that envelope: which one?</span>
          <div className="tp-pick">
            {choices.map((job) => (
              <button key={job.id} type="button" className="tp-pick-job" onClick={() => add(job)}>
                <JobLine job={job} />
              </button>
            ))}
          </div>
        </div>
      )}
      <ErrorLine error={submit.error} />
    </form>
  );
}

/**
 * The jobs a typed or scanned text names: a job label's link names one job, an envelope number or
 * pre-printed code the jobs on it (a voided one only when nothing else answers). Anything else is
 * refused in words, so the caster knows what was read.
 */
async function jobsFor(text: string): Promise<JobState[]> {
  const trimmed = text.trim();
  if (trimmed === '') throw new BenchInputError('Type or scan the envelope number first.');
  const scan = classifyScan(trimmed, window.location.origin);
  switch (scan.kind) {
    case 'jobLink': {
      const job = await getJob(db, scan.jobId);
      if (!job) throw notHere('That envelope’s job is not on this tablet yet.');
      return [job];
    }
    case 'envelope': {
      const found = await jobsByEnvelope(db, scan.key);
      const live = found.filter((j) => j.voided === null);
      const jobs = (live.length > 0 ? live : found).sort(byUrgency);
      if (jobs.length === 0) throw notHere(`No job on envelope ${scan.number} on this tablet.`);
      return jobs;
    }
    case 'flask':
      throw new BenchInputError(`That is flask ${scan.flaskId}’s tag, not an envelope.`);
    case 'badge':
      throw new BenchInputError('That is a badge, not an envelope: scan the envelope of the wax.');
    case 'foreign':
      throw new BenchInputError(`“${scan.text}” is not an envelope number.`);
  }
}

function notHere(message: string): BenchInputError {
  return new BenchInputError(
    `${message} It may not have synced yet: check the number, or try again later.`,
  );
}

/** A job for a pick list: envelope, item and the alloy its casting is to be in. */
function JobLine({ job }: { job: JobState }) {
  const alloy = castingServiceOf(job)?.details.alloy;
  return (
    <>
      <span className="tp-envelope">{job.envelopeNumber}</span>
      <span>
        {itemKindName(job.item.kind)}
        {isAlloyId(alloy) ? ` · ${alloyName(alloy)}` : ''}
        {job.rush ? ' · RUSH' : ''}
      </span>
    </>
  );
}

const OPEN_TREE_STAGES = ['building', 'invested', 'kiln', 'cast'] as const;

/**
 * Open jobs with a lost-wax casting service that are on no unfinished tree: the waxes waiting to
 * be treed, this tree's alloy first. Picking one of another alloy is refused by addJobToTree with
 * its reason, shown here.
 */
function OpenCastingJobs({ tree, actor }: { tree: TreeState; actor: StaffMember }) {
  const received = useJobsWithStatus('received');
  const inProgress = useJobsWithStatus('in_progress');
  const onHold = useJobsWithStatus('on_hold');
  const openTrees = useTreesInStages(OPEN_TREE_STAGES);
  const submit = useSubmit();
  if (!received || !inProgress || !onHold || !openTrees) return null;

  const treed = new Set(openTrees.flatMap((t) => t.jobIds));
  const sameAlloy = (job: JobState) => castingServiceOf(job)?.details.alloy === tree.alloyId;
  const waiting = [...received, ...inProgress, ...onHold]
    .filter((job) => job.voided === null && castingServiceOf(job) !== null && !treed.has(job.id))
    .sort((a, b) => Number(sameAlloy(b)) - Number(sameAlloy(a)) || byUrgency(a, b));

  return (
    <div className="tp-field">
      <span className="tp-label">Waxes waiting for a tree</span>
      {waiting.length === 0 ? (
        <p className="muted">No open casting job is waiting for a tree.</p>
      ) : (
        <div className="tp-pick" aria-label="Waxes waiting for a tree" role="group">
          {waiting.map((job) => (
            <button
              key={job.id}
              type="button"
              className="tp-pick-job"
              disabled={submit.busy}
              onClick={() =>
                void submit.run(() =>
                  addJobToTree(db, { treeId: tree.id, jobId: job.id }, actor.id),
                )
              }
            >
              <JobLine job={job} />
            </button>
          ))}
        </div>
      )}
      <ErrorLine error={submit.error} />
    </div>
  );
}
