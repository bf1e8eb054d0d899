// One service of the job: what was asked (its details) and its checklist, step by step.
import { useId, useState } from 'react';
import { isRhodiumPlateStep } from '../../../domain/chemicals/plating';
import type { ServiceState } from '../../../domain/job';
import type { StaffMember } from '../../../domain/staff';
import { valueText, whenText } from './format';
import { serviceName } from './historyText';
import { templateOrNull, type StepPlace } from './nextStep';
import { StepRow } from './StepRow';

interface ServiceChecklistProps {
  jobId: string;
  service: ServiceState;
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
  /** The job's next open step, marked where it is in this service's list. */
  next?: StepPlace | null;
  /** Told just before a step is ticked done here (see StepRow). */
  onTick?: (rowId: string) => () => void;
  /**
   * Open with the steps folded away: a finished service while work is left elsewhere on the job, so
   * the next open step is not pushed off the screen by steps already done. Read once, when the page
   * opens: a service finished under the bench's finger stays open, with the tick just made in view.
   */
  startFolded?: boolean;
}

export function ServiceChecklist({
  jobId,
  service,
  actor,
  nameOf,
  next = null,
  onTick,
  startFolded = false,
}: ServiceChecklistProps) {
  const headingId = useId();
  const stepsId = useId();
  const [folded, setFolded] = useState(startFolded);
  const template = templateOrNull(service);
  if (!template) {
    return (
      <section className="jp-card jp-service" aria-labelledby={headingId}>
        <h3 id={headingId}>{serviceName(service.kind)}</h3>
        <p>
          This service comes from a newer version of Loupe. Update the app on this tablet to see its
          checklist.
        </p>
      </section>
    );
  }
  const required = template.steps.filter((s) => s.requiredBeforeQc);
  const done = required.filter((s) => service.steps[s.id]?.done === true).length;
  const details = template.detailFields.filter((f) => Object.hasOwn(service.details, f.key));
  // A cancelled service stays on the page, as the record of what was asked, but takes no ticks.
  const stepActor = service.cancelled ? null : actor;
  const complete = done === required.length;

  return (
    <section
      className={folded ? 'jp-card jp-service jp-service-folded' : 'jp-card jp-service'}
      aria-labelledby={headingId}
    >
      <div className="jp-service-head">
        <h3 id={headingId}>{template.name}</h3>
        <p className="jp-progress">
          {complete && (
            <span className="jp-progress-done" aria-hidden="true">
              ✓
            </span>
          )}
          <span>
            {done} of {required.length} steps
          </span>
          <progress value={done} max={Math.max(required.length, 1)} aria-hidden="true" />
        </p>
        {/* Only work that is finished folds away: what is still to do always shows. */}
        {(folded || complete || service.cancelled) && (
          <button
            type="button"
            className="button jp-fold"
            aria-expanded={!folded}
            aria-controls={stepsId}
            onClick={() => setFolded((f) => !f)}
          >
            {folded ? `Show the ${template.steps.length} steps` : 'Fold the steps'}
          </button>
        )}
      </div>
      {details.length > 0 && (
        <dl className="jp-details">
          {details.map((f) => (
            <div key={f.key}>
              <dt>{f.label}</dt>
              <dd>{valueText(f, service.details[f.key] ?? '')}</dd>
            </div>
          ))}
        </dl>
      )}
      {service.cancelled && (
        <p className="jp-banner jp-banner-warn">
          Cancelled by {nameOf(service.cancelled.by)} · {whenText(service.cancelled.at)}:{' '}
          {service.cancelled.reason}
        </p>
      )}
      <ol className="jp-steps" id={stepsId} hidden={folded}>
        {template.steps.map((step) => (
          <StepRow
            key={step.id}
            jobId={jobId}
            serviceId={service.id}
            step={step}
            state={service.steps[step.id]}
            actor={stepActor}
            nameOf={nameOf}
            next={next?.serviceId === service.id && next.stepId === step.id}
            onTick={onTick}
            plateBath={isRhodiumPlateStep(service.kind, step.id)}
          />
        ))}
      </ol>
    </section>
  );
}
