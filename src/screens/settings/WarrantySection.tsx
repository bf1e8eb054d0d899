// Settings: how many days each kind of service is guaranteed after pick-up, the built-in days
// (DOMAIN.md) unless the shop changes them. The job page and the pick-up receipt read them.
import { useId, useState, type SyntheticEvent } from 'react';
import { parseDecimal } from '../../components/fields/FieldInput';
import { useCurrentStaff } from '../../components/staff/useCurrentStaff';
import { BenchInputError, db, useShop } from '../../db';
import { setWarrantyDays } from '../../db/warrantyOperations';
import { SERVICE_KINDS, type ServiceKind } from '../../domain/checklists';
import { DEFAULT_WARRANTY_DAYS, warrantyDaysFor } from '../../domain/warranty';
import { errorMessage } from '../jobs/job/useSubmit';
import { serviceName } from '../label/labelText';
import '../jobs/job/warranty.css';

type Days = Record<ServiceKind, number>;

/** One value per kind of service, in the order the kinds are listed. */
function byKind<T>(value: (kind: ServiceKind) => T): Record<ServiceKind, T> {
  const out = {} as Record<ServiceKind, T>;
  for (const kind of SERVICE_KINDS) out[kind] = value(kind);
  return out;
}

function daysText(days: number): string {
  if (days === 0) return 'no warranty';
  return days === 1 ? '1 day' : `${days} days`;
}

export function WarrantySection() {
  const shop = useShop();
  const me = useCurrentStaff();
  const headingId = useId();
  // Kept here, not in the form: the form starts again from the saved days once they are stored.
  const [saved, setSaved] = useState<string | null>(null);
  if (shop === undefined || me === undefined) return null;
  const current = byKind((k) => warrantyDaysFor(k, shop.warrantyDays));

  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Warranty</h3>
      <p className="hint">
        Days each service is guaranteed from the day the piece is picked up (0: no warranty). The
        job page and the pick-up receipt show them. A change counts for pieces picked up from now
        on: a piece already picked up keeps the warranty it went home with.
      </p>
      {me ? (
        // Remounted when the shop's days change (here or synced in), so the boxes start from them.
        <WarrantyForm
          key={JSON.stringify(current)}
          current={current}
          actorId={me.id}
          saved={saved}
          onSaved={setSaved}
        />
      ) : (
        <>
          <WarrantyList current={current} />
          <p>Sign in (top right) to change the warranty days.</p>
        </>
      )}
    </section>
  );
}

/** "Default" or "Changed · default 90 days": in words, never by colour alone. */
function DefaultNote({ kind, days }: { kind: ServiceKind; days: number }) {
  const builtIn = DEFAULT_WARRANTY_DAYS[kind];
  return days === builtIn ? (
    <span className="wr-default">Default</span>
  ) : (
    <span className="wr-changed">
      <strong>Changed</strong> · default {daysText(builtIn)}
    </span>
  );
}

function WarrantyList({ current }: { current: Days }) {
  return (
    <ul className="wr-settings" aria-label="Warranty days">
      {SERVICE_KINDS.map((kind) => (
        <li key={kind} className={current[kind] === DEFAULT_WARRANTY_DAYS[kind] ? '' : 'wr-own'}>
          <span className="wr-kind">{serviceName(kind)}</span>
          <span>{daysText(current[kind])}</span>
          <DefaultNote kind={kind} days={current[kind]} />
        </li>
      ))}
    </ul>
  );
}

function WarrantyForm({
  current,
  actorId,
  saved,
  onSaved: setSaved,
}: {
  current: Days;
  actorId: string;
  saved: string | null;
  onSaved: (message: string | null) => void;
}) {
  const [texts, setTexts] = useState(() => byKind((k) => String(current[k])));
  const [error, setError] = useState<string | null>(null);
  const [bad, setBad] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const baseId = useId();

  const save = async (e: SyntheticEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    setBad(new Set());
    setSaved(null);
    // Only what differs from the shop's days now is recorded; a box that is not a number is
    // sent as NaN, so setWarrantyDays names that service in its refusal.
    const changes: Partial<Days> = {};
    for (const kind of SERVICE_KINDS) {
      const days = parseDecimal(texts[kind]) ?? Number.NaN;
      if (days !== current[kind]) changes[kind] = days;
    }
    if (Object.keys(changes).length === 0) {
      setSaved('Nothing changed.');
      return;
    }
    setBusy(true);
    try {
      await setWarrantyDays(db, changes, actorId);
      setSaved(
        'Saved: ' +
          Object.entries(changes)
            .map(([k, d]) => `${serviceName(k as ServiceKind)} ${daysText(d)}`)
            .join(', ') +
          '.',
      );
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof BenchInputError) setBad(new Set(err.problems.map((p) => p.key)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="wr-form" aria-label="Warranty days" onSubmit={(e) => void save(e)} noValidate>
      <ul className="wr-settings">
        {SERVICE_KINDS.map((kind) => {
          const id = `${baseId}-${kind}`;
          return (
            <li
              key={kind}
              className={current[kind] === DEFAULT_WARRANTY_DAYS[kind] ? '' : 'wr-own'}
            >
              <label htmlFor={id} className="wr-kind">
                {serviceName(kind)}
              </label>
              <span className="wr-days-input">
                <input
                  id={id}
                  inputMode="numeric"
                  autoComplete="off"
                  value={texts[kind]}
                  aria-invalid={bad.has(kind)}
                  aria-describedby={`${id}-note`}
                  onChange={(e) => {
                    const text = e.target.value;
                    setTexts((t) => ({ ...t, [kind]: text }));
                    setSaved(null);
                  }}
                />{' '}
                days
              </span>
              <span id={`${id}-note`}>
                <DefaultNote kind={kind} days={current[kind]} />
              </span>
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {saved && (
        <p className="ok" role="status">
          {saved}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        Save warranty days
      </button>
    </form>
  );
}
