// The form for an item, to add one or change one: what it is, how it is counted, its minimum and
// reorder quantity, its cost, and (stock metal) the alloy whose ledger stock it is.
import { useState, type SyntheticEvent } from 'react';
import { SheetActions } from '../../components/fields/SheetActions';
import { Sheet } from '../../components/Sheet';
import { CATEGORY_SINGULAR, UNIT_LABELS } from '../../domain/inventory/stock';
import type { AlloyId } from '../../domain/metals';
import {
  ITEM_CATEGORIES,
  ITEM_UNITS,
  type ItemCategory,
  type ItemFields,
  type ItemUnit,
} from '../../protocol/inventory';
import { ChoiceButtons, ErrorLine, NumberField } from '../casting/tree/controls';
import { parseMoney } from '../intake/intakeForm';
import { useSubmit } from '../jobs/job/useSubmit';
import { AlloySelect, TextField } from '../metal/fields';
import { moneyText } from '../metal/metalText';
import { readQuantity } from './inventoryText';

/** What the form's boxes hold, as typed. */
interface Draft {
  name: string;
  category: ItemCategory | null;
  unit: ItemUnit | null;
  size: string;
  code: string;
  description: string;
  supplier: string;
  minimum: string;
  reorder: string;
  cost: string;
  alloyId: AlloyId | '';
}

function draftOf(fields: ItemFields | null): Draft {
  return {
    name: fields?.name ?? '',
    category: fields?.category ?? null,
    unit: fields?.unit ?? null,
    size: fields?.size ?? '',
    code: fields?.code ?? '',
    description: fields?.description ?? '',
    supplier: fields?.supplier ?? '',
    minimum: fields ? String(fields.minimum) : '',
    reorder: fields?.reorderQuantity === undefined ? '' : String(fields.reorderQuantity),
    cost: fields?.unitCostCents === undefined ? '' : moneyText(fields.unitCostCents),
    alloyId: fields?.alloyId ?? '',
  };
}

/** The fields the draft says, or the words saying what is missing or wrong. */
function readDraft(d: Draft): Omit<ItemFields, 'retired'> | string {
  if (d.name.trim() === '') return 'Enter the name of the item.';
  if (!d.category) return 'Choose what kind of item it is.';
  if (!d.unit) return 'Choose how it is counted.';
  const minimum =
    d.minimum.trim() === '' ? 0 : readQuantity(d.minimum, d.unit, { zeroAllowed: true });
  if (typeof minimum === 'string') return `Minimum: ${minimum}`;
  let reorderQuantity: number | undefined;
  if (d.reorder.trim() !== '') {
    const q = readQuantity(d.reorder, d.unit);
    if (typeof q === 'string') return `Reorder quantity: ${q}`;
    reorderQuantity = q;
  }
  let unitCostCents: number | undefined;
  if (d.cost.trim() !== '') {
    unitCostCents = parseMoney(d.cost);
    if (unitCostCents === undefined) return 'Enter the cost as an amount, like 0.85 or 12.';
  }
  const linked = d.category === 'stock' && d.alloyId !== '';
  return {
    name: d.name,
    category: d.category,
    unit: d.unit,
    size: d.size,
    code: d.code,
    description: d.description,
    supplier: d.supplier,
    minimum,
    ...(reorderQuantity === undefined ? {} : { reorderQuantity }),
    ...(unitCostCents === undefined ? {} : { unitCostCents }),
    ...(linked ? { alloyId: d.alloyId as AlloyId } : {}),
  };
}

export function ItemFormSheet({
  title,
  fields,
  submitLabel,
  onSave,
  onClose,
}: {
  title: string;
  /** The item as it is, to change it; null to add one. */
  fields: ItemFields | null;
  submitLabel: string;
  onSave: (fields: Omit<ItemFields, 'retired'>) => Promise<unknown>;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(fields));
  const submit = useSubmit();
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) => {
      setDraft((d) => ({ ...d, [key]: value }));
    };
  const unitWord = draft.unit ?? 'pcs';

  const save = (e: SyntheticEvent) => {
    e.preventDefault();
    const read = readDraft(draft);
    if (typeof read === 'string') {
      submit.setError(read);
      return;
    }
    void submit
      .run(() => onSave(read))
      .then((ok) => {
        if (ok) onClose();
      });
  };

  return (
    <Sheet label={title} onClose={onClose}>
      <form className="tp-form inv-form" aria-label={title} onSubmit={save} noValidate>
        <h3>{title}</h3>
        <TextField
          label="Name"
          value={draft.name}
          onChange={set('name')}
          maxLength={80}
          placeholder="Lobster clasp 10 mm, white round 2.0 mm, Tripoli"
        />
        <ChoiceButtons
          label="Kind"
          value={draft.category}
          onChange={set('category')}
          choices={ITEM_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_SINGULAR[c] }))}
        />
        <ChoiceButtons
          label="Counted in"
          value={draft.unit}
          onChange={set('unit')}
          choices={ITEM_UNITS.map((u) => ({ value: u, label: UNIT_LABELS[u] }))}
        />
        <div className="tp-pair">
          <TextField
            label="Size — optional"
            value={draft.size}
            onChange={set('size')}
            maxLength={40}
            placeholder="4 mm, 18 in, 2.0 mm"
          />
          {/* A scanner types the bag's code here like a keyboard (a scan in a field stays there). */}
          <TextField
            label="Code — optional, type or scan"
            value={draft.code}
            onChange={set('code')}
            maxLength={40}
            placeholder="The supplier’s or the bin’s code"
          />
        </div>
        <TextField
          label="Description — optional"
          value={draft.description}
          onChange={set('description')}
          maxLength={200}
          placeholder="Stones in general words: white round, faceted"
        />
        <TextField
          label="Supplier — optional"
          value={draft.supplier}
          onChange={set('supplier')}
          maxLength={80}
        />
        <div className="tp-pair">
          <NumberField
            label="Minimum"
            unit={unitWord}
            value={draft.minimum}
            onChange={set('minimum')}
            hint="Below this it is short: on the shortage list and the order. 0: never short."
          />
          <NumberField
            label="Reorder quantity — optional"
            unit={unitWord}
            value={draft.reorder}
            onChange={set('reorder')}
            hint="The supplier’s pack: the order takes whole packs. None: up to the minimum."
          />
        </div>
        <NumberField
          label="Cost per unit — optional"
          unit="each"
          value={draft.cost}
          onChange={set('cost')}
          hint="What a job’s materials cost; a delivery’s price replaces it."
        />
        {draft.category === 'stock' && (
          <>
            <AlloySelect
              label="Kept in the metal ledger as — optional"
              value={draft.alloyId}
              onChange={set('alloyId')}
            />
            {draft.alloyId !== '' && (
              <p className="hint">
                Its stock is the ledger’s: received, issued and weighed in Metal → Stock, in grams.
              </p>
            )}
          </>
        )}
        <ErrorLine error={submit.error} />
        <SheetActions onCancel={onClose} busy={submit.busy} submitLabel={submitLabel} />
      </form>
    </Sheet>
  );
}
