// The "new version" banner: the person chooses when to reload, never the app.
import { applyUpdate, useAppUpdate } from '../pwa/serviceWorker';
import './updatePrompt.css';

export function UpdatePrompt() {
  const updateReady = useAppUpdate((s) => s.updateReady);
  if (!updateReady) return null;
  return (
    <div className="update-prompt" role="status">
      <span>A new version is ready</span>
      <button type="button" className="button button-primary" onClick={applyUpdate}>
        Reload
      </button>
    </div>
  );
}
