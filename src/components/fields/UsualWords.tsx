// A text field's usual words as chips: a gloved tap puts one in the field, to add to if needed.
export function UsualWords({
  label,
  words,
  value,
  onPick,
}: {
  /** What the group is called to a screen reader, e.g. "Usual reasons". */
  label: string;
  words: readonly string[];
  /** The field's text now: the chip that says exactly that shows as chosen. */
  value: string;
  onPick: (word: string) => void;
}) {
  return (
    <div className="choice-group" role="group" aria-label={label}>
      {words.map((word) => (
        <button
          key={word}
          type="button"
          className={value === word ? 'choice selected' : 'choice'}
          aria-pressed={value === word}
          onClick={() => onPick(word)}
        >
          {word}
        </button>
      ))}
    </div>
  );
}
