// The list of what stops the job from being saved, at the top; each line takes you to its field.
import type { Ref } from 'react';
import type { IntakeProblem } from './intakeForm';

interface ProblemSummaryProps {
  problems: readonly IntakeProblem[];
  /** The save itself was refused (rather than the form being incomplete). */
  refused: boolean;
  onGoTo: (field: string) => void;
  ref?: Ref<HTMLDivElement>;
}

export function ProblemSummary({ problems, refused, onGoTo, ref }: ProblemSummaryProps) {
  if (problems.length === 0) return null;
  const count = problems.length === 1 ? 'one thing' : `${problems.length} things`;
  return (
    <div
      ref={ref}
      className="intake-problems"
      role="alert"
      aria-labelledby="intake-problems-title"
      tabIndex={-1}
    >
      <h2 id="intake-problems-title">{refused ? 'Not saved' : `Not saved yet: ${count} to do`}</h2>
      <ul>
        {problems.map((p, i) => (
          <li key={`${p.field}:${i}`}>
            {p.field === '' ? (
              p.message
            ) : (
              <button
                type="button"
                className="intake-problem-link"
                onClick={() => {
                  onGoTo(p.field);
                }}
              >
                {p.message}
              </button>
            )}
          </li>
        ))}
      </ul>
      <p>Nothing was recorded. Everything typed is still here.</p>
    </div>
  );
}
