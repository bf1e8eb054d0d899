// One rhodium bath (/equipment/baths/:bathId): made, replenished, every plating with its time and voltage.
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { SignInPanel } from '../../../components/staff/SignInPanel';
import { useCurrentStaff } from '../../../components/staff/useCurrentStaff';
import { useStaff } from '../../../db';
import { useBath, useEnvelopeNumbersOf, useMachineName } from '../../../db/chemicalQueries';
import {
  bathUse,
  isMade,
  platedAfterRetirement,
  type MadeBath,
} from '../../../domain/chemicals/bathUse';
import { dayText } from '../../../domain/dates';
import type { StaffMember } from '../../../domain/staff';
import { compareStreamEvents } from '../../../domain/streamProjection';
import { whenText } from '../../jobs/job/format';
import { useStaffNames } from '../../jobs/job/useStaffNames';
import { useToday } from '../../jobs/list/useToday';
import { ReplenishSheet, RetireSheet } from './BathSheets';
import {
  ageText,
  platingsText,
  platingText,
  rhodiumText,
  secondsText,
  volumeText,
} from './bathText';
import '../../casting/tree/tree.css';
import './chemicals.css';

const BACK = '/equipment?tab=baths';

export function BathScreen() {
  const { bathId = '' } = useParams();
  const bath = useBath(bathId);
  const actor = useCurrentStaff();
  if (bath === undefined || actor === undefined)
    return <p className="tp-loading">Reading the bath…</p>;
  if (bath === null || !isMade(bath)) {
    return (
      <section className="chem">
        <p>
          <Link to={BACK}>← Baths</Link>
        </p>
        <h2>No such bath</h2>
        <p>This tablet has no bath {bathId} in the log. It may not have synced here yet.</p>
      </section>
    );
  }
  return <BathPage bath={bath} actor={actor} />;
}

function BathPage({ bath, actor }: { bath: MadeBath; actor: StaffMember | null }) {
  const today = useToday();
  const people = useStaff();
  const nameOf = useStaffNames(people ?? []);
  const machine = useMachineName(bath.made.equipmentId);
  const [sheet, setSheet] = useState<'replenish' | 'retire' | null>(null);
  const use = bathUse(bath, today);
  const { made, retired } = bath;

  return (
    <section className="chem" aria-label={made.name}>
      <p>
        <Link to={BACK}>← Baths</Link>
      </p>
      <div className="chem-head">
        <h2>{made.name}</h2>
        {actor && !retired && (
          <div className="chem-actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => setSheet('replenish')}
            >
              Replenish…
            </button>
            <button type="button" className="button" onClick={() => setSheet('retire')}>
              Retire…
            </button>
          </div>
        )}
      </div>
      <section className="tp-card chem-bath" aria-label="The bath now">
        <p className="chem-state">
          {retired
            ? `Retired ${whenText(retired.at, today)} by ${nameOf(retired.by)}: ${retired.reason}`
            : 'In use'}{' '}
          · made {dayText(made.madeDate)} · {ageText(use.ageDays)}
          {machine ? ` · runs in ${machine}` : ''}
        </p>
        <dl className="chem-figures">
          <div>
            <dt>Rhodium put in</dt>
            <dd>{rhodiumText(use.rhodiumG)}</dd>
          </div>
          <div>
            <dt>Volume</dt>
            <dd>{volumeText(use.volumeMl)}</dd>
          </div>
          <div>
            <dt>Since made</dt>
            <dd>
              {platingsText(use.sinceMade.platings)} · {secondsText(use.sinceMade.seconds)}
            </dd>
          </div>
          <div>
            <dt>Since last replenished</dt>
            <dd>
              {use.lastReplenishment
                ? `${platingsText(use.sinceReplenished.platings)} · ${secondsText(use.sinceReplenished.seconds)}`
                : 'never replenished'}
            </dd>
          </div>
        </dl>
      </section>
      {actor === null && (
        <section className="tp-card">
          <p>
            <strong>Sign in to replenish or retire the bath.</strong> The log can be read without.
          </p>
          <SignInPanel />
        </section>
      )}
      <section className="tp-card" aria-labelledby="chem-log-h">
        <h3 id="chem-log-h">The bath’s log</h3>
        <BathLog bath={bath} nameOf={nameOf} today={today} />
      </section>
      {sheet === 'replenish' && actor && (
        <ReplenishSheet actor={actor} bath={bath} onClose={() => setSheet(null)} />
      )}
      {sheet === 'retire' && actor && (
        <RetireSheet actor={actor} bath={bath} onClose={() => setSheet(null)} />
      )}
    </section>
  );
}

