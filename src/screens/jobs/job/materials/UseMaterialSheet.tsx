// "Use material" on a job: the item picked from the inventory (by name or code, in one kind) or
// scanned off its bag, how many, and at which service. A keyboard-wedge scanner either types the
// code into the search box (its Enter picks the item) or, with the focus elsewhere in the sheet,
// hands the code here through claimScans: either way the scanned item is picked.
import { useId, useState, type KeyboardEvent } from 'react';
import { SheetActions } from '../../../../components/fields/SheetActions';
import { Sheet } from '../../../../components/Sheet';
import { db } from '../../../../db';
import { recordMaterialUse } from '../../../../db/inventoryOperations';
import { useInventory } from '../../../../db/inventoryQueries';
import { itemsWithCode, searchItems } from '../../../../domain/inventory/search';
import {
  CATEGORY_LABELS,
  isWholeUnit,
  onHandOf,
  quantityText,
  type KnownItem,
} from '../../../../domain/inventory/stock';
import type { JobState } from '../../../../domain/job';
import type { StaffMember } from '../../../../domain/staff';
import { ITEM_CATEGORIES, type ItemCategory } from '../../../../protocol/inventory';
import { useScanClaim } from '../../../../stores/scanClaimStore';
import { ChoiceButtons, ErrorLine, NumberField, ReasonField } from '../../../casting/tree/controls';
import { readQuantity } from '../../../inventory/inventoryText';
import { serviceName } from '../historyText';
import { useSubmit } from '../useSubmit';

/** How many matches the list shows: more than a sheet's worth asks for more of the name. */
const SHOWN = 24;

/** Offered for a job: kept (not retired) and not stock metal (that is issued in the ledger). */
function usable(items: readonly KnownItem[]): KnownItem[] {
  return items.filter((i) => !i.fields.retired && i.fields.alloyId === undefined);
}

