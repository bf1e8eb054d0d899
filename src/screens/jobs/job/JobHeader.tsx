// The top of the job page: envelope, status, promised date, customer, item and who has the piece.
import { Link } from 'react-router';
import { OPEN_STATUSES } from '../../../db';
import { localDay } from '../../../domain/dates';
import type { JobState } from '../../../domain/job';
import { ALLOYS, isAlloyId } from '../../../domain/metals';
import { currentHolder } from '../../../domain/projection';
import { STATUS_LABELS } from '../../../domain/workflow';
import { dayText, daysBetween } from '../../../domain/dates';
import { grams, whenText } from './format';

const CONDITION_LABELS: Record<Exclude<keyof JobState['condition'], 'other'>, string> = {
  wornProngs: 'worn prongs',
  looseStones: 'loose stones',
  chippedStones: 'chipped stones',
  missingStones: 'missing stones',
  thinShank: 'thin shank',
  kinks: 'kinks',
  brokenClasp: 'broken clasp',
};

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function itemText(job: JobState): string {
  const { item } = job;
  const parts = [`${capitalised(item.kind)}: ${item.description}`];
  if (item.alloyId && isAlloyId(item.alloyId)) parts.push(ALLOYS[item.alloyId].name);
  if (item.stamps) parts.push(`stamped ${item.stamps}`);
  for (const s of item.stones) parts.push(`${s.count} × ${s.kind}`);
  return parts.join(' · ');
}

function conditionText(job: JobState): string {
  const flags = Object.entries(CONDITION_LABELS)
    .filter(([key]) => job.condition[key as keyof typeof CONDITION_LABELS])
    .map(([, label]) => label);
  if (job.condition.other) flags.push(job.condition.other);
  return flags.length > 0 ? capitalised(flags.join(', ')) : 'Nothing noted';
}

export function JobHeader({ job, nameOf }: { job: JobState; nameOf: (staffId: string) => string }) {
  const today = localDay();
  const open = OPEN_STATUSES.includes(job.status) && !job.voided;
  const late = open ? daysBetween(job.promisedDate, today) : 0;
  const holder = currentHolder(job);
  const lastMove = job.custody.at(-1);
  const reason = job.statusChanged.reason;

  return (
    <header className="jp-card jp-header">
      <div className="jp-title">
        <h2 className="jp-envelope">{job.envelopeNumber}</h2>
        {job.part && (
          <span className="jp-part">
            Job {job.part.index} of {job.part.of}
          </span>
        )}
        {job.rush && <span className="jp-badge jp-badge-rush">RUSH</span>}
        <span className={`jp-badge jp-status jp-status-${job.voided ? 'voided' : job.status}`}>
          {job.voided ? 'Voided' : STATUS_LABELS[job.status]}
        </span>
        <Link to={`/jobs/${job.id}/label`} className="button jp-label-link">
          Envelope label
        </Link>
      </div>
      {reason && !job.voided && (job.status === 'on_hold' || job.status === 'in_progress') && (
        <p className="jp-banner jp-banner-warn">
          {job.status === 'on_hold' ? 'On hold' : 'Sent back to the bench'}:{' '}
          <strong>{reason}</strong> — {nameOf(job.statusChanged.by)} ·{' '}
          {whenText(job.statusChanged.at, today)}
        </p>
      )}
      {/* The item on a line of its own, then each fact as wide as its words, the row wrapping: the
          header stays a few lines high, so what is next is on the first screen below it. */}
      <dl className="jp-facts">
        <div className="jp-fact-long">
          <dt>Item</dt>
          <dd>{itemText(job)}</dd>
        </div>
        <div>
          <dt>Promised</dt>
          <dd>
            {dayText(job.promisedDate)}
            {late > 0 && (
              <strong className="jp-late">
                {' '}
                Late {late} {late === 1 ? 'day' : 'days'}
              </strong>
            )}
          </dd>
        </div>
        <div>
          <dt>Customer</dt>
          <dd className="jp-customer">
            <span>{job.customer.name}</span>
            {job.customer.phone && (
              // A call from the bench is a tap: a whole button-sized target, not a line of text.
              <a className="jp-phone" href={`tel:${job.customer.phone.replace(/\s+/g, '')}`}>
                {job.customer.phone}
              </a>
            )}
          </dd>
        </div>
        <div>
          <dt>Who has it</dt>
          <dd className="jp-holder">
            {holder && lastMove ? (
              <>
                <strong>{holder.kind === 'staff' ? nameOf(holder.id) : holder.label}</strong>
                {holder.kind === 'place' ? ' (place)' : ''} · since {whenText(lastMove.at, today)}
              </>
            ) : (
              <>Not handed on since intake ({nameOf(job.opened.by)} took it in)</>
            )}
          </dd>
        </div>
        <div>
          <dt>At intake</dt>
          <dd>
            {grams(job.intakeWeightG)} · {conditionText(job)}
            {job.intakeNotes ? ` · ${job.intakeNotes}` : ''}
          </dd>
        </div>
      </dl>
    </header>
  );
}
