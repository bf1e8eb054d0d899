// The shop's metal (/metal): stock and who holds it, the scrap pots, refining lots, and every movement.
import { Link } from 'react-router';
import { AddressTabList } from '../../components/AddressTabList';
import { useAddressTabs } from '../../components/useAddressTabs';
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

export function MetalScreen() {
  // The tab is in the address, so coming back from a tree's page opens the same one.
  const tabs = useAddressTabs('tab', TABS, 'stock');
  const { current } = tabs;
  const ledger = useLedger();
  const people = useStaff();
  const actor = useCurrentStaff();
  const scales = useActiveScales();
  const shop = useShop();
  const nameOf = useStaffNames(people ?? []);

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
      <AddressTabList tabs={tabs} items={TABS} label="Metal" className="metal-tabs" />
      <div
        id={tabs.panelId}
        role="tabpanel"
        aria-labelledby={tabs.tabId(current)}
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
