// Settings: pair this tablet with the shop server (a one-time code from `npm run pair`), or unpair.
import { useState, type SyntheticEvent } from 'react';
import { useSearchParams } from 'react-router';
import { db, forgetPairing, usePairing } from '../../db';
import { pairWithServer, syncNow } from '../../sync';

export function PairingSection() {
  const pairing = usePairing();
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('pair') ?? '');
  const [serverUrl, setServerUrl] = useState(() => window.location.origin);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  if (pairing === undefined) return null;

  async function pair(event: SyntheticEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await pairWithServer(serverUrl, code);
      setMessage({ kind: 'ok', text: 'Paired. This tablet now syncs with the shop server.' });
      setCode('');
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="settings-section" aria-labelledby="pairing-heading">
      <h3 id="pairing-heading">Shop server</h3>
      {pairing ? (
        <>
          <p>
            Paired with {pairing.serverUrl} since {new Date(pairing.pairedAt).toLocaleDateString()}{' '}
            (device {pairing.serverDeviceId}).
          </p>
          <div className="sheet-actions">
            <button type="button" className="button button-primary" onClick={syncNow}>
              Sync now
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                if (window.confirm('Unpair this tablet? Its data stays here; it stops syncing.')) {
                  void forgetPairing(db);
                }
              }}
            >
              Unpair
            </button>
          </div>
        </>
      ) : (
        <form
          className="form"
          onSubmit={(e) => void pair(e)}
          noValidate
          aria-label="Pair with the shop server"
        >
          <p>
            On the shop server run <code>npm run pair</code>, then type the code it prints (or scan
            its QR code with this tablet).
          </p>
          <label className="field">
            <span>Pairing code</span>
            <input
              value={code}
              autoCapitalize="characters"
              autoComplete="off"
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
          <label className="field">
            <span>Server address</span>
            <input
              value={serverUrl}
              inputMode="url"
              onChange={(e) => setServerUrl(e.target.value)}
            />
          </label>
          <button type="submit" className="button button-primary" disabled={busy}>
            Pair
          </button>
        </form>
      )}
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind}>
          {message.text}
        </p>
      )}
    </section>
  );
}
