// One service of the job: what was asked (its details) and its checklist, step by step.
import { useId } from 'react';
import { templateFor, type ChecklistTemplate } from '../../../domain/checklists';
import type { ServiceState } from '../../../domain/job';
import type { StaffMember } from '../../../domain/staff';
import { valueText, whenText } from './format';
import { serviceName } from './historyText';
import { StepRow } from './StepRow';

interface ServiceChecklistProps {
  jobId: string;
  service: ServiceState;
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
}

function safeTemplate(service: ServiceState): ChecklistTemplate | null {
  try {
    return templateFor(service.kind);
  } catch {
    return null;
  }
}

export function ServiceChecklist({ jobId, service, actor, nameOf }: ServiceChecklistProps) {
  const headingId = useId();
  const template = safeTemplate(service);
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

  return (
    <section className="jp-card jp-service" aria-labelledby={headingId}>
      <div className="jp-service-head">
        <h3 id={headingId}>{template.name}</h3>
        <p className="jp-progress">
          <span>
            {done} of {required.length} steps
          </span>
          <progress value={done} max={Math.max(required.length, 1)} aria-hidden="true" />
        </p>
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
      <ol className="jp-steps">
        {template.steps.map((step) => (
          <StepRow
            key={step.id}
            jobId={jobId}
            serviceId={service.id}
            step={step}
            state={service.steps[step.id]}
            actor={stepActor}
            nameOf={nameOf}
          />
        ))}
      </ol>
    </section>
  );
}
