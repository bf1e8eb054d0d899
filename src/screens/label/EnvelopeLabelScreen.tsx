// The envelope label of a job, drawn at its real size and printed on an envelope or 62 mm tape.
import type { CSSProperties } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { QrCode } from '../../components/QrCode';
import { EmptyState } from '../../components/EmptyState';
import { useJob, useShopName } from '../../db';
import { dayText } from '../../domain/dates';
import type { JobState } from '../../domain/job';
import { jobLinkUrl } from '../../scan/jobLink';
import {
  customerInitials,
  DEFAULT_LABEL_FORMAT,
  isLabelFormat,
  itemKindName,
  LABEL_FORMATS,
  printCss,
  serviceName,
  type LabelFormat,
} from './labelText';
import './label.css';

const FORMAT_PARAM = 'format';
const FORMATS = Object.keys(LABEL_FORMATS) as LabelFormat[];

export function EnvelopeLabelScreen() {
  const { jobId = '' } = useParams();
  const job = useJob(jobId);
  const shopName = useShopName();
  const [params, setParams] = useSearchParams();
  const asked = params.get(FORMAT_PARAM);
  const format: LabelFormat = isLabelFormat(asked) ? asked : DEFAULT_LABEL_FORMAT;

  if (job === null) {
    return (
      <EmptyState title="No such job on this tablet">
        <p>
          This tablet does not have job {jobId}. If it was opened on another tablet, it will appear
          once the two have synced.
        </p>
        <p>
          <Link to="/jobs" className="button">
            Back to jobs
          </Link>
        </p>
      </EmptyState>
    );
  }

  function choose(next: LabelFormat) {
    // Replace, not push: Back from the label goes back to the job, not through each format tried.
    setParams(
      (prev) => {
        const copy = new URLSearchParams(prev);
        copy.set(FORMAT_PARAM, next);
        return copy;
      },
      { replace: true },
    );
  }

  const voided = job?.voided ?? null;
  return (
    <section className={`label-screen label-format-${format}`} aria-busy={job === undefined}>
      <style>{printCss(format)}</style>
      <div className="label-toolbar no-print">
        <Link to={`/jobs/${jobId}`} className="button">
          Back to job
        </Link>
        <div className="label-formats" role="group" aria-label="Label format">
          {FORMATS.map((f) => (
            <button
              key={f}
              type="button"
              className={f === format ? 'choice selected' : 'choice'}
              aria-pressed={f === format}
              onClick={() => choose(f)}
            >
              {LABEL_FORMATS[f].name}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="button button-primary"
          disabled={job === undefined || voided !== null}
          onClick={() => window.print()}
        >
          Print
        </button>
      </div>
      {voided !== null && (
        <p role="alert" className="error no-print">
          This job was voided ({voided.reason}): there is no envelope to label.
        </p>
      )}
      <div className="label-stage">
        {/* While the job is read, an empty sheet of the same size keeps the screen from jumping. */}
        {job === undefined ? (
          <div className="label-sheet" />
        ) : (
          <LabelSheet job={job} shopName={shopName ?? ''} format={format} />
        )}
      </div>
      <p className="muted no-print">
        Shown at actual size: {LABEL_FORMATS[format].widthMm} × {LABEL_FORMATS[format].heightMm} mm.
      </p>
    </section>
  );
}

function LabelSheet({
  job,
  shopName,
  format,
}: {
  job: JobState;
  shopName: string;
  format: LabelFormat;
}) {
  const services = job.services.filter((s) => s.cancelled === null).map((s) => serviceName(s.kind));
  const initials = customerInitials(job.customer.name);
  // label.css scales the number down by its length so a long pre-printed code stays on one line.
  const numberStyle = { '--number-chars': Math.max(7, job.envelopeNumber.length) } as CSSProperties;
  return (
    <article
      className="label-sheet"
      data-testid="envelope-label"
      aria-label={`Label of envelope ${job.envelopeNumber}`}
    >
      <p className="label-shop">{shopName || '\u00a0'}</p>
      <p className="label-number" style={numberStyle}>
        {job.envelopeNumber}
      </p>
      <div className="label-flags">
        {job.part && (
          <span className="label-part">
            Job {job.part.index} of {job.part.of}
          </span>
        )}
        {job.rush && (
          <span className="label-rush" aria-label="Rush job">
            RUSH
          </span>
        )}
      </div>
      <div className="label-qr">
        <QrCode
          value={jobLinkUrl(window.location.origin, job.id)}
          size={LABEL_FORMATS[format].qrSize}
          label={`Scan to open the job on envelope ${job.envelopeNumber}`}
        />
      </div>
      <dl className="label-facts">
        <div>
          <dt>Customer</dt>
          <dd className="label-initials">{initials || '—'}</dd>
        </div>
        <div>
          <dt>Item</dt>
          <dd>{itemKindName(job.item.kind)}</dd>
        </div>
        <div className="label-due">
          <dt>Promised</dt>
          <dd>{dayText(job.promisedDate)}</dd>
        </div>
      </dl>
      <ul className="label-services" aria-label="Services">
        {services.map((name, i) => (
          <li key={`${i}-${name}`}>{name}</li>
        ))}
      </ul>
    </article>
  );
}
