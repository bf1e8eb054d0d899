// Custody across the shop (/custody): hand a piece on by badge, the end-of-day safe count, the work
// out at trade shops, and the badges to print.
import { AddressTabList } from '../../components/AddressTabList';
import { useAddressTabs } from '../../components/useAddressTabs';
import { BadgesTab } from './BadgesTab';
import { HandOnTab } from './HandOnTab';
import { SafeCountTab } from './SafeCountTab';
import { TradeTab } from './TradeTab';
import './custody.css';

const TABS = [
  { id: 'hand-on', label: 'Hand on' },
  { id: 'safe', label: 'Safe count' },
  { id: 'trade', label: 'Out at trade shops' },
  { id: 'badges', label: 'Badges' },
] as const;

export function CustodyScreen() {
  // The tab is in the address, so coming back from a job's page opens the same one.
  const tabs = useAddressTabs('tab', TABS, 'hand-on');
  const { current } = tabs;
  return (
    <section className="custody">
      <h2>Custody</h2>
      <AddressTabList tabs={tabs} items={TABS} label="Custody" className="custody-tabs" />
      <div id={tabs.panelId} role="tabpanel" aria-labelledby={tabs.tabId(current)}>
        {current === 'hand-on' ? (
          <HandOnTab />
        ) : current === 'safe' ? (
          <SafeCountTab />
        ) : current === 'trade' ? (
          <TradeTab />
        ) : (
          <BadgesTab />
        )}
      </div>
    </section>
  );
}
