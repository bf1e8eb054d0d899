// Export CSV: every ledger movement of the period as the accountant's file, saved by the browser.
import { useEffect, useState } from 'react';
import { ledgerCsv, type LedgerNames } from '../../../domain/ledger/csv';
import type { StoredEvent } from '../../../protocol/events';

interface Saved {
  url: string;
  filename: string;
  movements: number;
}

/**
 * The CSV is made by the domain's ledgerCsv; here it only becomes a file. A byte-order mark leads it
 * so a spreadsheet opens it as UTF-8 (names with accents, the ‰ sign); the file stays RFC 4180.
 */
function csvFile(events: readonly StoredEvent[], names: LedgerNames): Blob {
  return new Blob(['\uFEFF', ledgerCsv(events, names)], { type: 'text/csv;charset=utf-8' });
}

export function ExportCsv({
  events,
  names,
  filename,
}: {
  /** The period's ledger events; undefined while they are read. */
  events: readonly StoredEvent[] | undefined;
  names: LedgerNames | undefined;
  filename: string;
}) {
  const [saved, setSaved] = useState<Saved | null>(null);
  // An object URL holds its file in memory until revoked: the last one goes when a new one is made
  // or the screen closes.
  useEffect(() => {
    if (!saved) return;
    return () => URL.revokeObjectURL(saved.url);
  }, [saved]);
  const ready = events !== undefined && names !== undefined;

  const save = () => {
    if (!ready) return;
    const url = URL.createObjectURL(csvFile(events, names));
    setSaved({ url, filename, movements: events.length });
    // A link clicked at once downloads without leaving the page (the app stays where it is offline).
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.click();
  };

  return (
    <div className="lr-export">
      <button type="button" className="button button-primary" disabled={!ready} onClick={save}>
        Export CSV
      </button>
      {saved && (
        <p className="ok" role="status">
          {saved.movements === 1 ? 'One movement' : `${saved.movements} movements`} saved as{' '}
          <a href={saved.url} download={saved.filename}>
            {saved.filename}
          </a>
          . Tap the name to save it again.
        </p>
      )}
    </div>
  );
}
