// The work the customer asks for: tap to add services, each with the details it needs at intake.
import { FieldInput } from '../../components/fields/FieldInput';
import { useShop } from '../../db';
import { SERVICE_KINDS, templateFor, type StepValue } from '../../domain/checklists';
import { warrantyDaysFor } from '../../domain/warranty';
import { FIELD, newService, type ServiceDraft } from './intakeForm';
import { ProblemText, TextField, type SectionProps } from './controls';

export function ServicesSection({ form, change, problem }: SectionProps) {
  // The shop's own warranty days (Settings → Warranty), the template's until the shop row is read.
  const shopDays = useShop()?.warrantyDays ?? {};
  const setServices = (update: (services: ServiceDraft[]) => ServiceDraft[]) => {
    change((f) => ({ ...f, services: update(f.services) }));
  };
  const setDetail = (key: string, fieldKey: string, value: StepValue | undefined) => {
    setServices((all) =>
      all.map((s) => {
        if (s.key !== key) return s;
        const { [fieldKey]: _old, ...rest } = s.details;
        return { ...s, details: value === undefined ? rest : { ...rest, [fieldKey]: value } };
      }),
    );
  };

  return (
    <section className="intake-section" aria-labelledby="intake-services">
      <h2 id="intake-services">Services</h2>
      <div data-field={FIELD.services} className="intake-group">
        <div className="intake-add-services" role="group" aria-label="Add a service">
          {SERVICE_KINDS.map((kind) => (
            <button
              key={kind}
              type="button"
              className="choice"
              onClick={() => {
                setServices((all) => [...all, newService(kind)]);
              }}
            >
              + {templateFor(kind).name}
            </button>
          ))}
        </div>
        <ProblemText problem={problem(FIELD.services)} />
      </div>
      {form.services.length > 0 && (
        <ol className="intake-service-list">
          {form.services.map((service) => {
            const template = templateFor(service.kind);
            const warrantyDays = warrantyDaysFor(service.kind, shopDays);
            return (
              <li
                key={service.key}
                className="intake-service"
                aria-labelledby={`service-${service.key}`}
              >
                <div className="intake-service-head">
                  <h3 id={`service-${service.key}`}>{template.name}</h3>
                  <span className="hint">
                    {warrantyDays === 0 ? 'No warranty' : `${warrantyDays} days warranty`}
                  </span>
                  <button
                    type="button"
                    className="button intake-remove"
                    onClick={() => {
                      setServices((all) => all.filter((s) => s.key !== service.key));
                    }}
                  >
                    Remove {template.name}
                  </button>
                </div>
                {template.detailFields.length === 0 ? (
                  <p className="hint">Nothing to ask at intake.</p>
                ) : (
                  template.detailFields.map((field) => {
                    const id = FIELD.serviceDetail(service.key, field.key);
                    return (
                      <div key={field.key} data-field={id}>
                        <FieldInput
                          field={field}
                          value={service.details[field.key]}
                          onChange={(value) => {
                            setDetail(service.key, field.key, value);
                          }}
                          // Shown under the service's own heading: its name need not lead the message.
                          problem={problem(id)?.replaceAll(`${template.name}: `, '')}
                          jobId={form.jobId}
                        />
                      </div>
                    );
                  })
                )}
              </li>
            );
          })}
        </ol>
      )}
      <TextField
        field={FIELD.notes}
        label="Notes for the bench"
        optional
        multiline
        value={form.notes}
        onChange={(notes) => {
          change((f) => ({ ...f, notes }));
        }}
        problem={problem(FIELD.notes)}
      />
    </section>
  );
}
