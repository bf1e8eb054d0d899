// Settings: the trade shops and outside setters the shop sends work to. A retired one stays listed
// (its trips name it) but is no longer offered for new work; it can be brought back.
import { ErrorLine } from '../../components/ErrorLine';
import { useId, useState } from 'react';
import { useCurrentStaff } from '../../components/staff/useCurrentStaff';
import { db, useShop } from '../../db';
import { setTradeShop } from '../../db/tradeOperations';
import type { StaffMember } from '../../domain/staff';
import { TRADE_SHOP_KINDS, type TradeShopData, type TradeShopKind } from '../../protocol/handoffs';
import { TRADE_SHOP_KIND_LABELS } from '../jobs/job/tradeText';
import { useSubmit } from '../jobs/job/useSubmit';

export function TradeShopsSection() {
  const shop = useShop();
  const me = useCurrentStaff();
  const headingId = useId();
  if (shop === undefined || me === undefined) return null;
  const shops = shop.tradeShops;

  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Trade shops</h3>
      <p className="hint">
        Setters, engravers and platers the shop sends work to. Work sent out is where pieces get
        lost: a job sent to one is listed under Custody → Out at trade shops until it is back.
      </p>
      {shops.length === 0 ? (
        <p>No trade shops yet.</p>
      ) : (
        <ul className="staff-list" aria-label="The shop's trade shops">
          {shops.map((t) => (
            <TradeShopRow key={t.tradeShopId} tradeShop={t} actor={me} />
          ))}
        </ul>
      )}
      {me ? (
        <TradeShopForm
          title="Add a trade shop"
          start={null}
          submitLabel="Add trade shop"
          actor={me}
        />
      ) : (
        <p>Sign in (top right) to add or change a trade shop.</p>
      )}
    </section>
  );
}

function TradeShopRow({
  tradeShop,
  actor,
}: {
  tradeShop: TradeShopData;
  actor: StaffMember | null;
}) {
  const [editing, setEditing] = useState(false);
  const submit = useSubmit();
  const { name } = tradeShop;
  return (
    <li aria-label={name}>
      <p>
        <strong>{name}</strong> · {TRADE_SHOP_KIND_LABELS[tradeShop.kind]}
        {tradeShop.phone ? ` · ${tradeShop.phone}` : ''}
        {tradeShop.active ? '' : ' · retired: no longer offered'}
      </p>
      {actor && !editing && (
        <span className="sheet-actions">
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Change {name}
          </button>
          <button
            type="button"
            className="button"
            disabled={submit.busy}
            onClick={() =>
              void submit.run(() =>
                setTradeShop(db, { ...tradeShop, active: !tradeShop.active }, actor.id),
              )
            }
          >
            {tradeShop.active ? `Retire ${name}` : `Bring back ${name}`}
          </button>
        </span>
      )}
      {actor && editing && (
        <TradeShopForm
          title={`Change ${name}`}
          start={tradeShop}
          submitLabel="Save trade shop"
          actor={actor}
          onDone={() => setEditing(false)}
        />
      )}
      <ErrorLine error={submit.error} />
    </li>
  );
}

function TradeShopForm({
  title,
  start,
  submitLabel,
  actor,
  onDone,
}: {
  title: string;
  start: TradeShopData | null;
  submitLabel: string;
  actor: StaffMember;
  onDone?: () => void;
}) {
  const [name, setName] = useState(start?.name ?? '');
  const [kind, setKind] = useState<TradeShopKind | null>(start?.kind ?? null);
  const [phone, setPhone] = useState(start?.phone ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  const submit = useSubmit();
  const headingId = useId();
  const nameId = useId();
  const kindId = useId();
  const phoneId = useId();

  const save = () => {
    setSaved(null);
    if (kind === null) {
      submit.setError('Choose what kind of trade shop it is.');
      return;
    }
    const typedName = name.trim();
    void submit
      .run(() =>
        setTradeShop(
          db,
          {
            ...(start ? { tradeShopId: start.tradeShopId } : {}),
            name,
            kind,
            phone,
            active: start?.active ?? true,
          },
          actor.id,
        ),
      )
      .then((ok) => {
        if (!ok) return;
        setSaved(`Saved ${typedName}.`);
        if (!start) {
          setName('');
          setKind(null);
          setPhone('');
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
        <label htmlFor={nameId}>Trade shop name</label>
        <input
          id={nameId}
          value={name}
          maxLength={60}
          placeholder="Kovac Setting"
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <span id={kindId}>Kind</span>
        <div className="choice-group" role="radiogroup" aria-labelledby={kindId}>
          {TRADE_SHOP_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              role="radio"
              aria-checked={kind === k}
              className={kind === k ? 'choice selected' : 'choice'}
              onClick={() => setKind(k)}
            >
              {TRADE_SHOP_KIND_LABELS[k]}
            </button>
          ))}
        </div>
      </div>
      <div className="field">
        <label htmlFor={phoneId}>Phone — optional</label>
        <input
          id={phoneId}
          type="tel"
          value={phone}
          maxLength={40}
          onChange={(e) => setPhone(e.target.value)}
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
