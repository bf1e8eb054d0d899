// One inventory item (/inventory/items/:itemId): what it is, on hand against its minimum, receive, use, count, its history.
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { SignInPanel } from '../../components/staff/SignInPanel';
import { useCurrentStaff } from '../../components/staff/useCurrentStaff';
import { db, useLedger, useStaff } from '../../db';
import { updateItem } from '../../db/inventoryOperations';
import { useEnvelopesOf, useItem, useItemHistory } from '../../db/inventoryQueries';
import type { HistoryLine } from '../../domain/inventory/history';
import {
  isKnown,
  linkedStockText,
  onHandOf,
  orderQuantity,
  quantityText,
  UNIT_LABELS,
  type KnownItem,
} from '../../domain/inventory/stock';
import type { StaffMember } from '../../domain/staff';
import type { ItemUnit } from '../../protocol/inventory';
import { ErrorLine } from '../casting/tree/controls';
import { whenText } from '../jobs/job/format';
import { useStaffNames } from '../jobs/job/useStaffNames';
import { useSubmit } from '../jobs/job/useSubmit';
import { moneyText } from '../metal/metalText';
import {
  changesText,
  itemSubtitle,
  movementText,
  onHandLine,
  STANDING_WORDS,
  standingOf,
} from './inventoryText';
import { ItemFormSheet } from './ItemForm';
import { STOCK_ACTION_TITLES, StockSheet, type StockAction } from './StockSheets';
import '../casting/tree/tree.css';
import '../metal/metal.css';
import './inventory.css';

export function ItemScreen() {
  const { itemId = '' } = useParams();
  const item = useItem(itemId);
  const actor = useCurrentStaff();
  const people = useStaff();
  const ledger = useLedger();

  if (item === undefined || actor === undefined || people === undefined || ledger === undefined) {
    return <p className="tp-loading">Opening the item…</p>;
  }
  if (item === null || !isKnown(item)) {
    return (
      <EmptyState title="Item not on this tablet">
        <p>
          <strong>This tablet does not have that item yet.</strong>
        </p>
        <p>An item added on another tablet arrives here the next time this one syncs.</p>
        <p>
          <Link to="/inventory" className="button button-primary">
            Stock
          </Link>
        </p>
      </EmptyState>
    );
  }
  return <ItemPage item={item} onHand={onHandOf(item, ledger)} actor={actor} people={people} />;
}

function ItemPage({
  item,
  onHand,
  actor,
  people,
}: {
  item: KnownItem;
  onHand: number;
  actor: StaffMember | null;
  people: readonly StaffMember[];
}) {
  const nameOf = useStaffNames(people);
  const [sheet, setSheet] = useState<StockAction | 'edit' | null>(null);
  const retire = useSubmit();
  const { fields } = item;
  const standing = standingOf(item, onHand);
  const linked = fields.alloyId;
  const toOrder = orderQuantity(item, onHand);
  const headingId = useId();

  const setRetired = (retired: boolean) => {
    if (!actor) return;
    void retire.run(() => updateItem(db, item.id, { retired }, actor.id));
  };

  return (
    <article className="inv inv-item" aria-labelledby={headingId}>
      <p className="inv-back">
        <Link to="/inventory" className="metal-link">
          ← Stock
        </Link>
      </p>
      <section className={`tp-card inv-item-head inv-standing-${standing}`}>
        <h2 id={headingId}>{fields.name}</h2>
        <p className="inv-subtitle">{itemSubtitle(fields)}</p>
        <p className="inv-on-hand" role="note" aria-label="On hand">
          {onHandLine(item, onHand)}
        </p>
        {standing !== 'ok' && (
          <p className={`inv-flag inv-flag-${standing}`} role="status">
            <strong>{STANDING_WORDS[standing]}</strong>
            {standing === 'short' &&
              ` by ${quantityText(fields.minimum - onHand, fields.unit)}: order ${quantityText(toOrder, fields.unit)}.`}
          </p>
        )}
        {linked !== undefined && (
          <p className="hint">
            On hand is {linkedStockText(linked)}: receive, issue and weigh it in{' '}
            <Link to="/metal">Metal → Stock</Link>.
          </p>
        )}
      </section>

      {actor === null ? (
        <section className="tp-card">
          <p>
            <strong>Sign in to receive, use or count it.</strong>
          </p>
          <SignInPanel />
        </section>
      ) : (
        <div className="tp-actions inv-actions">
          {linked === undefined && !fields.retired && (
            <>
              <button
                type="button"
                className="button button-primary"
                onClick={() => setSheet('receive')}
              >
                {STOCK_ACTION_TITLES.receive}…
              </button>
              <button type="button" className="button" onClick={() => setSheet('shop_use')}>
                {STOCK_ACTION_TITLES.shop_use}…
              </button>
            </>
          )}
          {linked === undefined && (
            <button type="button" className="button" onClick={() => setSheet('count')}>
              {STOCK_ACTION_TITLES.count}…
            </button>
          )}
          <button type="button" className="button" onClick={() => setSheet('edit')}>
            Edit…
          </button>
          <button
            type="button"
            className="button"
            disabled={retire.busy}
            onClick={() => setRetired(!fields.retired)}
          >
            {fields.retired ? 'Bring it back' : 'Retire it'}
          </button>
        </div>
      )}
      <ErrorLine error={retire.error} />

      <Facts item={item} nameOf={nameOf} />
      <History item={item} nameOf={nameOf} />

      {actor && sheet === 'edit' && (
        <ItemFormSheet
          title={`Change ${fields.name}`}
          fields={fields}
          submitLabel="Save changes"
          onSave={(changes) => updateItem(db, item.id, changes, actor.id)}
          onClose={() => setSheet(null)}
        />
      )}
      {actor && sheet !== null && sheet !== 'edit' && (
        <StockSheet
          action={sheet}
          item={item}
          onHand={onHand}
          actor={actor}
          onClose={() => setSheet(null)}
        />
      )}
    </article>
  );
}

