// The badges to print: one card per person on the staff, place of the shop and trade shop in use,
// each with the QR code a hand-off scans. Printed, only the cards come out (badges.css, BADGE_PRINT_CSS).
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { QrCode } from '../../components/QrCode';
import { useShop, useShopName } from '../../db';
import { BADGE_PLACES } from '../../domain/handoffs';
import { STAFF_ROLE_LABELS } from '../../domain/staff';
import { badgeLinkUrl, type BadgeKind } from '../../scan/badgeLink';
import { TRADE_SHOP_KIND_LABELS } from '../scan/badgeText';
import './badges.css';

interface BadgeCard {
  kind: BadgeKind;
  id: string;
  name: string;
  role: string;
}

const GROUPS = [
  { id: 'all', label: 'All' },
  { id: 'staff', label: 'People' },
  { id: 'place', label: 'Places' },
  { id: 'tradeShop', label: 'Trade shops' },
] as const;
type Group = (typeof GROUPS)[number]['id'];

/**
 * While this tab shows, printing leaves out the app's frame, the custody tabs and the toolbar: only
 * the cards, at their real size, as many to an A4 sheet as fit.
 */
const BADGE_PRINT_CSS = `@page { size: A4; margin: 10mm; }
@media print {
  .app-header, .app-nav, .update-prompt, .sheet-backdrop, .no-print,
  .custody > h2, .custody-tabs { display: none !important; }
  html, body { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  .app { display: block !important; min-height: 0 !important; }
  .app-main { padding: 0 !important; overflow: visible !important; }
}`;

export function BadgesTab() {
  const shop = useShop();
  const shopName = useShopName();
  const [group, setGroup] = useState<Group>('all');
  const [only, setOnly] = useState<string | null>(null);
  if (shop === undefined) return null;

  const cards: BadgeCard[] = [
    ...shop.staff
      .filter((s) => s.active)
      .map((s) => ({
        kind: 'staff' as const,
        id: s.id,
        name: s.name,
        role: STAFF_ROLE_LABELS[s.role],
      })),
    ...BADGE_PLACES.map((p) => ({
      kind: 'place' as const,
      id: p.id,
      name: p.label,
      role: 'Place in the shop',
    })),
    ...shop.tradeShops
      .filter((t) => t.active)
      .map((t) => ({
        kind: 'tradeShop' as const,
        id: t.tradeShopId,
        name: t.name,
        role: TRADE_SHOP_KIND_LABELS[t.kind],
      })),
  ];
  const key = (c: BadgeCard) => `${c.kind}:${c.id}`;
  const shown = cards.filter((c) =>
    only === null ? group === 'all' || c.kind === group : key(c) === only,
  );

  // One card: rendered alone for the print, then the sheet as it was (print() waits for the dialog).
  const printOne = (c: BadgeCard) => {
    flushSync(() => setOnly(key(c)));
    window.print();
    setOnly(null);
  };

  return (
    <section className="badges">
      <style>{BADGE_PRINT_CSS}</style>
      <div className="badges-toolbar no-print">
        <div className="choice-group" role="group" aria-label="Which badges">
          {GROUPS.map((g) => (
            <button
              key={g.id}
              type="button"
              className={g.id === group ? 'choice selected' : 'choice'}
              aria-pressed={g.id === group}
              onClick={() => setGroup(g.id)}
            >
              {g.label}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="button button-primary"
          disabled={shown.length === 0}
          onClick={() => window.print()}
        >
          Print {shown.length === 1 ? 'the badge' : `${shown.length} badges`}
        </button>
      </div>
      <p className="muted no-print">
        A hand-off scans the envelope, then the receiver’s badge. Shown at actual size (85.6 × 54
        mm, a card badge). People who leave and trade shops no longer used have no badge here.
      </p>
      {shown.length === 0 ? (
        <p className="muted">
          {group === 'tradeShop'
            ? 'No trade shops in use yet: add them in Settings.'
            : 'Nobody on the staff yet.'}
        </p>
      ) : (
        <ul className="badge-sheet" aria-label="Badges">
          {shown.map((c) => (
            <li key={key(c)} className="badge-item">
              <article className="badge-card" aria-label={`Badge of ${c.name}`}>
                <div className="badge-qr">
                  <QrCode
                    value={badgeLinkUrl(window.location.origin, c)}
                    size="38mm"
                    label={`Scan to hand a piece to ${c.name}`}
                  />
                </div>
                <div className="badge-words">
                  <p className="badge-shop">{shopName || '\u00a0'}</p>
                  <p className="badge-name">{c.name}</p>
                  <p className="badge-role">{c.role}</p>
                  <p className="badge-hint">Scan the envelope, then this badge.</p>
                </div>
              </article>
              <button
                type="button"
                className="button no-print"
                aria-label={`Print only the badge of ${c.name}`}
                onClick={() => printOne(c)}
              >
                Print this one
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
