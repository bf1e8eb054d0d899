// The report's period: this week, this month, last month, all time, or days of one's own choosing.
import { useId } from 'react';

export type PeriodChoice = 'this_week' | 'this_month' | 'last_month' | 'all' | 'custom';

export const PERIOD_CHOICES: readonly { value: PeriodChoice; label: string }[] = [
  { value: 'this_week', label: 'This week' },
  { value: 'this_month', label: 'This month' },
  { value: 'last_month', label: 'Last month' },
  { value: 'all', label: 'All time' },
  { value: 'custom', label: 'Choose days' },
];

export function isPeriodChoice(x: string | null): x is PeriodChoice {
  return PERIOD_CHOICES.some((c) => c.value === x);
}

export function PeriodPicker({
  choice,
  from,
  to,
  onChoice,
  onDays,
  problem,
}: {
  choice: PeriodChoice;
  /** The custom period's days, as the date fields hold them (YYYY-MM-DD or ''). */
  from: string;
  to: string;
  onChoice: (choice: PeriodChoice) => void;
  onDays: (days: { from: string; to: string }) => void;
  /** Why the chosen days make no period, or null. */
  problem: string | null;
}) {
  const labelId = useId();
  const fromId = useId();
  const toId = useId();
  return (
    <div className="lr-period">
      <span id={labelId} className="lr-label">
        Period
      </span>
      <div className="choice-group" role="radiogroup" aria-labelledby={labelId}>
        {PERIOD_CHOICES.map((c) => (
          <button
            key={c.value}
            type="button"
            role="radio"
            aria-checked={choice === c.value}
            className={choice === c.value ? 'choice selected' : 'choice'}
            onClick={() => onChoice(c.value)}
          >
            {c.label}
          </button>
        ))}
      </div>
      {choice === 'custom' && (
        <div className="lr-days">
          <label className="field" htmlFor={fromId}>
            From
            <input
              id={fromId}
              type="date"
              value={from}
              aria-invalid={problem !== null}
              onChange={(e) => onDays({ from: e.target.value, to })}
            />
          </label>
          <label className="field" htmlFor={toId}>
            To
            <input
              id={toId}
              type="date"
              value={to}
              aria-invalid={problem !== null}
              onChange={(e) => onDays({ from, to: e.target.value })}
            />
          </label>
          {problem !== null && (
            <p className="error" role="alert">
              {problem}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
