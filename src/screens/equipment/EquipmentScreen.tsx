// The workshop's machines (/equipment): the board of maintenance due and overdue and malfunctions, the registry, rhodium baths and the chemical waste log.
import { AddressTabList } from '../../components/AddressTabList';
import { useAddressTabs } from '../../components/useAddressTabs';
import { SignInPanel } from '../../components/staff/SignInPanel';
import { useCurrentStaff } from '../../components/staff/useCurrentStaff';
import { BoardTab } from './BoardTab';
import { BathsTab } from './chemicals/BathsTab';
import { WasteTab } from './chemicals/WasteTab';
import { MachinesTab } from './MachinesTab';
import '../casting/tree/tree.css';
import './equipment.css';

const TABS = [
  { id: 'board', label: 'Board' },
  { id: 'machines', label: 'Machines' },
  { id: 'baths', label: 'Baths' },
  { id: 'waste', label: 'Waste' },
] as const;

export function EquipmentScreen() {
  // The tab is in the address, so coming back from a machine's page opens the same one.
  const tabs = useAddressTabs('tab', TABS, 'board');
  const { current } = tabs;
  const actor = useCurrentStaff();
  return (
    <section className="eq">
      <h2>Machines</h2>
      {actor === null && (
        <section className="tp-card eq-sign-in">
          <p>
            <strong>Sign in to log maintenance or report a malfunction.</strong> Everything here can
            be read without.
          </p>
          <SignInPanel />
        </section>
      )}
      <AddressTabList tabs={tabs} items={TABS} label="Machines" />
      <div
        id={tabs.panelId}
        role="tabpanel"
        aria-labelledby={tabs.tabId(current)}
        className="eq-panel"
      >
        {current === 'board' ? (
          <BoardTab />
        ) : current === 'machines' ? (
          <MachinesTab actor={actor ?? null} />
        ) : current === 'baths' ? (
          <BathsTab />
        ) : (
          <WasteTab />
        )}
      </div>
    </section>
  );
}
