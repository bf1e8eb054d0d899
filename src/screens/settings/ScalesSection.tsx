// Settings: the shop's scales — what each reads to and the difference it may show and still be the
// same metal. The metal ledger's weigh-ins and the job pick-up hold weighings to that tolerance.
import { ErrorLine } from '../../components/ErrorLine';
import { useId, useState } from 'react';
import { parseDecimal } from '../../components/fields/FieldInput';
import { useCurrentStaff } from '../../components/staff/useCurrentStaff';
import { db, setScale, useShop } from '../../db';
import { DEFAULT_SCALE } from '../../domain/ledger/scales';
import type { StaffMember } from '../../domain/staff';
import type { ScaleData } from '../../protocol/ledger';
import { useSubmit } from '../jobs/job/useSubmit';

/** A new scale's id from its name: "Floor scale" → "floor_scale", never one the shop has. */
function scaleIdFor(name: string, taken: readonly ScaleData[]): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 30) || 'scale';
  const ids = new Set([...taken.map((s) => s.scaleId), DEFAULT_SCALE.scaleId]);
  if (!ids.has(base)) return base;
  let n = 2;
  while (ids.has(`${base}_${n}`)) n += 1;
  return `${base}_${n}`;
}

function gramsFigure(g: number): string {
  return `${g} g`;
}

export function ScalesSection() {
  const shop = useShop();
  const me = useCurrentStaff();
  const headingId = useId();
  if (shop === undefined || me === undefined) return null;
  const own = shop.scales;

  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Scales</h3>
      <p className="hint">
        Two weighings of the same metal on one scale differ by a count or two: within a scale’s
        tolerance that is the scale, beyond it metal came or went. Weigh-ins in the metal ledger and
        the return weight at pick-up are held to it.
      </p>
      {own.length === 0 && (
        <p>
          Until the shop sets its own, every weighing is on the built-in{' '}
          <strong>{DEFAULT_SCALE.name}</strong>: reads {gramsFigure(DEFAULT_SCALE.readabilityG)},
          tolerance ±{gramsFigure(DEFAULT_SCALE.toleranceG)}. Once a scale is added, only the shop’s
          own are offered: change the bench scale below to keep it.
        </p>
      )}
      <ul className="staff-list" aria-label="The shop's scales">
        {(own.length === 0 ? [DEFAULT_SCALE] : own).map((s) => (
          <ScaleRow key={s.scaleId} scale={s} builtIn={own.length === 0} actor={me} />
        ))}
      </ul>
      {me ? (
        <ScaleForm
          title="Add a scale"
          start={null}
          submitLabel="Add scale"
          actor={me}
          newId={(name) => scaleIdFor(name, own)}
        />
      ) : (
        <p>Sign in (top right) to add or change a scale.</p>
      )}
    </section>
  );
}

function ScaleRow({
  scale,
  builtIn,
  actor,
}: {
  scale: ScaleData;
  builtIn: boolean;
  actor: StaffMember | null;
}) {
  const [editing, setEditing] = useState(false);
  const submit = useSubmit();
  return (
    <li aria-label={scale.name}>
      <p>
        <strong>{scale.name}</strong>
        {builtIn ? ' (built in)' : ''} · reads {gramsFigure(scale.readabilityG)} · tolerance ±
        {gramsFigure(scale.toleranceG)}
        {scale.retired ? ' · retired: no longer offered' : ''}
      </p>
      {actor && !editing && (
        <span className="sheet-actions">
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Change {scale.name}
          </button>
          {!builtIn && (
            <button
              type="button"
              className="button"
              disabled={submit.busy}
              onClick={() =>
                void submit.run(() => setScale(db, { ...scale, retired: !scale.retired }, actor.id))
              }
            >
              {scale.retired ? `Bring back ${scale.name}` : `Retire ${scale.name}`}
            </button>
          )}
        </span>
      )}
      {actor && editing && (
        <ScaleForm
          title={`Change ${scale.name}`}
          start={scale}
          submitLabel="Save scale"
          actor={actor}
          onDone={() => setEditing(false)}
        />
      )}
      <ErrorLine error={submit.error} />
    </li>
  );
}

function ScaleForm({
  title,
  start,
  submitLabel,
  actor,
  newId,
  onDone,
}: {
  title: string;
  start: ScaleData | null;
  submitLabel: string;
  actor: StaffMember;
  newId?: (name: string) => string;
  onDone?: () => void;
}) {
  const [name, setName] = useState(start?.name ?? '');
  const [reads, setReads] = useState(start ? String(start.readabilityG) : '0.01');
  const [tolerance, setTolerance] = useState(start ? String(start.toleranceG) : '0.02');
  const [saved, setSaved] = useState<string | null>(null);
  const submit = useSubmit();
  const headingId = useId();
  const nameId = useId();
  const readsId = useId();
  const tolId = useId();

  const save = () => {
    setSaved(null);
    const readabilityG = parseDecimal(reads);
    const toleranceG = parseDecimal(tolerance);
    if (readabilityG === undefined) {
      submit.setError('Enter what the scale reads to in grams, such as 0.01.');
      return;
    }
    if (toleranceG === undefined) {
      submit.setError('Enter the tolerance in grams, such as 0.02.');
      return;
    }
    const scale: ScaleData = {
      scaleId: start?.scaleId ?? newId?.(name) ?? 'scale',
      name: name.trim(),
      readabilityG,
      toleranceG,
      retired: start?.retired ?? false,
    };
    void submit
      .run(() => setScale(db, scale, actor.id))
      .then((ok) => {
        if (!ok) return;
        setSaved(`Saved ${scale.name}: ±${gramsFigure(toleranceG)}.`);
        if (!start) {
          setName('');
          setReads('0.01');
          setTolerance('0.02');
        }
        onDone?.();
      });
  };

  return (
    <form
      className="form"
      aria-labelledby={headingId}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      noValidate
    >
      <h4 id={headingId}>{title}</h4>
      <div className="field">
        <label htmlFor={nameId}>Scale name</label>
        <input
          id={nameId}
          value={name}
          maxLength={60}
          placeholder="Floor sweeps scale"
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={readsId}>Reads to (g)</label>
        <input
          id={readsId}
          inputMode="decimal"
          autoComplete="off"
          value={reads}
          onChange={(e) => setReads(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={tolId}>Tolerance (± g)</label>
        <input
          id={tolId}
          inputMode="decimal"
          autoComplete="off"
          value={tolerance}
          onChange={(e) => setTolerance(e.target.value)}
        />
      </div>
      <button type="submit" className="button button-primary" disabled={submit.busy}>
        {submitLabel}
      </button>
      <ErrorLine error={submit.error} />
      {saved && (
        <p className="ok" role="status">
          {saved}
        </p>
      )}
    </form>
  );
}
