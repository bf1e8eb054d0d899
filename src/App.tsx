// The routes of the bench app: the jobs list comes with the shell, every other screen when first opened.
//
// Each screen is its own chunk so the first screen loads only what it shows. The service worker
// precaches every chunk (vite.config.ts), so a lazy screen still opens with no network.
import { lazy, type ComponentType } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AppShell } from './components/AppShell';
import { JobsScreen } from './screens/jobs/JobsScreen';

const loaders: (() => Promise<unknown>)[] = [];

/** A screen fetched the first time its route is opened (modules export screens by name). */
function later<K extends string, P extends object>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
) {
  loaders.push(load);
  return lazy(async () => ({ default: (await load())[name] }));
}

/**
 * Fetches every screen's code now, rather than when each is first opened: for tests, where a
 * screen's first opening would otherwise wait for its modules to be compiled.
 */
export async function preloadScreens(): Promise<void> {
  await Promise.all(loaders.map((load) => load()));
}

const JobScreen = later(() => import('./screens/jobs/JobScreen'), 'JobScreen');
const EnvelopeLabelScreen = later(
  () => import('./screens/label/EnvelopeLabelScreen'),
  'EnvelopeLabelScreen',
);
const ReceiptScreen = later(() => import('./screens/receipt/ReceiptScreen'), 'ReceiptScreen');
const JobLinkScreen = later(() => import('./screens/scan/JobLinkScreen'), 'JobLinkScreen');
const IntakeScreen = later(() => import('./screens/intake/IntakeScreen'), 'IntakeScreen');
const ScanScreen = later(() => import('./screens/scan/ScanScreen'), 'ScanScreen');
const CastingScreen = later(() => import('./screens/casting/CastingScreen'), 'CastingScreen');
const TreeScreen = later(() => import('./screens/casting/tree/TreeScreen'), 'TreeScreen');
const FlaskTagScreen = later(
  () => import('./screens/casting/tree/FlaskTagScreen'),
  'FlaskTagScreen',
);
const FlaskLinkScreen = later(
  () => import('./screens/casting/tree/FlaskLinkScreen'),
  'FlaskLinkScreen',
);
const CustodyScreen = later(() => import('./screens/custody/CustodyScreen'), 'CustodyScreen');
const BadgeLinkScreen = later(() => import('./screens/custody/BadgeLinkScreen'), 'BadgeLinkScreen');
const MetalScreen = later(() => import('./screens/metal/MetalScreen'), 'MetalScreen');
const LossReportScreen = later(
  () => import('./screens/metal/report/LossReportScreen'),
  'LossReportScreen',
);
const TimeScreen = later(() => import('./screens/time/TimeScreen'), 'TimeScreen');
const InventoryScreen = later(
  () => import('./screens/inventory/InventoryScreen'),
  'InventoryScreen',
);
const ItemScreen = later(() => import('./screens/inventory/ItemScreen'), 'ItemScreen');
const EquipmentScreen = later(
  () => import('./screens/equipment/EquipmentScreen'),
  'EquipmentScreen',
);
const MachineScreen = later(() => import('./screens/equipment/MachineScreen'), 'MachineScreen');
const BathScreen = later(() => import('./screens/equipment/chemicals/BathScreen'), 'BathScreen');
const SettingsScreen = later(() => import('./screens/settings/SettingsScreen'), 'SettingsScreen');
const NotFoundScreen = later(() => import('./screens/NotFoundScreen'), 'NotFoundScreen');

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
