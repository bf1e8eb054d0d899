// Settings: labour rates per role and person, and the shop's metal prices per gram, for the job's cost.
import { useId, useState, type SyntheticEvent } from 'react';
import { ErrorLine } from '../../components/ErrorLine';
import { useCurrentStaff } from '../../components/staff/useCurrentStaff';
import { BenchInputError, db, useShop } from '../../db';
import {
  setLabourRates,
  setMetalPrices,
  type LabourRateInput,
  type MetalPriceInput,
} from '../../db/costingOperations';
import { ALLOY_IDS, ALLOYS, isAlloyId } from '../../domain/metals';
import type { ShopState } from '../../domain/shopState';
import { STAFF_ROLE_LABELS } from '../../domain/staff';
import { STAFF_ROLES, type StaffRole } from '../../protocol/roles';
import { parseMoney } from '../intake/intakeForm';
import { moneyText } from '../metal/metalText';
import { perHourText } from '../jobs/job/cost/costText';
import { errorMessage } from '../jobs/job/useSubmit';
import '../jobs/job/cost/cost.css';

/** One price a person reads or changes: a role's, a person's or an alloy's. */
interface PriceRow {
  /** The key a refusal names it by (costingOperations): role:…, staff:…, or the alloy id. */
  key: string;
  label: string;
  cents: number | null;
  /** What a blank box means for this row, or other words under it. */
  note?: string;
}

type Change = { key: string; cents: number | null };

export function CostingSection() {
  const shop = useShop();
  const me = useCurrentStaff();
  const headingId = useId();
  // Kept here, not in the forms: a form starts again from the saved prices once they are stored.
  const [saved, setSaved] = useState<Readonly<Record<string, string | null>>>({});
  if (shop === undefined || me === undefined) return null;
  const roles = roleRows(shop);
  const people = personRows(shop);
  const metals = metalRows(shop);
  const said = (title: string) => ({
    saved: saved[title] ?? null,
    onSaved: (message: string | null) => setSaved((m) => ({ ...m, [title]: message })),
  });

  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Job costs</h3>
      <p className="hint">
        A manager sees each job’s cost on its page: time worked at the labour rate, materials at
        their cost, metal added at the shop’s price per gram, beside the estimate. A person’s own
        rate wins over their role’s; someone with neither is said to have no rate, never costed at
        nothing.
      </p>
      {me?.role === 'manager' ? (
        <div>
          <PriceForm
            key={versionOf(roles)}
            {...said('Labour rate by role')}
            title="Labour rate by role"
            unit="an hour"
            rows={roles}
            submitLabel="Save role rates"
            blankMeans="clear"
            save={(changes, actor) =>
              setLabourRates(
                db,
                changes.map((c) => ({ role: c.key.slice(5) as StaffRole, centsPerHour: c.cents })),
                actor,
              )
            }
            actor={me.id}
          />
          <PriceForm
            key={versionOf(people)}
            {...said('Labour rate by person')}
            title="Labour rate by person"
            unit="an hour"
            rows={people}
            submitLabel="Save personal rates"
            blankMeans="clear"
            save={(changes, actor) =>
              setLabourRates(
                db,
                changes.map((c): LabourRateInput => ({
                  staffId: c.key.slice(6),
                  centsPerHour: c.cents,
                })),
                actor,
              )
            }
            actor={me.id}
          />
          <PriceForm
            key={versionOf(metals)}
            {...said('Metal price per gram')}
            title="Metal price per gram"
            unit="a gram"
            rows={metals}
            submitLabel="Save metal prices"
            blankMeans="keep"
            save={(changes, actor) =>
              setMetalPrices(
                db,
                changes.flatMap((c): MetalPriceInput[] =>
                  isAlloyId(c.key) && c.cents !== null
                    ? [{ alloyId: c.key, centsPerGram: c.cents }]
                    : [],
                ),
                actor,
              )
            }
            actor={me.id}
          />
        </div>
      ) : (
        <>
          <PriceList title="Labour rate by role" unit="an hour" rows={roles} />
          <PriceList title="Labour rate by person" unit="an hour" rows={people} />
          <PriceList title="Metal price per gram" unit="a gram" rows={metals} />
          <p>
            {me === null
              ? 'Sign in as a manager (top right) to change the rates and prices.'
              : 'Only a manager can change the rates and prices.'}
          </p>
        </>
      )}
    </section>
  );
}

/**
 * A form is remounted when its saved prices change (here or synced in), so its boxes start from
 * them; a change elsewhere (a role's rate, in a person's note) leaves what is typed in it alone.
 */
function versionOf(rows: readonly PriceRow[]): string {
  return JSON.stringify(rows.map((r) => [r.key, r.cents]));
}

function roleRows(shop: ShopState): PriceRow[] {
  return STAFF_ROLES.map((role) => ({
    key: `role:${role}`,
    label: STAFF_ROLE_LABELS[role],
    cents: shop.labourRates.roles[role] ?? null,
    note: 'Blank: no rate for the role.',
  }));
}

