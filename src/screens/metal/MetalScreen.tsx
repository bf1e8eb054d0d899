// The shop's metal (/metal): stock and who holds it, the scrap pots, refining lots, and every movement.
import { useId, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SignInPanel } from '../../components/staff/SignInPanel';
import { useCurrentStaff } from '../../components/staff/useCurrentStaff';
import { useActiveScales, useLedger, useShop, useStaff } from '../../db';
import { useStaffNames } from '../jobs/job/useStaffNames';
import type { LedgerScreenProps } from './ledgerProps';
import { LotsTab } from './LotsTab';
import { MovementsTab } from './MovementsTab';
import { ScrapTab } from './ScrapTab';
import { StockTab } from './StockTab';
import '../casting/tree/tree.css';
import './metal.css';

const TABS = [
  { id: 'stock', label: 'Stock' },
  { id: 'scrap', label: 'Scrap' },
  { id: 'lots', label: 'Lots' },
  { id: 'movements', label: 'Movements' },
] as const;
type TabId = (typeof TABS)[number]['id'];

function isTabId(x: string | null): x is TabId {
  return TABS.some((t) => t.id === x);
}

export function MetalScreen() {
  const baseId = useId();
  // The tab is in the address, so coming back from a tree's page opens the same one.
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const current: TabId = isTabId(asked) ? asked : 'stock';
  const ledger = useLedger();
  const people = useStaff();
  const actor = useCurrentStaff();
  const scales = useActiveScales();
  const shop = useShop();
  const nameOf = useStaffNames(people ?? []);

  const choose = (id: TabId) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('tab', id);
        return next;
      },
      { replace: true },
    );
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const at = TABS.findIndex((t) => t.id === current);
    const next = TABS[(at + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    if (next) {
      choose(next.id);
      document.getElementById(`${baseId}-tab-${next.id}`)?.focus();
    }
  };

  const loaded =
    ledger !== undefined &&
    people !== undefined &&
    actor !== undefined &&
    scales !== undefined &&
    shop !== undefined;
  const props: LedgerScreenProps | null = loaded
    ? { ledger, people, actor, scales, allScales: shop.scales, nameOf }
    : null;

  return (
    <section className="metal">
      <div className="metal-head">
        <h2>Metal</h2>
        <Link to="/metal/report" className="button">
          Loss report &amp; CSV
        </Link>
      </div>
      {actor === null && (
        <section className="tp-card metal-sign-in">
          <p>
            <strong>Sign in to record metal.</strong> Everything here can be read without.
          </p>
          <SignInPanel />
        </section>
      )}
      <div className="metal-tabs" role="tablist" aria-label="Metal" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`${baseId}-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={t.id === current}
            aria-controls={`${baseId}-panel`}
            tabIndex={t.id === current ? 0 : -1}
            className={t.id === current ? 'metal-tab selected' : 'metal-tab'}
            onClick={() => choose(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        id={`${baseId}-panel`}
        role="tabpanel"
        aria-labelledby={`${baseId}-tab-${current}`}
        className="metal-panel"
      >
        {props === null ? (
          <p className="tp-loading">Reading the ledger…</p>
        ) : current === 'stock' ? (
          <StockTab {...props} />
        ) : current === 'scrap' ? (
          <ScrapTab {...props} />
        ) : current === 'lots' ? (
          <LotsTab {...props} />
        ) : (
          <MovementsTab {...props} />
        )}
      </div>
    </section>
  );
}
