// The printable tag of a flask: its id and a QR code the scanner opens the flask's tree with.
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { useTreeInFlask } from '../../../db';
import { QrCode } from '../../../components/QrCode';
import { treeCode } from '../../../domain/casting/tree';
import { flaskIdSchema } from '../../../protocol/casting';
import { flaskLink } from '../../../scan/flaskLink';
import { treePath } from '../../../scan/resolveScan';
import { alloyName, dayTimeText, flaskSizeLabel, liveJobs } from './treeText';
import './flaskTag.css';

/** A tag for a flask: 62 mm tape, the size the envelope labels print on, cut 80 mm long. */
const TAG = { widthMm: 62, heightMm: 80, qrSize: '34mm' } as const;

// Only while the tag is shown: the page is the tag's size and the app's frame is not printed.
const PRINT_CSS = `@page { size: ${TAG.widthMm}mm ${TAG.heightMm}mm; margin: 0; }
@media print {
  .app-header, .app-nav, .update-prompt, .sheet-backdrop, .no-print { display: none !important; }
  html, body { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  .app { display: block !important; min-height: 0 !important; }
  .app-main { padding: 0 !important; overflow: visible !important; }
}`;

export function FlaskTagScreen() {
  const { flaskId = '' } = useParams();
  const parsed = flaskIdSchema.safeParse(flaskId);
  const id = parsed.success ? parsed.data : '';
  const tree = useTreeInFlask(id);

  if (!parsed.success) {
    return (
      <EmptyState title="Not a flask id">
        <p>A flask id is letters, digits and dashes, up to 16 (e.g. F12).</p>
        <p>
          <Link to="/casting" className="button">
            Casting room
          </Link>
        </p>
      </EmptyState>
    );
  }

  const invested = tree?.invested ?? null;
  return (
    <section className="flask-tag-screen" aria-busy={tree === undefined}>
      <style>{PRINT_CSS}</style>
      <div className="flask-tag-toolbar no-print">
        <Link to={tree ? treePath(tree.id) : '/casting'} className="button">
          {tree ? `Back to tree ${treeCode(tree)}` : 'Casting room'}
        </Link>
        <button
          type="button"
          className="button button-primary"
          disabled={tree === undefined}
          onClick={() => window.print()}
        >
          Print
        </button>
      </div>
      {tree === null && (
        <p className="muted no-print">
          No tree on this tablet is in flask {id}: the tag is printed without one.
        </p>
      )}
      <div className="flask-tag-stage">
        <article className="flask-tag" data-testid="flask-tag" aria-label={`Tag of flask ${id}`}>
          <p className="flask-tag-label">Flask</p>
          <p className="flask-tag-id">{id}</p>
          <div className="flask-tag-body">
            <div className="flask-tag-qr">
              <QrCode
                value={flaskLink(window.location.origin, id)}
                size={TAG.qrSize}
                label={`Scan to open the tree in flask ${id}`}
              />
            </div>
            {tree && (
              <dl className="flask-tag-facts">
                <div>
                  <dt>Tree</dt>
                  <dd>{treeCode(tree)}</dd>
                </div>
                <div>
                  <dt>Alloy</dt>
                  <dd>{alloyName(tree.alloyId)}</dd>
                </div>
                {invested && (
                  <div>
                    <dt>Invested</dt>
                    <dd>{dayTimeText(invested.mixedAtMs)}</dd>
                    <dd>{flaskSizeLabel(invested.flaskSize)}</dd>
                  </div>
                )}
              </dl>
            )}
          </div>
          {tree && (
            <p className="flask-tag-waxes">
              <span>Waxes</span>{' '}
              {liveJobs(tree)
                .map((j) => j.envelopeNumber)
                .join(' · ') || '—'}
            </p>
          )}
        </article>
      </div>
      <p className="muted no-print">
        Shown at actual size: {TAG.widthMm} × {TAG.heightMm} mm.
      </p>
    </section>
  );
}