function Facts({ item, nameOf }: { item: KnownItem; nameOf: (id: string) => string }) {
  const { fields } = item;
  const { unit } = fields;
  const rows: [string, string][] = [
    ['Counted in', UNIT_LABELS[unit]],
    ['Supplier', fields.supplier ?? '—'],
    [
      'Reorder quantity',
      fields.reorderQuantity === undefined
        ? 'none: the order makes it up to the minimum'
        : quantityText(fields.reorderQuantity, unit),
    ],
    ['Cost per unit', item.unitCostCents === null ? 'not known' : moneyText(item.unitCostCents)],
    ['Used in all', quantityText(item.totalUsed, unit)],
  ];
  if (fields.description) rows.splice(1, 0, ['Description', fields.description]);
  if (fields.alloyId === undefined) {
    rows.push([
      'Last counted',
      item.lastCount
        ? `${quantityText(item.lastCount.quantity, unit)} · ${nameOf(item.lastCount.by)} · ${whenText(item.lastCount.at)}`
        : 'never',
    ]);
  }
  return (
    <section className="tp-card">
      <h3>About it</h3>
      <dl className="inv-facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function History({ item, nameOf }: { item: KnownItem; nameOf: (id: string) => string }) {
  const lines = useItemHistory(item.id);
  const jobIds = (lines ?? []).flatMap((l) =>
    l.kind === 'movement' && l.movement.jobId !== undefined ? [l.movement.jobId] : [],
  );
  const envelopes = useEnvelopesOf(jobIds);
  const headingId = useId();
  return (
    <section className="tp-card" aria-labelledby={headingId}>
      <h3 id={headingId}>History</h3>
      {lines === undefined ? (
        <p className="tp-loading">Reading its history…</p>
      ) : (
        <ol className="inv-history" aria-label="Item history">
          {[...lines].reverse().map((line) => (
            <HistoryRow
              key={line.kind === 'movement' ? line.movement.eventId : line.eventId}
              line={line}
              unit={item.fields.unit}
              nameOf={nameOf}
              envelopes={envelopes ?? {}}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function HistoryRow({
  line,
  unit,
  nameOf,
  envelopes,
}: {
  line: HistoryLine;
  unit: ItemUnit;
  nameOf: (id: string) => string;
  envelopes: Readonly<Record<string, string>>;
}) {
  if (line.kind === 'movement') {
    const m = line.movement;
    return (
      <li className={`inv-move inv-move-${m.kind}`}>
        <p>
          <strong>{movementText(m, unit, (id) => envelopes[id])}</strong>
        </p>
        {m.jobId !== undefined && (
          <Link to={`/jobs/${m.jobId}`} className="metal-link">
            Open job {envelopes[m.jobId] ?? ''}
          </Link>
        )}
        <p className="muted">
          {nameOf(m.by)} · {whenText(m.at)} · on hand after: {quantityText(m.onHandAfter, unit)}
          {m.note ? ` · ${m.note}` : ''}
        </p>
      </li>
    );
  }
  const text =
    line.kind === 'added'
      ? `Added to the inventory, minimum ${quantityText(line.fields.minimum, line.fields.unit)}`
      : line.kind === 'changed'
        ? `Changed: ${changesText(line.changes, unit)}`
        : `Kept, not counted here: ${line.type}`;
  return (
    <li className="inv-move">
      <p>
        <strong>{text}</strong>
      </p>
      <p className="muted">
        {nameOf(line.by)} · {whenText(line.at)}
      </p>
    </li>
  );
}
