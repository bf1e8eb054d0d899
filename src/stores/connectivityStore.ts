// Whether the browser believes it has a network; the header shows it so nobody waits on a sync.
import { create } from 'zustand';

interface ConnectivityState {
  online: boolean;
}

export const useConnectivity = create<ConnectivityState>(() => ({
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
}));

let watching = false;

/** Starts following the browser's online/offline events; safe to call more than once. */
export function watchConnectivity(): void {
  if (watching || typeof window === 'undefined') return;
  watching = true;
  const update = () => {
    useConnectivity.setState({ online: navigator.onLine });
  };
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  update();
}
