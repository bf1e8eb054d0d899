// The stones of a piece as rows: how many, what they look like (generically) and, if measured, their size.
import { FIELD, newStone, untestedWordWarning, type StoneDraft } from './intakeForm';
import { TextField, type SectionProps } from './controls';

/** One tap for the usual generic descriptions (DOMAIN.md: "white stone", never a gem name untested). */
const STONE_LOOKS = ['White', 'Red', 'Green', 'Blue', 'Black', 'Yellow', 'Pink', 'Purple'] as const;

export function StonesEditor({ form, change, problem }: SectionProps) {
  const { stones } = form.item;
  const setStones = (update: (stones: StoneDraft[]) => StoneDraft[]) => {
    change((f) => ({ ...f, item: { ...f.item, stones: update(f.item.stones) } }));
  };
  const warningOf = (kind: string) => {
    const warning = untestedWordWarning(kind);
    return warning === null ? undefined : <span className="intake-warning">{warning}</span>;
  };
  const setStone = (key: string, patch: Partial<StoneDraft>) => {
    setStones((all) => all.map((s) => (s.key === key ? { ...s, ...patch } : s)));
  };

  return (
    <div className="intake-stones">
      <h3>Stones</h3>
      {stones.length === 0 && <p className="hint">No stones noted.</p>}
      <ol className="intake-stone-list">
        {stones.map((stone, i) => (
          <li key={stone.key} className="intake-stone" aria-label={`Stone row ${i + 1}`}>
            <div className="intake-row">
              <TextField
                field={FIELD.stone(stone.key, 'count')}
                label="How many"
                inputMode="numeric"
                value={stone.count}
                onChange={(count) => {
                  setStone(stone.key, { count });
                }}
                problem={problem(FIELD.stone(stone.key, 'count'))}
                className="intake-narrow"
              />
              <TextField
                field={FIELD.stone(stone.key, 'kind')}
                label="Stone"
                value={stone.kind}
                placeholder="white stone"
                onChange={(kind) => {
                  setStone(stone.key, { kind });
                }}
                problem={problem(FIELD.stone(stone.key, 'kind'))}
                hint={warningOf(stone.kind)}
              />
              <TextField
                field={FIELD.stone(stone.key, 'sizeMm')}
                label="Size (mm)"
                optional
                inputMode="decimal"
                value={stone.sizeMm}
                onChange={(sizeMm) => {
                  setStone(stone.key, { sizeMm });
                }}
                problem={problem(FIELD.stone(stone.key, 'sizeMm'))}
                className="intake-narrow"
              />
            </div>
            <div className="intake-stone-actions">
              {STONE_LOOKS.map((look) => {
                const kind = `${look.toLowerCase()} stone`;
                return (
                  <button
                    key={look}
                    type="button"
                    className={stone.kind === kind ? 'choice selected' : 'choice'}
                    aria-pressed={stone.kind === kind}
                    onClick={() => {
                      setStone(stone.key, { kind });
                    }}
                  >
                    {look}
                  </button>
                );
              })}
              <button
                type="button"
                className="button intake-remove"
                onClick={() => {
                  setStones((all) => all.filter((s) => s.key !== stone.key));
                }}
              >
                Remove stone row {i + 1}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button"
        onClick={() => {
          setStones((all) => [...all, newStone()]);
        }}
      >
        + Add stones
      </button>
    </div>
  );
}
