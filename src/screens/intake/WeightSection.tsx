// The piece's weight at intake: what comes back is checked against it, so no metal goes missing.
import { FIELD } from './intakeForm';
import { TextField, type SectionProps } from './controls';

export function WeightSection({ form, change, problem }: SectionProps) {
  return (
    <section className="intake-section" aria-labelledby="intake-weight">
      <h2 id="intake-weight">Weight</h2>
      <TextField
        field={FIELD.weight}
        label="Intake weight (g)"
        inputMode="decimal"
        value={form.weight}
        onChange={(weight) => {
          change((f) => ({ ...f, weight }));
        }}
        problem={problem(FIELD.weight)}
        placeholder="3.42"
        hint="Weigh the piece on the calibrated scale, with nothing else on the pan."
        className="intake-narrow"
      />
    </section>
  );
}
