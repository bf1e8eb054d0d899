// The piece's condition under 10× at intake, so nobody later says the shop broke what was broken.
import { CONDITION_FLAGS, FIELD } from './intakeForm';
import { CONDITION_LABELS } from './labels';
import { TextField, ToggleChip, type SectionProps } from './controls';

export function ConditionSection({ form, change, problem }: SectionProps) {
  return (
    <section className="intake-section" aria-labelledby="intake-condition">
      <h2 id="intake-condition">Condition under 10×</h2>
      <p className="hint">
        Tap what you see. One worn prong: check them all. Take photos of damaged areas.
      </p>
      <div className="choice-group" role="group" aria-label="Condition">
        {CONDITION_FLAGS.map((flag) => (
          <ToggleChip
            key={flag}
            pressed={form.condition[flag]}
            onToggle={() => {
              change((f) => ({ ...f, condition: { ...f.condition, [flag]: !f.condition[flag] } }));
            }}
          >
            {CONDITION_LABELS[flag]}
          </ToggleChip>
        ))}
      </div>
      <TextField
        field={FIELD.conditionOther}
        label="Other condition notes"
        optional
        multiline
        value={form.condition.other}
        onChange={(other) => {
          change((f) => ({ ...f, condition: { ...f.condition, other } }));
        }}
        problem={problem(FIELD.conditionOther)}
        placeholder="dents, earlier repairs, glue marks, worn links…"
      />
    </section>
  );
}
