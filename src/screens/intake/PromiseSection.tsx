// When the customer can have the piece back: a quick tap from today, or any day; and whether it is rush.
import { dayText } from '../../domain/dates';
import { addDays, FIELD, QUICK_DATES } from './intakeForm';
import { ProblemText, ToggleChip, type SectionProps } from './controls';

export function PromiseSection({ form, change, problem, today }: SectionProps & { today: string }) {
  const setDate = (promisedDate: string) => {
    change((f) => ({ ...f, promisedDate }));
  };
  const dateProblem = problem(FIELD.promisedDate);
  return (
    <section className="intake-section" aria-labelledby="intake-promised">
      <h2 id="intake-promised">Promised for</h2>
      <div data-field={FIELD.promisedDate} className="intake-group">
        <div className="choice-group" role="group" aria-label="Quick dates">
          {QUICK_DATES.map(({ label, days }) => {
            const day = addDays(today, days);
            return (
              <ToggleChip
                key={label}
                pressed={form.promisedDate === day}
                onToggle={() => {
                  setDate(day);
                }}
              >
                {label}
              </ToggleChip>
            );
          })}
        </div>
        <div className="intake-row intake-row-end">
          <div className={dateProblem ? 'field field-invalid' : 'field'}>
            <label htmlFor="intake-promised-date">Promised date</label>
            <input
              id="intake-promised-date"
              type="date"
              min={today}
              value={form.promisedDate}
              aria-invalid={dateProblem !== undefined}
              onChange={(e) => {
                setDate(e.target.value);
              }}
            />
          </div>
          {form.promisedDate !== '' && (
            <output className="intake-promised-day" htmlFor="intake-promised-date">
              {dayText(form.promisedDate)}
            </output>
          )}
        </div>
        <ProblemText problem={dateProblem} />
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={form.rush}
        className={form.rush ? 'check on intake-rush' : 'check intake-rush'}
        onClick={() => {
          change((f) => ({ ...f, rush: !f.rush }));
        }}
      >
        Rush
      </button>
    </section>
  );
}
