// The piece itself, described as anyone can see it: kind, description, stamps, metal and stones.
import { ALLOYS, ALLOY_IDS, type AlloyId } from '../../domain/metals';
import { ITEM_KINDS } from '../../protocol/events';
import { FIELD, untestedWordWarning, type IntakeForm } from './intakeForm';
import { ITEM_KIND_LABELS, STAMP_ILLEGIBLE } from './labels';
import { ProblemText, TextField, type SectionProps } from './controls';
import { StonesEditor } from './StonesEditor';

export function ItemSection({ form, change, problem }: SectionProps) {
  const { item } = form;
  const setItem = (patch: Partial<IntakeForm['item']>) => {
    change((f) => ({ ...f, item: { ...f.item, ...patch } }));
  };
  const warning = untestedWordWarning(item.description);
  return (
    <section className="intake-section" aria-labelledby="intake-item">
      <h2 id="intake-item">Item</h2>
      <div data-field={FIELD.itemKind} className="intake-group">
        <div className="intake-kinds" role="radiogroup" aria-label="What is the piece?">
          {ITEM_KINDS.map((kind) => (
            <button
              key={kind}
              type="button"
              role="radio"
              aria-checked={item.kind === kind}
              className={item.kind === kind ? 'choice selected' : 'choice'}
              onClick={() => {
                setItem({ kind });
              }}
            >
              {ITEM_KIND_LABELS[kind]}
            </button>
          ))}
        </div>
        <ProblemText problem={problem(FIELD.itemKind)} />
      </div>
      <TextField
        field={FIELD.description}
        label="Description"
        value={item.description}
        onChange={(description) => {
          setItem({ description });
        }}
        problem={problem(FIELD.description)}
        placeholder="yellow metal ring with one white stone"
        hint={
          warning === null ? (
            'Describe it generically, as anyone can see it: “yellow metal ring with one white stone”, never “emerald” unless tested.'
          ) : (
            <span className="intake-warning">{warning}</span>
          )
        }
      />
      <div className="intake-row intake-row-end">
        <TextField
          field={FIELD.stamps}
          label="Stamps and hallmarks"
          optional
          value={item.stamps}
          onChange={(stamps) => {
            setItem({ stamps });
          }}
          problem={problem(FIELD.stamps)}
          placeholder="585, maker's mark…"
          hint="As read under the loupe."
        />
        <button
          type="button"
          className={item.stamps === STAMP_ILLEGIBLE ? 'choice selected' : 'choice'}
          aria-pressed={item.stamps === STAMP_ILLEGIBLE}
          onClick={() => {
            setItem({ stamps: item.stamps === STAMP_ILLEGIBLE ? '' : STAMP_ILLEGIBLE });
          }}
        >
          {STAMP_ILLEGIBLE}
        </button>
      </div>
      <MetalSelect
        value={item.alloyId}
        onChange={(alloyId) => {
          setItem({ alloyId });
        }}
      />
      <StonesEditor form={form} change={change} problem={problem} />
    </section>
  );
}

function MetalSelect({
  value,
  onChange,
}: {
  value: AlloyId | null;
  onChange: (alloyId: AlloyId | null) => void;
}) {
  return (
    <div className="field" data-field={FIELD.alloy}>
      <label htmlFor="intake-metal">
        Metal<span className="intake-optional"> — optional</span>
      </label>
      <select
        id="intake-metal"
        value={value ?? ''}
        onChange={(e) => {
          const id = ALLOY_IDS.find((a) => a === e.target.value);
          onChange(id ?? null);
        }}
      >
        <option value="">Not known</option>
        {ALLOY_IDS.map((id) => (
          <option key={id} value={id}>
            {ALLOYS[id].name}
          </option>
        ))}
      </select>
      <small className="hint">As stamped or tested; leave “Not known” otherwise.</small>
    </div>
  );
}