export function UseMaterialSheet({
  job,
  actor,
  onClose,
}: {
  job: JobState;
  actor: StaffMember;
  onClose: () => void;
}) {
  const inventory = useInventory();
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<ItemCategory | null>(null);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [quantity, setQuantity] = useState('1');
  const [serviceId, setServiceId] = useState('');
  const [note, setNote] = useState('');
  const [notFound, setNotFound] = useState<string | null>(null);
  const submit = useSubmit();
  const searchId = useId();
  const listId = useId();

  const offered = inventory ? usable(inventory.items) : [];
  const chosen = offered.find((i) => i.id === chosenId) ?? null;
  const found = searchItems(offered, query, category);
  const services = job.services.filter((s) => s.cancelled === null);

  const pick = (item: KnownItem) => {
    setChosenId(item.id);
    setNotFound(null);
    submit.setError(null);
    if (!isWholeUnit(item.fields.unit) && quantity === '1') setQuantity('');
  };

  /** A code scanned or typed whole: the one item it names is picked. */
  const takeCode = (code: string): boolean => {
    const exact = itemsWithCode(offered, code);
    if (exact.length === 1 && exact[0]) {
      pick(exact[0]);
      return true;
    }
    return false;
  };

  const scanned = (code: string) => {
    setQuery(code);
    setCategory(null);
    if (!takeCode(code)) {
      setChosenId(null);
      setNotFound(code);
    }
  };
  useScanClaim(scanned);

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    // Enter picks, never sends the form: a scanner ends every code with it.
    e.preventDefault();
    if (takeCode(query)) return;
    const only = found.length === 1 ? found[0] : undefined;
    if (only) pick(only);
    else if (found.length === 0 && query.trim() !== '') setNotFound(query.trim());
  };

  const save = () => {
    if (!chosen) {
      submit.setError('Pick the item from the list, or scan its code.');
      return;
    }
    const q = readQuantity(quantity, chosen.fields.unit);
    if (typeof q === 'string') {
      submit.setError(q);
      return;
    }
    void submit
      .run(() =>
        recordMaterialUse(
          db,
          {
            jobId: job.id,
            itemId: chosen.id,
            quantity: q,
            ...(serviceId === '' ? {} : { serviceId }),
            note,
          },
          actor.id,
        ),
      )
      .then((ok) => {
        if (ok) onClose();
      });
  };

  const onHand = chosen && inventory ? onHandOf(chosen, inventory.ledger) : null;
  const typed = chosen ? readQuantity(quantity, chosen.fields.unit) : null;
  const beyond = chosen && onHand !== null && typeof typed === 'number' && typed > onHand;

  return (
    <Sheet label="Use material" onClose={onClose}>
      <form
        className="tp-form materials-form"
        aria-label="Use material"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <h3>Use material on {job.envelopeNumber}</h3>
        <div className="tp-field">
          <label htmlFor={searchId} className="tp-label">
            Find or scan the item
          </label>
          <input
            id={searchId}
            type="search"
            value={query}
            autoComplete="off"
            autoFocus
            placeholder="Name, size or code"
            aria-controls={listId}
            onChange={(e) => {
              setQuery(e.target.value);
              setNotFound(null);
            }}
            onKeyDown={onSearchKey}
          />
        </div>
        <div className="choice-group" role="group" aria-label="Kind of item">
          {ITEM_CATEGORIES.map((c) => (
            <button
              key={c}
              type="button"
              className={category === c ? 'choice selected' : 'choice'}
              aria-pressed={category === c}
              onClick={() => setCategory(category === c ? null : c)}
            >
              {CATEGORY_LABELS[c]}
            </button>
          ))}
        </div>
        {notFound !== null && (
          <p className="error" role="alert">
            No item in the inventory has the code “{notFound}”. Pick it from the list, or add it
            under Stock.
          </p>
        )}
        <div id={listId}>
          {inventory === undefined ? (
            <p className="tp-loading">Reading the inventory…</p>
          ) : offered.length === 0 ? (
            <p className="muted">
              The inventory is empty: add the findings and stones the shop keeps under Stock.
            </p>
          ) : found.length === 0 ? (
            <p className="muted">No item matches.</p>
          ) : (
            <div className="materials-pick" role="radiogroup" aria-label="Item">
              {found.slice(0, SHOWN).map((item) => {
                const here = onHandOf(item, inventory.ledger);
                return (
                  <button
                    key={item.id}
                    type="button"
                    role="radio"
                    aria-checked={item.id === chosenId}
                    className={item.id === chosenId ? 'materials-item selected' : 'materials-item'}
                    onClick={() => pick(item)}
                  >
                    <span className="materials-item-name">{item.fields.name}</span>
                    <small>
                      {[item.fields.size, item.fields.code].filter(Boolean).join(' · ')}
                      {item.fields.size || item.fields.code ? ' · ' : ''}
                      {quantityText(here, item.fields.unit)} on hand
                    </small>
                  </button>
                );
              })}
              {found.length > SHOWN && (
                <p className="hint">
                  {found.length - SHOWN} more: type more of the name, or choose a kind.
                </p>
              )}
            </div>
          )}
          <p className="hint">
            Sheet, wire and grain kept in the metal ledger are issued in Metal → Stock.
          </p>
        </div>
        {chosen && (
          <div className="tp-subform">
            <NumberField
              label={`How many ${chosen.fields.name}`}
              unit={chosen.fields.unit}
              value={quantity}
              onChange={setQuantity}
              decimals={!isWholeUnit(chosen.fields.unit)}
              hint={
                beyond
                  ? `The book shows ${quantityText(onHand, chosen.fields.unit)} on hand: the use is recorded all the same, and the item will ask to be counted.`
                  : `${quantityText(onHand ?? 0, chosen.fields.unit)} on hand by the book.`
              }
            />
            {services.length > 0 && (
              <ChoiceButtons
                label="Used for"
                value={serviceId}
                onChange={setServiceId}
                choices={[
                  { value: '', label: 'The whole job' },
                  ...services.map((s) => ({ value: s.id, label: serviceName(s.kind) })),
                ]}
              />
            )}
            <ReasonField
              label="Note — optional"
              value={note}
              placeholder="Which link, which prong"
              onChange={setNote}
            />
          </div>
        )}
        <ErrorLine error={submit.error} />
        <SheetActions
          onCancel={onClose}
          busy={submit.busy}
          submitLabel={chosen ? `Use ${chosen.fields.name}` : 'Use'}
        />
      </form>
    </Sheet>
  );
}