interface LogLine {
  at: string;
  eventId: string;
  kind: string;
  node: ReactNode;
}

/** Every entry of the bath, newest first: platings with their time and voltage and the job. */
function BathLog({
  bath,
  nameOf,
  today,
}: {
  bath: MadeBath;
  nameOf: (staffId: string) => string;
  today: string;
}) {
  const numbers = useEnvelopeNumbersOf(bath.platings.map((p) => p.jobId));
  const lines = logLines(bath, nameOf, today, numbers ?? {});
  return (
    <ol className="chem-log" aria-label="Bath log">
      {lines.map((l) => (
        <li key={l.eventId} className={`chem-entry-${l.kind}`}>
          {l.node}
        </li>
      ))}
    </ol>
  );
}

function logLines(
  bath: MadeBath,
  nameOf: (staffId: string) => string,
  today: string,
  numbers: Readonly<Record<string, string>>,
): LogLine[] {
  const who = (x: { by: string; at: string }) => `${nameOf(x.by)} · ${whenText(x.at, today)}`;
  const { made, retired } = bath;
  const lines: LogLine[] = [
    {
      at: made.at,
      eventId: made.eventId,
      kind: 'made',
      node: (
        <>
          <p>
            <span className="chem-kind">Made</span> {dayText(made.madeDate)} with{' '}
            {rhodiumText(made.rhodiumG)} of rhodium in {volumeText(made.volumeMl)}
            {made.note ? ` · ${made.note}` : ''}
          </p>
          <p className="muted">{who(made)}</p>
        </>
      ),
    },
    ...bath.replenishments.map((r) => ({
      at: r.at,
      eventId: r.eventId,
      kind: 'replenished',
      node: (
        <>
          <p>
            <span className="chem-kind">Replenished</span> {rhodiumText(r.rhodiumG)} of rhodium
            {r.volumeMl !== undefined ? `, ${volumeText(r.volumeMl)} of solution` : ''}
            {r.note ? ` · ${r.note}` : ''}
          </p>
          <p className="muted">{who(r)}</p>
        </>
      ),
    })),
    ...bath.platings.map((p) => {
      const late = platedAfterRetirement(bath, p);
      const envelope = numbers[p.jobId];
      return {
        at: p.at,
        eventId: p.eventId,
        kind: late ? 'late' : 'plated',
        node: (
          <>
            <p>
              <span className="chem-kind">Plated</span> {platingText(p)} · job{' '}
              <Link to={`/jobs/${p.jobId}`}>{envelope ?? 'not on this tablet'}</Link>
            </p>
            <p className="muted">{who(p)}</p>
            {late && (
              <p className="tp-warn">
                Recorded after the bath was retired (a tablet that had not heard yet).
              </p>
            )}
          </>
        ),
      };
    }),
  ];
  if (retired) {
    lines.push({
      at: retired.at,
      eventId: retired.eventId,
      kind: 'retired',
      node: (
        <>
          <p>
            <span className="chem-kind">Retired</span>: {retired.reason}
          </p>
          <p className="muted">{who(retired)}</p>
        </>
      ),
    });
  }
  return lines.sort(
    (a, b) => -compareStreamEvents({ at: a.at, id: a.eventId }, { at: b.at, id: b.eventId }),
  );
}
