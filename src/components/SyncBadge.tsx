// Sync state in the header. Until this tablet is paired with the shop server it says so plainly.
export function SyncBadge() {
  return (
    <span className="badge badge-muted" title="Pairing with the shop server comes in Settings">
      Not paired
    </span>
  );
}
