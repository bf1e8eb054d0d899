// The item page's sheets that move stock: a delivery received, a count at the shelf, and a use by
// the shop on no job. Each is one number on the pad and a few optional words.
import { useState, type ReactNode, type SyntheticEvent } from 'react';
import { SheetActions } from '../../components/fields/SheetActions';
import { Sheet } from '../../components/Sheet';
import { db } from '../../db';
import { countStock, receiveStock, recordShopUse } from '../../db/inventoryOperations';
import { quantityText, type KnownItem } from '../../domain/inventory/stock';
import type { StaffMember } from '../../domain/staff';
import { ErrorLine, NumberField, ReasonField } from '../casting/tree/controls';
import { parseMoney } from '../intake/intakeForm';
import { useSubmit, type Submit } from '../jobs/job/useSubmit';
import { TextField } from '../metal/fields';
import { readQuantity } from './inventoryText';

export type StockAction = 'receive' | 'count' | 'shop_use';

export const STOCK_ACTION_TITLES: Record<StockAction, string> = {
  receive: 'Receive stock',
  count: 'Count the shelf',
  shop_use: 'Use for the shop',
};

function QuantitySheet({
  title,
  item,
  submitLabel,
  quantityLabel,
  quantityHint,
  submit,
  onSubmit,
  onClose,
  quantity,
  setQuantity,
  children,
}: {
  title: string;
  item: KnownItem;
  submitLabel: string;
  quantityLabel: string;
  quantityHint?: ReactNode;
  submit: Submit;
  onSubmit: () => void;
  onClose: () => void;
  quantity: string;
  setQuantity: (text: string) => void;
  children?: ReactNode;
}) {
  const send = (e: SyntheticEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Sheet label={title} onClose={onClose}>
      <form className="tp-form inv-form" aria-label={title} onSubmit={send} noValidate>
        <h3>
          {title}: {item.fields.name}
        </h3>
        <NumberField
          label={quantityLabel}
          unit={item.fields.unit}
          value={quantity}
          onChange={setQuantity}
          decimals={item.fields.unit !== 'pcs' && item.fields.unit !== 'pair'}
          {...(quantityHint === undefined ? {} : { hint: quantityHint })}
        />
        {children}
        <ErrorLine error={submit.error} />
        <SheetActions onCancel={onClose} busy={submit.busy} submitLabel={submitLabel} />
      </form>
    </Sheet>
  );
}

export function StockSheet({
  action,
  item,
  onHand,
  actor,
  onClose,
}: {
  action: StockAction;
  item: KnownItem;
  onHand: number;
  actor: StaffMember;
  onClose: () => void;
}) {
  const [quantity, setQuantity] = useState('');
  const [note, setNote] = useState('');
  const [supplier, setSupplier] = useState(item.fields.supplier ?? '');
  const [cost, setCost] = useState('');
  const submit = useSubmit();
  const { unit } = item.fields;

  const run = () => {
    const q = readQuantity(quantity, unit, { zeroAllowed: action === 'count' });
    if (typeof q === 'string') {
      submit.setError(q);
      return;
    }
    let unitCostCents: number | undefined;
    if (action === 'receive' && cost.trim() !== '') {
      unitCostCents = parseMoney(cost);
      if (unitCostCents === undefined) {
        submit.setError('Enter the cost as an amount, like 0.85, or leave it blank.');
        return;
      }
    }
    const work = () => {
      switch (action) {
        case 'receive':
          return receiveStock(
            db,
            {
              itemId: item.id,
              quantity: q,
              supplier,
              note,
              ...(unitCostCents === undefined ? {} : { unitCostCents }),
            },
            actor.id,
          );
        case 'count':
          return countStock(db, { itemId: item.id, quantity: q, note }, actor.id);
        case 'shop_use':
          return recordShopUse(db, { itemId: item.id, quantity: q, note }, actor.id);
      }
    };
    void submit.run(work).then((ok) => {
      if (ok) onClose();
    });
  };

  const book = `The book says ${quantityText(onHand, unit)} on hand.`;
  const common = {
    item,
    submit,
    onSubmit: run,
    onClose,
    quantity,
    setQuantity,
    title: STOCK_ACTION_TITLES[action],
  };
  switch (action) {
    case 'receive':
      return (
        <QuantitySheet
          {...common}
          quantityLabel="Received"
          quantityHint={book}
          submitLabel="Record the delivery"
        >
          <TextField label="Supplier" value={supplier} onChange={setSupplier} maxLength={80} />
          <NumberField
            label="Cost per unit — optional"
            unit="each"
            value={cost}
            onChange={setCost}
            hint="The price on the invoice: the next use on a job costs this."
          />
          <ReasonField
            label="Note — optional"
            value={note}
            placeholder="Invoice number, what was short in the box"
            onChange={setNote}
          />
        </QuantitySheet>
      );
    case 'count':
      return (
        <QuantitySheet
          {...common}
          quantityLabel="Counted on the shelf"
          quantityHint={`${book} What you count becomes the book.`}
          submitLabel="Record the count"
        >
          <ReasonField
            label="Note — optional"
            value={note}
            placeholder="Where the difference went, if known"
            onChange={setNote}
          />
        </QuantitySheet>
      );
    case 'shop_use':
      return (
        <QuantitySheet
          {...common}
          quantityLabel="Used"
          quantityHint={book}
          submitLabel="Record the use"
        >
          <ReasonField
            label="What it went on — optional"
            value={note}
            placeholder="Polishing the week’s rings, investing flasks"
            onChange={setNote}
          />
        </QuantitySheet>
      );
  }
}
