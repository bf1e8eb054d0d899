// A number pad for a 4-digit PIN: big keys for gloved fingers, digits never shown.
import { useState } from 'react';
import { PIN_LENGTH } from '../../domain/pin';
import './pinPad.css';

interface PinPadProps {
  label: string;
  error?: string | null;
  onComplete: (pin: string) => void;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export function PinPad({ label, error, onComplete }: PinPadProps) {
  const [pin, setPin] = useState('');

  const press = (digit: string) => {
    const next = pin + digit;
    if (next.length < PIN_LENGTH) {
      setPin(next);
      return;
    }
    setPin('');
    onComplete(next);
  };

  return (
    <div
      className="pin-pad"
      role="group"
      aria-label={label}
      tabIndex={0}
      onKeyDown={(e) => {
        if (/^\d$/.test(e.key)) press(e.key);
        else if (e.key === 'Backspace') setPin((p) => p.slice(0, -1));
      }}
    >
      <p className="pin-label">{label}</p>
      <div
        className="pin-dots"
        aria-live="polite"
        aria-label={`${pin.length} of ${PIN_LENGTH} digits`}
      >
        {Array.from({ length: PIN_LENGTH }, (_, i) => (
          <span key={i} className={i < pin.length ? 'pin-dot filled' : 'pin-dot'} />
        ))}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="pin-keys">
        {KEYS.map((k) => (
          <button key={k} type="button" className="pin-key" onClick={() => press(k)}>
            {k}
          </button>
        ))}
        <button type="button" className="pin-key" onClick={() => setPin('')} aria-label="Clear">
          C
        </button>
        <button type="button" className="pin-key" onClick={() => press('0')}>
          0
        </button>
        <button
          type="button"
          className="pin-key"
          onClick={() => setPin((p) => p.slice(0, -1))}
          aria-label="Delete last digit"
        >
          ⌫
        </button>
      </div>
    </div>
  );
}
