// Money at intake: what the customer says the piece is worth, its insurance value, the estimate.
import { FIELD, type IntakeForm } from './intakeForm';
import { TextField, type SectionProps } from './controls';

export function ValuesSection({ form, change, problem }: SectionProps) {
  const setValue = (key: keyof IntakeForm['values'], text: string) => {
    change((f) => ({ ...f, values: { ...f.values, [key]: text } }));
  };
  return (
    <section className="intake-section" aria-labelledby="intake-values">
      <h2 id="intake-values">Value and estimate</h2>
      <div className="intake-row">
        <TextField
          field={FIELD.insurance}
          label="Insurance value"
          inputMode="decimal"
          value={form.values.insurance}
          onChange={(text) => {
            setValue('insurance', text);
          }}
          problem={problem(FIELD.insurance)}
          placeholder="0.00"
          hint="Needed on every job: it goes with the piece to any trade shop."
        />
        <TextField
          field={FIELD.stated}
          label="Customer's stated value"
          optional
          inputMode="decimal"
          value={form.values.stated}
          onChange={(text) => {
            setValue('stated', text);
          }}
          problem={problem(FIELD.stated)}
          placeholder="0.00"
          hint="What the customer says it is worth."
        />
        <TextField
          field={FIELD.estimate}
          label="Estimate"
          optional
          inputMode="decimal"
          value={form.values.estimate}
          onChange={(text) => {
            setValue('estimate', text);
          }}
          problem={problem(FIELD.estimate)}
          placeholder="0.00"
          hint="The price quoted for the work."
        />
      </div>
    </section>
  );
}
