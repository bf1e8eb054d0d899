// Online/offline pill in the header: offline is normal in the casting room, so it is calm, not red.
import { useConnectivity } from '../stores/connectivityStore';

export function ConnectionBadge() {
  const online = useConnectivity((s) => s.online);
  return (
    <span className={`badge ${online ? 'badge-online' : 'badge-offline'}`} role="status">
      {online ? 'Online' : 'Offline'}
    </span>
  );
}
