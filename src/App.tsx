// The routes of the bench app.
import { Navigate, Route, Routes } from 'react-router';
import { AppShell } from './components/AppShell';
import { CastingScreen } from './screens/casting/CastingScreen';
import { FlaskLinkScreen } from './screens/casting/tree/FlaskLinkScreen';
import { FlaskTagScreen } from './screens/casting/tree/FlaskTagScreen';
import { BadgeLinkScreen } from './screens/custody/BadgeLinkScreen';
import { CustodyScreen } from './screens/custody/CustodyScreen';
import { TreeScreen } from './screens/casting/tree/TreeScreen';
import { IntakeScreen } from './screens/intake/IntakeScreen';
import { JobScreen } from './screens/jobs/JobScreen';
import { JobsScreen } from './screens/jobs/JobsScreen';
import { EnvelopeLabelScreen } from './screens/label/EnvelopeLabelScreen';
import { MetalScreen } from './screens/metal/MetalScreen';
import { LossReportScreen } from './screens/metal/report/LossReportScreen';
import { NotFoundScreen } from './screens/NotFoundScreen';
import { ReceiptScreen } from './screens/receipt/ReceiptScreen';
import { JobLinkScreen } from './screens/scan/JobLinkScreen';
import { ScanScreen } from './screens/scan/ScanScreen';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import { TimeScreen } from './screens/time/TimeScreen';
import { InventoryScreen } from './screens/inventory/InventoryScreen';
import { ItemScreen } from './screens/inventory/ItemScreen';
import { EquipmentScreen } from './screens/equipment/EquipmentScreen';
import { MachineScreen } from './screens/equipment/MachineScreen';
import { BathScreen } from './screens/equipment/chemicals/BathScreen';

export function App() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<Navigate to="/jobs" replace />} />
        <Route path="jobs" element={<JobsScreen />} />
        <Route path="jobs/:jobId" element={<JobScreen />} />
        <Route path="jobs/:jobId/label" element={<EnvelopeLabelScreen />} />
        <Route path="jobs/:jobId/receipt" element={<ReceiptScreen />} />
        <Route path="j/:jobId" element={<JobLinkScreen />} />
        <Route path="intake" element={<IntakeScreen />} />
        <Route path="scan" element={<ScanScreen />} />
        <Route path="casting" element={<CastingScreen />} />
        <Route path="casting/trees/:treeId" element={<TreeScreen />} />
        <Route path="casting/flasks/:flaskId/tag" element={<FlaskTagScreen />} />
        <Route path="f/:flaskId" element={<FlaskLinkScreen />} />
        <Route path="custody" element={<CustodyScreen />} />
        <Route path="b/:kind/:badgeId" element={<BadgeLinkScreen />} />
        <Route path="metal" element={<MetalScreen />} />
        <Route path="metal/report" element={<LossReportScreen />} />
        <Route path="time" element={<TimeScreen />} />
        <Route path="inventory" element={<InventoryScreen />} />
        <Route path="inventory/items/:itemId" element={<ItemScreen />} />
        <Route path="equipment" element={<EquipmentScreen />} />
        <Route path="equipment/baths/:bathId" element={<BathScreen />} />
        <Route path="equipment/:equipmentId" element={<MachineScreen />} />
        <Route path="settings" element={<SettingsScreen />} />
        <Route path="*" element={<NotFoundScreen />} />
      </Route>
    </Routes>
  );
}
