// The accountant's summary of the period: grams of each alloy received, issued, returned, used in
// jobs, put in scrap, sealed into lots and lost, and the fine metal of each family.
import type { AlloyTotals, FamilyTotals, MovementKind } from '../../../domain/ledger/report';
import { MOVEMENT_KINDS } from '../../../domain/ledger/report';
import { alloyById } from '../../../domain/metals';
import { FAMILY_LABELS, fineText, lossGrams } from './reportText';

const KIND_LABELS: Record<MovementKind, string> = {
  received: 'Received',
  issued: 'Issued',
  returned: 'Returned',
  used: 'Used in jobs',
  scrap: 'To scrap',
  sealed: 'Sealed in lots',
  lost: 'Lost',
};

export function MovementTotals({
  totals,
  families,
}: {
  totals: readonly AlloyTotals[];
  families: readonly FamilyTotals[];
}) {
  if (totals.length === 0) return <p className="muted">No metal moved in this period.</p>;
  const corrected = totals.reduce((t, a) => t + a.corrected, 0);
  return (
    <>
      <table className="lr-table lr-totals">
        <caption>Movements in the period</caption>
        <thead>
          <tr>
            <th scope="col">Alloy</th>
            {MOVEMENT_KINDS.map((k) => (
              <th key={k} scope="col" className="lr-num">
                {KIND_LABELS[k]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {totals.map((t) => (
            <tr key={t.alloyId}>
              <th scope="row">{alloyById(t.alloyId).name}</th>
              {MOVEMENT_KINDS.map((k) => (
                <td key={k} className="lr-num">
                  {t.mg[k] === 0 ? '—' : lossGrams(t.grams[k])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          {families.map((f) => (
            <tr key={f.family}>
              <th scope="row">{FAMILY_LABELS[f.family]}, fine</th>
              {MOVEMENT_KINDS.map((k) => (
                <td key={k} className="lr-num">
                  {f.fineUg[k] === 0 ? '—' : fineText(f.fineUg[k])}
                </td>
              ))}
            </tr>
          ))}
        </tfoot>
      </table>
      {corrected > 0 && (
        <p className="muted">
          {corrected === 1 ? 'One movement was' : `${corrected} movements were`} corrected: left out
          of these sums, and in the CSV beside the correction.
        </p>
      )}
    </>
  );
}
