// The period's weigh-ins beyond the scale's tolerance, with what the person said; and the corrected ones.
import { useId } from 'react';
import { accountName, type LedgerNames } from '../../../domain/ledger/csv';
import type { WeighInLine } from '../../../domain/ledger/report';
import { alloyById } from '../../../domain/metals';
import { grams, whenText } from '../../jobs/job/format';
import { lossGrams } from './reportText';

export function FlaggedWeighIns({
  weighIns,
  names,
}: {
  weighIns: readonly WeighInLine[];
  names: LedgerNames;
}) {
  const headingId = useId();
  const listed = weighIns.filter((w) => w.flag !== 'within' || w.correctedBy !== null);
  if (listed.length === 0) return null;
  return (
    <section className="lr-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Weigh-ins to look at</h3>
      <ul className="lr-flagged">
        {listed.map((w) => (
          <li key={w.eventId} className={w.correctedBy !== null ? 'lr-corrected' : undefined}>
            <strong>
              {accountName(w.account, names)}, {alloyById(w.alloyId).name}:{' '}
              {w.lostMg < 0
                ? `${lossGrams(-w.lostMg / 1000)} over`
                : `${lossGrams(w.lostMg / 1000)} short`}
            </strong>{' '}
            <span className="muted">
              book {grams(w.bookG)}, scale {grams(w.weighedG)} (±{grams(w.toleranceG)}) ·{' '}
              {whenText(w.at)} · {names.staff[w.by] ?? w.by}
            </span>
            {w.note !== undefined && <span className="lr-quote"> “{w.note}”</span>}
            {w.correctedBy !== null && (
              <span className="lr-note"> Corrected later: left out of the loss.</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
