// Scanning a job envelope with the tablet's camera opens its job; typing the number does too. A
// badge scanned here says whose it is and offers Hand on.
import { useState, type SyntheticEvent } from 'react';
import { CameraScanner, type ScannerParts } from './CameraScanner';
import { ScanResult } from './ScanResult';
import { useScanHandler } from './useScanHandler';
import './scan.css';

export { DEVICE_SCANNER, type ScannerParts } from './CameraScanner';

export function ScanScreen({ parts }: { parts?: ScannerParts }) {
  const { outcome, handle, clear } = useScanHandler();
  return (
    <section className="screen scan-screen">
      <h2>Scan an envelope</h2>
      <CameraScanner
        parts={parts}
        onCode={(text) => handle(text, 'camera')}
        hint="Hold the QR code on the envelope inside the frame."
      />

      {outcome !== null && outcome.kind !== 'open' && <ScanResult outcome={outcome} />}

      <TypedEnvelope
        onSubmit={(text) => void handle(text, 'typed')}
        onEdit={() => {
          if (outcome !== null) clear();
        }}
      />
    </section>
  );
}

/** The fallback when there is no camera, no light, or a torn label: type the number. */
function TypedEnvelope({
  onSubmit,
  onEdit,
}: {
  onSubmit: (text: string) => void;
  onEdit: () => void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (text.trim() === '') {
      setError('Type the number printed on the envelope, such as K7-0042.');
      return;
    }
    setError(null);
    onSubmit(text);
  };

  return (
    <form className="form scan-typed" onSubmit={submit} noValidate>
      <label className="field">
        <span>Type the envelope number</span>
        <input
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
            onEdit();
          }}
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
          placeholder="K7-0042"
          aria-invalid={error !== null}
          aria-describedby={error !== null ? 'scan-typed-error' : undefined}
        />
      </label>
      <button type="submit" className="button button-primary">
        Open
      </button>
      {error !== null && (
        <p id="scan-typed-error" className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
