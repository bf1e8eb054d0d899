// The rhodium baths tab of /equipment: each bath's age, rhodium, platings and replenishments; make a bath.
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useCurrentStaff } from '../../../components/staff/useCurrentStaff';
import { useBaths } from '../../../db/chemicalQueries';
import { bathUse, type MadeBath } from '../../../domain/chemicals/bathUse';
import { dayText } from '../../../domain/dates';
import type { StaffMember } from '../../../domain/staff';
import { whenText } from '../../jobs/job/format';
import { useToday } from '../../jobs/list/useToday';
import { MakeBathSheet, ReplenishSheet } from './BathSheets';
import { ageText, platingsText, rhodiumText, secondsText, volumeText } from './bathText';
import './chemicals.css';

export function BathsTab() {
  const headingId = useId();
  const actor = useCurrentStaff() ?? null;
  const baths = useBaths();
  const [making, setMaking] = useState(false);
  const [replenishing, setReplenishing] = useState<MadeBath | null>(null);
  const active = baths?.filter((b) => b.retired === null) ?? [];
  const retired = baths?.filter((b) => b.retired !== null) ?? [];

  return (
    <section className="chem" aria-labelledby={headingId}>
      <div className="chem-head">
        <h3 id={headingId}>Rhodium baths</h3>
        {actor && (
          <button type="button" className="button button-primary" onClick={() => setMaking(true)}>
            Make a bath…
          </button>
        )}
      </div>
      {actor === null && <p className="muted">Sign in to make or replenish a bath.</p>}
      {baths === undefined ? (
        <p className="tp-loading">Reading the bath log…</p>
      ) : baths.length === 0 ? (
        <p className="muted">
          No bath in the log yet. Make one when a bath is made up: each plating ticked on a job then
          goes in its log.
        </p>
      ) : (
        <>
          {active.length === 0 ? (
            <p className="muted">No bath in use: every bath in the log is retired.</p>
          ) : (
            <ul className="chem-list" aria-label="Baths in use">
              {active.map((b) => (
                <BathCard key={b.id} bath={b} actor={actor} onReplenish={setReplenishing} />
              ))}
            </ul>
          )}
          {retired.length > 0 && (
            <details className="chem-retired-list">
              <summary>Retired baths ({retired.length})</summary>
              <ul className="chem-list" aria-label="Retired baths">
                {retired.map((b) => (
                  <BathCard key={b.id} bath={b} actor={null} onReplenish={setReplenishing} />
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      {making && actor && (
        <MakeBathSheet
          actor={actor}
          suggestedName={`Bath ${(baths?.length ?? 0) + 1}`}
          onClose={() => setMaking(false)}
        />
      )}
      {replenishing && actor && (
        <ReplenishSheet actor={actor} bath={replenishing} onClose={() => setReplenishing(null)} />
      )}
    </section>
  );
}

function BathCard({
  bath,
  actor,
  onReplenish,
}: {
  bath: MadeBath;
  /** Null for a retired bath or nobody signed in: nothing to record here. */
  actor: StaffMember | null;
  onReplenish: (bath: MadeBath) => void;
}) {
  const today = useToday();
  const use = bathUse(bath, today);
  const { made, retired } = bath;
  return (
    <li
      className={retired ? 'tp-card chem-bath chem-retired' : 'tp-card chem-bath'}
      aria-label={made.name}
    >
      <h4>
        <Link to={`/equipment/baths/${bath.id}`}>{made.name}</Link>
      </h4>
      <p className="chem-state">
        Made {dayText(made.madeDate)} · {ageText(use.ageDays)}
        {retired ? ` · retired: ${retired.reason}` : ''}
      </p>
      {use.lastReplenishment && (
        <p className="muted">
          Replenished {timesText(bath.replenishments.length)}, last{' '}
          {whenText(use.lastReplenishment.at)}
        </p>
      )}
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
            {platingsText(use.sinceMade.platings)}
            {use.sinceMade.platings > 0 ? ` · ${secondsText(use.sinceMade.seconds)}` : ''}
          </dd>
        </div>
        <div>
          <dt>{use.lastReplenishment ? 'Since last replenished' : 'Replenished'}</dt>
          <dd>
            {use.lastReplenishment
              ? `${platingsText(use.sinceReplenished.platings)}${
                  use.sinceReplenished.platings > 0
                    ? ` · ${secondsText(use.sinceReplenished.seconds)}`
                    : ''
                }`
              : 'never'}
          </dd>
        </div>
      </dl>
      {actor && (
        <div className="chem-actions">
          <button type="button" className="button" onClick={() => onReplenish(bath)}>
            Replenish {made.name}…
          </button>
        </div>
      )}
    </li>
  );
}

function timesText(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}
