// The frame of every screen: shop name, connection and sync state, and the bench's main places.
import { NavLink, Outlet } from 'react-router';
import { useShopName } from '../db/shopSettings';
import { ConnectionBadge } from './ConnectionBadge';
import { later } from './later';
import { ScreenFrame } from './ScreenFrame';
import { WedgeScanner } from './WedgeScanner';

// Banners with nothing to say at first: the update offer follows the service worker's
// registration and the clock warning a sync, both started once the first screen is up.
const UpdatePrompt = later(async () => (await import('./UpdatePrompt')).UpdatePrompt);
const ClockBanner = later(async () => (await import('./ClockWarning')).ClockBanner);
// The header's staff and sync badges, a moment after the list (they read the database too, and
// the list's rows come first). The wedge scanner is here from the start: a scan is never lost.
const StaffSwitcher = later(async () => (await import('./staff/StaffSwitcher')).StaffSwitcher);
const SyncBadge = later(async () => (await import('./SyncBadge')).SyncBadge);

const PLACES = [
  { to: '/jobs', label: 'Jobs' },
  { to: '/intake', label: 'Intake' },
  { to: '/scan', label: 'Scan' },
  { to: '/casting', label: 'Casting' },
  { to: '/metal', label: 'Metal' },
  { to: '/custody', label: 'Custody' },
  { to: '/time', label: 'Time' },
  { to: '/inventory', label: 'Stock' },
  { to: '/equipment', label: 'Machines' },
  { to: '/settings', label: 'Settings' },
] as const;

export function AppShell() {
  const shopName = useShopName();
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="shop-name" data-testid="shop-name">
          {shopName ?? '\u00a0'}
        </h1>
        <div className="header-badges">
          <StaffSwitcher />
          <ConnectionBadge />
          <SyncBadge />
        </div>
      </header>
      <UpdatePrompt />
      <ClockBanner />
      <WedgeScanner />
      <main className="app-main">
        <ScreenFrame>
          <Outlet />
        </ScreenFrame>
      </main>
      <nav className="app-nav" aria-label="Main">
        {PLACES.map((p) => (
          <NavLink key={p.to} to={p.to} className="nav-link">
            {p.label}
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