/** Everyone active, and anyone no longer active who still has a rate of their own. */
function personRows(shop: ShopState): PriceRow[] {
  return shop.staff
    .filter((s) => s.active || shop.labourRates.staff[s.id] !== undefined)
    .map((s) => {
      const roleRate = shop.labourRates.roles[s.role];
      const role = STAFF_ROLE_LABELS[s.role];
      return {
        key: `staff:${s.id}`,
        label: s.active ? s.name : `${s.name} (no longer on the staff)`,
        cents: shop.labourRates.staff[s.id] ?? null,
        note:
          roleRate === undefined
            ? `Blank: the ${role} rate, and the role has none.`
            : `Blank: the ${role} rate, ${perHourText(roleRate)}.`,
      };
    });
}

function metalRows(shop: ShopState): PriceRow[] {
  return ALLOY_IDS.map((alloyId) => ({
    key: alloyId,
    label: ALLOYS[alloyId].name,
    cents: shop.metalPrices[alloyId] ?? null,
  }));
}

/** "45.00 an hour", or "no rate" / "no price" where none is set. */
function priceText(cents: number | null, unit: string): string {
  if (cents !== null) return `${moneyText(cents)} ${unit}`;
  return unit === 'a gram' ? 'no price' : 'no rate';
}

function PriceList({ title, unit, rows }: { title: string; unit: string; rows: PriceRow[] }) {
  return (
    <>
      <h4>{title}</h4>
      {rows.length === 0 ? (
        <p className="muted">Nobody on the staff list yet.</p>
      ) : (
        <ul className="cost-prices" aria-label={title}>
          {rows.map((r) => (
            <li key={r.key}>
              <span className="cost-price-name">{r.label}</span>
              <span>{priceText(r.cents, unit)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function PriceForm({
  title,
  unit,
  rows,
  submitLabel,
  blankMeans,
  save,
  actor,
  saved,
  onSaved: setSaved,
}: {
  title: string;
  unit: string;
  rows: PriceRow[];
  submitLabel: string;
  /** A blank box takes the price away ('clear'), or a price can only be changed ('keep'). */
  blankMeans: 'clear' | 'keep';
  save: (changes: Change[], actor: string) => Promise<void>;
  actor: string;
  saved: string | null;
  onSaved: (message: string | null) => void;
}) {
  const [texts, setTexts] = useState(() =>
    Object.fromEntries(rows.map((r) => [r.key, r.cents === null ? '' : moneyText(r.cents)])),
  );
  const [error, setError] = useState<string | null>(null);
  const [bad, setBad] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const baseId = useId();
  if (rows.length === 0) {
    return (
      <>
        <h4>{title}</h4>
        <p className="muted">Nobody on the staff list yet.</p>
      </>
    );
  }

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    setSaved(null);
    const changes: Change[] = [];
    const problems: { key: string; message: string }[] = [];
    for (const row of rows) {
      const typed = (texts[row.key] ?? '').trim();
      const cents = typed === '' ? null : parseMoney(typed);
      if (cents === undefined) {
        problems.push({ key: row.key, message: `${row.label}: enter an amount, like 45.00.` });
      } else if (cents === null && row.cents !== null && blankMeans === 'keep') {
        problems.push({
          key: row.key,
          message: `${row.label}: a price can be changed, not taken away. Enter its price.`,
        });
      } else if (cents !== row.cents) {
        changes.push({ key: row.key, cents });
      }
    }
    setBad(new Set(problems.map((p) => p.key)));
    if (problems.length > 0) {
      setError(problems.map((p) => p.message).join(' '));
      return;
    }
    if (changes.length === 0) {
      setSaved('Nothing changed.');
      return;
    }
    setBusy(true);
    try {
      await save(changes, actor);
      const label = (key: string) => rows.find((r) => r.key === key)?.label ?? key;
      setSaved(
        'Saved: ' +
          changes
            .map(
              (c) =>
                `${label(c.key)} ${c.cents === null ? 'no rate' : `${moneyText(c.cents)} ${unit}`}`,
            )
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
    <form className="cost-form" aria-label={title} onSubmit={(e) => void submit(e)} noValidate>
      <h4>{title}</h4>
      <ul className="cost-prices">
        {rows.map((row) => {
          const id = `${baseId}-${row.key}`;
          return (
            <li key={row.key}>
              <label htmlFor={id} className="cost-price-name">
                {row.label}
              </label>
              <span className="cost-price-input">
                <input
                  id={id}
                  inputMode="decimal"
                  autoComplete="off"
                  value={texts[row.key] ?? ''}
                  aria-invalid={bad.has(row.key)}
                  aria-describedby={row.note ? `${id}-note` : undefined}
                  onChange={(e) => {
                    const text = e.target.value;
                    setTexts((t) => ({ ...t, [row.key]: text }));
                    setSaved(null);
                  }}
                />{' '}
                {unit}
              </span>
              {row.note && (
                <span id={`${id}-note`} className="cost-note">
                  {row.note}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <ErrorLine error={error} />
      {saved && (
        <p className="ok" role="status">
          {saved}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
