// The three ways a code reaches Hand on and the safe count: the camera (on a tap), a wedge scanner
// from anywhere on the screen, or the number typed. Each read goes to `onCode` once.
import { useRef, useState, type SyntheticEvent } from 'react';
import { signalScanHit } from '../../scan/feedback';
import { useScanClaim } from '../../stores/scanClaimStore';
import { CameraScanner, type ScannerParts } from '../scan/CameraScanner';

export type CodeSource = 'camera' | 'wedge' | 'typed';

interface PieceScannerProps {
  parts?: ScannerParts;
  onCode: (text: string, source: CodeSource) => Promise<unknown>;
  /** What to hold in the camera's frame. */
  hint: string;
  /** The typed field's label. */
  label: string;
}

export function PieceScanner({ parts, onCode, hint, label }: PieceScannerProps) {
  const [camera, setCamera] = useState(false);
  const read = (text: string, source: CodeSource) => {
    // The beep comes first: the person hears the read before it is even looked up.
    if (source !== 'typed') signalScanHit();
    return onCode(text, source);
  };

  // A wedge scan anywhere on the screen belongs here, not to the app-wide "open what it names".
  useScanClaim((text) => {
    void read(text, 'wedge');
  });

  return (
    <>
      <button
        type="button"
        className="button"
        aria-pressed={camera}
        onClick={() => setCamera((on) => !on)}
      >
        {camera ? 'Stop the camera' : 'Scan with the camera'}
      </button>
      {camera && (
        <CameraScanner parts={parts} onCode={(text) => read(text, 'camera')} hint={hint} />
      )}
      <TypedCode label={label} onSubmit={(text) => void read(text, 'typed')} />
    </>
  );
}

/** The number typed (or a wedge scanner typing into the field, which submits it too). */
function TypedCode({ label, onSubmit }: { label: string; onSubmit: (text: string) => void }) {
  const [text, setText] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    onSubmit(text);
    setText('');
    // Ready for the next envelope: a scanner types into the field with focus.
    field.current?.focus();
  };
  return (
    <form className="form ho-typed" onSubmit={submit} noValidate aria-label={label}>
      <label className="field">
        <span>{label}</span>
        <input
          ref={field}
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
          placeholder="K7-0042"
        />
      </label>
      <button type="submit" className="button button-primary">
        Add
      </button>
    </form>
  );
}
