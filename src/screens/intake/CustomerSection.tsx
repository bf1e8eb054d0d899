// Who the piece belongs to: the name (required), a phone number, and an email with the customer's
// consent to be told by email when the piece is ready (the shop server sends it, README).
import { useId, type Ref } from 'react';
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
  const email = form.customer.email ?? '';
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
      <div className="intake-row intake-row-end">
        <EmailField
          value={email}
          onChange={(next) => {
            // No address, no consent: a consent ticked for an address since erased is dropped, so
            // typing a new address never finds it ticked already.
            setCustomer(
              next.trim() === '' ? { email: next, notifyByEmail: false } : { email: next },
            );
          }}
          problem={problem(FIELD.customerEmail)}
        />
        {email.trim() !== '' && (
          <ConsentChip
            name={form.customer.name.trim() || 'the customer'}
            checked={form.customer.notifyByEmail === true}
            onToggle={() => {
              setCustomer({ notifyByEmail: form.customer.notifyByEmail !== true });
            }}
          />
        )}
      </div>
    </section>
  );
}

/** As TextField, with the keyboard that has @ and no capitals or autocorrect in the way. */
function EmailField({
  value,
  onChange,
  problem,
}: {
  value: string;
  onChange: (value: string) => void;
  problem: string | undefined;
}) {
  const id = useId();
  return (
    <div className={problem ? 'field field-invalid' : 'field'} data-field={FIELD.customerEmail}>
      <label htmlFor={id}>
        Email<span className="intake-optional"> — optional</span>
      </label>
      <input
        id={id}
        type="email"
        inputMode="email"
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        maxLength={300}
        value={value}
        aria-invalid={problem !== undefined}
        aria-describedby={problem ? `${id}-hint ${id}-problem` : `${id}-hint`}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
      <small className="hint" id={`${id}-hint`}>
        Only to say the piece is ready, if the customer agrees.
      </small>
      {problem && (
        <small className="error" id={`${id}-problem`}>
          {problem}
        </small>
      )}
    </div>
  );
}

/**
 * The customer's consent, asked aloud at the counter: off until they say yes. A big chip, as the
 * intake's other on/off marks, that is a checkbox to assistive technology; ✓ shows it is on.
 */
function ConsentChip({
  name,
  checked,
  onToggle,
}: {
  name: string;
  checked: boolean;
  onToggle: () => void;
}) {
  return (
    <button
      type="button"
      role="checkbox"
      aria-checked={checked}
      className={checked ? 'choice selected' : 'choice'}
      onClick={onToggle}
    >
      <span aria-hidden="true">{checked ? '✓ ' : '☐ '}</span>
      Email {name} when the piece is ready
    </button>
  );
}
