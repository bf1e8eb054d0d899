// The loss table: what each bench, person, the safe or each tree lost, or each alloy over them all.
import { accountName, type LedgerNames } from '../../../domain/ledger/csv';
import type { LossGrouping, LossLine } from '../../../domain/ledger/report';
import { alloyById } from '../../../domain/metals';
import { fineText, lossGrams } from './reportText';

const PLACE_HEADERS: Record<Exclude<LossGrouping, 'alloy'>, string> = {
  holder: 'Bench, person or safe',
  tree: 'Tree',
};

const EMPTY: Record<LossGrouping, string> = {
  holder:
    'No bench, person or the safe was weighed in this period. Loss shows here after a weigh-in.',
  tree: 'No tree was weighed out in this period. A tree’s casting loss shows here once it is.',
  alloy: 'Nothing was weighed in this period. Loss shows here after a weigh-in.',
};

export function LossTable({
  lines,
  grouping,
  names,
}: {
  lines: readonly LossLine[];
  grouping: LossGrouping;
  names: LedgerNames;
}) {
  if (lines.length === 0) return <p className="muted">{EMPTY[grouping]}</p>;
  return (
    <table className="lr-table">
      <caption>
        Metal lost by {grouping === 'alloy' ? 'alloy' : PLACE_HEADERS[grouping].toLowerCase()}
      </caption>
      <thead>
        <tr>
          {grouping !== 'alloy' && <th scope="col">{PLACE_HEADERS[grouping]}</th>}
          <th scope="col">Alloy</th>
          <th scope="col" className="lr-num">
            Lost
          </th>
          <th scope="col" className="lr-num">
            Fine
          </th>
          <th scope="col" className="lr-num">
            Weigh-ins
          </th>
          <th scope="col" className="lr-num">
            Beyond tolerance
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={`${line.account ?? 'all'}/${line.alloyId}`}>
            {grouping !== 'alloy' && (
              <th scope="row">{line.account === null ? '' : accountName(line.account, names)}</th>
            )}
            <td>{alloyById(line.alloyId).name}</td>
            <td className={line.lostMg < 0 ? 'lr-num lr-over' : 'lr-num'}>
              {lossGrams(line.lostG)}
              {line.lostMg < 0 && <span className="lr-note"> found over</span>}
            </td>
            <td className="lr-num">{fineText(line.fineUg)}</td>
            <td className="lr-num">
              {line.weighIns}
              {line.corrected > 0 && (
                <span className="lr-note"> (+{line.corrected} corrected, left out)</span>
              )}
            </td>
            <td className={line.flagged > 0 ? 'lr-num lr-flagged' : 'lr-num'}>{line.flagged}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
