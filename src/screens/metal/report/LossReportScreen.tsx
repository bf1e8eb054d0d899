// The metal loss report: per period, what each bench, person, the safe or tree lost at its weigh-ins,
// per alloy, as a table and a chart; the period's movements summed; the accountant's CSV of them all.
import { useId, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useEnvelopeNumbers, useLedgerEvents } from '../../../db';
import { dayNumber, localDay } from '../../../domain/dates';
import { ledgerCsvFilename } from '../../../domain/ledger/csv';
import {
  lossLines,
  lossReport,
  periodStamps,
  presetPeriod,
  stampDay,
  type LossGrouping,
  type Period,
} from '../../../domain/ledger/report';
import { ExportCsv } from './ExportCsv';
import { FlaggedWeighIns } from './FlaggedWeighIns';
import { LossChart } from './LossChart';
import { LossTable } from './LossTable';
import { MovementTotals } from './MovementTotals';
import { useLedgerNames } from './useLedgerNames';
import { isPeriodChoice, PeriodPicker, type PeriodChoice } from './PeriodPicker';
import { FAMILY_LABELS, fineText, periodText } from './reportText';
import './report.css';

const GROUPINGS: readonly { value: LossGrouping; label: string }[] = [
  { value: 'holder', label: 'Bench or person' },
  { value: 'tree', label: 'Tree' },
  { value: 'alloy', label: 'Alloy' },
];

function isGrouping(x: string | null): x is LossGrouping {
  return GROUPINGS.some((g) => g.value === x);
}

/** Nothing matches this range: the query a period that makes no sense asks. */
const NO_RANGE = { since: '0', until: '0' };

/** The chosen period, or why the chosen days make none; null for all time. */
function chosenPeriod(
  choice: PeriodChoice,
  from: string,
  to: string,
  today: string,
): { period: Period | null; problem: string | null } {
  if (choice === 'all') return { period: null, problem: null };
  if (choice !== 'custom') return { period: presetPeriod(choice, today), problem: null };
  if (dayNumber(from) === null || dayNumber(to) === null) {
    return { period: null, problem: 'Choose the first and the last day.' };
  }
  if (to < from) return { period: null, problem: 'The last day is before the first.' };
  return { period: { from, to }, problem: null };
}

export function LossReportScreen() {
  const headingId = useId();
  const groupingId = useId();
  // The choices are in the address, so coming back to the report shows the same period and table.
  const [params, setParams] = useSearchParams();
  const today = localDay();
  const askedChoice = params.get('period');
  const choice: PeriodChoice = isPeriodChoice(askedChoice) ? askedChoice : 'this_month';
  const askedGrouping = params.get('by');
  const grouping: LossGrouping = isGrouping(askedGrouping) ? askedGrouping : 'holder';
  const customFrom = params.get('from') ?? '';
  const customTo = params.get('to') ?? '';
  const { period, problem } = chosenPeriod(choice, customFrom, customTo, today);
  const from = period?.from;
  const to = period?.to;

  const range = useMemo(
    () =>
      problem !== null
        ? NO_RANGE
        : from !== undefined && to !== undefined
          ? periodStamps({ from, to })
          : {},
    [problem, from, to],
  );
  const events = useLedgerEvents(range);
  const names = useLedgerNames();
  const envelopes = useEnvelopeNumbers(events);
  const corrected = names?.corrected;
  const report = useMemo(
    () =>
      events === undefined || problem !== null
        ? undefined
        : lossReport(events, {
            period: from !== undefined && to !== undefined ? { from, to } : null,
            ...(corrected ? { corrected } : {}),
          }),
    [events, problem, from, to, corrected],
  );

  const set = (changes: Record<string, string>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) next.set(k, v);
        return next;
      },
      { replace: true },
    );
  const chooseCustom = () => {
    // Choosing days starts from the period on screen, so only the end that differs needs changing.
    const shown = period ?? presetPeriod('this_month', today);
    set({ period: 'custom', from: customFrom || shown.from, to: customTo || shown.to });
  };

  // The whole ledger's file runs from its first movement's day to today.
  const firstDay = events?.[0] ? stampDay(events[0].at) : null;
  const filename = ledgerCsvFilename(from ?? firstDay ?? today, to ?? today);
  const lines = report ? lossLines(report, grouping) : [];

  return (
    <section className="screen lr-screen" aria-labelledby={headingId}>
      <h2 id={headingId}>Metal loss</h2>
      <PeriodPicker
        choice={choice}
        from={customFrom}
        to={customTo}
        problem={problem}
        onChoice={(c) => (c === 'custom' ? chooseCustom() : set({ period: c }))}
        onDays={(days) => set({ period: 'custom', ...days })}
      />
      {problem === null && (
        <div className="lr-head">
          <p className="lr-period-text">
            {period ? periodText(period) : 'All time: the whole ledger'}
          </p>
          <ExportCsv
            events={events}
            names={names && envelopes ? { ...names, envelopes } : undefined}
            filename={filename}
          />
        </div>
      )}
      {report && names && (
        <>
          <section className="lr-section" aria-label="Loss in the period">
            {report.byFamily.length > 0 ? (
              <ul className="lr-summary">
                {report.byFamily.map((f) => (
                  <li key={f.family}>
                    <span className="lr-summary-figure">{fineText(f.fineUg)}</span>{' '}
                    {FAMILY_LABELS[f.family].toLowerCase()} {f.fineG < 0 ? 'found over' : 'lost'}
                    <span className="muted">
                      {' '}
                      · {f.weighIns === 1 ? 'one weigh-in' : `${f.weighIns} weigh-ins`}, {f.flagged}{' '}
                      beyond tolerance
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">
                No weigh-ins in this period. Loss shows here once a bench, a person, a tree or the
                safe is weighed in.
              </p>
            )}
            {report.unreadable > 0 && (
              <p className="muted">
                {report.unreadable === 1 ? 'One movement' : `${report.unreadable} movements`} from a
                newer version of the app are left out: update this tablet to count them.
              </p>
            )}
          </section>
          <section className="lr-section" aria-labelledby={groupingId}>
            <div className="lr-grouping">
              <h3 id={groupingId}>Lost by</h3>
              <div className="choice-group" role="radiogroup" aria-label="Group the loss by">
                {GROUPINGS.map((g) => (
                  <button
                    key={g.value}
                    type="button"
                    role="radio"
                    aria-checked={grouping === g.value}
                    className={grouping === g.value ? 'choice selected' : 'choice'}
                    onClick={() => set({ by: g.value })}
                  >
                    {g.label}
                  </button>
                ))}
              </div>
            </div>
            <LossTable lines={lines} grouping={grouping} names={names} />
          </section>
          <section className="lr-section" aria-label="Loss over the period">
            <LossChart
              buckets={report.buckets}
              families={report.families}
              size={report.bucketSize}
            />
          </section>
          <FlaggedWeighIns weighIns={report.weighIns} names={names} />
          <section className="lr-section" aria-label="Movements in the period">
            <MovementTotals totals={report.totals} families={report.familyTotals} />
          </section>
        </>
      )}
    </section>
  );
}
