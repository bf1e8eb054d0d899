// Registers the service worker through workbox-window and offers updates without forcing them.
// workbox-window is fetched when the worker is registered, after the first screen (main.tsx).
import type { Workbox } from 'workbox-window';
import { create } from 'zustand';

interface AppUpdateState {
  /** A new version is installed and waiting for the person to choose Reload. */
  updateReady: boolean;
  /** The shell is cached: the app now opens with no network. */
  offlineReady: boolean;
}

export const useAppUpdate = create<AppUpdateState>(() => ({
  updateReady: false,
  offlineReady: false,
}));

let workbox: Workbox | undefined;

export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox('/sw.js', { scope: '/' });
  workbox = wb;
  wb.addEventListener('waiting', () => {
    // Only offer it: a reload under an assistant mid-step could lose what they were typing.
    useAppUpdate.setState({ updateReady: true });
  });
  wb.addEventListener('activated', (event) => {
    if (!event.isUpdate) useAppUpdate.setState({ offlineReady: true });
  });
  void wb.register();
  // A tablet may stay open for days: look for a new version when it comes back into view.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void wb.update();
  });
}

/** Checks the server for a new version now (Settings, and tests). */
export async function checkForUpdate(): Promise<void> {
  await workbox?.update();
}

/** The person chose Reload: let the waiting worker take over, then reload once it controls. */
export function applyUpdate(): void {
  const wb = workbox;
  if (!wb) return;
  wb.addEventListener('controlling', () => {
    window.location.reload();
  });
  wb.messageSkipWaiting();
}
