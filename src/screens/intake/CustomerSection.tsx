// Who the piece belongs to: the name (required) and a phone number to call when it is ready.
import type { Ref } from 'react';
import { FIELD } from './intakeForm';
import { TextField, type SectionProps } from './controls';

export function CustomerSection({
  form,
  change,
  problem,
  nameRef,
}: SectionProps & { nameRef: Ref<HTMLInputElement> }) {
  const setCustomer = (patch: Partial<typeof form.customer>) => {
    change((f) => ({ ...f, customer: { ...f.customer, ...patch } }));
  };
  return (
    <section className="intake-section" aria-labelledby="intake-customer">
      <h2 id="intake-customer">Customer</h2>
      <div className="intake-row">
        <TextField
          field={FIELD.customerName}
          label="Customer's name"
          value={form.customer.name}
          onChange={(name) => {
            setCustomer({ name });
          }}
          problem={problem(FIELD.customerName)}
          autoCapitalize="words"
          inputRef={nameRef}
        />
        <TextField
          field={FIELD.customerPhone}
          label="Phone"
          optional
          inputMode="tel"
          value={form.customer.phone}
          onChange={(phone) => {
            setCustomer({ phone });
          }}
          problem={problem(FIELD.customerPhone)}
        />
      </div>
    </section>
  );
}
