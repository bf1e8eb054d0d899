// The rhodium plate step's bath: which of the shop's baths the piece goes in (the newest one first),
// and once ticked, which bath its plating was recorded in.
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useActiveBaths, usePlatingsOfService } from '../../../db/chemicalQueries';
import type { MadeBath } from '../../../domain/chemicals/bathUse';
import { dayText } from '../../../domain/dates';
import { whenText } from '../../jobs/job/format';
import { platingText } from './bathText';
import './chemicals.css';

export interface BathPick {
  /** The shop's active baths, newest first; undefined while they are read (or not asked for). */
  baths: readonly MadeBath[] | undefined;
  /** The bath the tick records the plating in; undefined when the log has none. */
  bathId: string | undefined;
  choose: (bathId: string) => void;
}

/**
 * The bath a plate step's tick goes in: the one chosen while it is still in use, else the most
 * recently made active bath. `enabled` false (every other step) reads nothing.
 */
export function useBathPick(enabled: boolean): BathPick {
  const [chosen, setChosen] = useState<string | null>(null);
  const baths = useActiveBaths(enabled);
  // A bath retired on another tablet while the page was open drops out: the newest one is offered.
  const bathId = baths?.find((b) => b.id === chosen)?.id ?? baths?.[0]?.id;
  return { baths, bathId, choose: setChosen };
}

/** Under the open plate step: the baths as big buttons, or why there is none to choose. */
export function PlateBathChoice({ pick }: { pick: BathPick }) {
  const labelId = useId();
  const { baths } = pick;
  if (baths === undefined) return <p className="muted chem-pick-loading">Reading the baths…</p>;
  if (baths.length === 0) {
    return (
      <p className="chem-no-bath" role="note">
        No bath in the log: the plate is recorded without one.{' '}
        <Link to="/equipment?tab=baths">Make a bath</Link> to log its platings.
      </p>
    );
  }
  return (
    <div className="chem-bath-pick">
      <span id={labelId} className="chem-pick-label">
        Bath
      </span>
      <div className="jp-targets" role="radiogroup" aria-labelledby={labelId}>
        {baths.map((b) => (
          <button
            key={b.id}
            type="button"
            role="radio"
            aria-checked={b.id === pick.bathId}
            className={b.id === pick.bathId ? 'jp-target selected' : 'jp-target'}
            onClick={() => pick.choose(b.id)}
          >
            {b.made.name}
            <small>made {dayText(b.made.madeDate, { year: false })}</small>
          </button>
        ))}
      </div>
    </div>
  );
}

/** Under a done plate step: the bath (or baths, after a re-plate) its platings were recorded in. */
export function PlatedInBath({ jobId, serviceId }: { jobId: string; serviceId: string }) {
  const found = usePlatingsOfService(jobId, serviceId);
  if (!found || found.length === 0) return null;
  return (
    <ul className="chem-plated-in" aria-label="Platings in the bath log">
      {found.map(({ bath, plating }) => (
        <li key={plating.eventId}>
          Plated in <Link to={`/equipment/baths/${bath.id}`}>{bath.made.name}</Link> ·{' '}
          {platingText(plating)} · {whenText(plating.at)}
        </li>
      ))}
    </ul>
  );
}
