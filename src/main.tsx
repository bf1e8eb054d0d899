// Entry point: mounts the app, follows the network state and registers the service worker.
// First of all, before any module builds a zod schema: no eval under the server's CSP.
import './protocol/noEval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { db, ensureProjectionsCurrent } from './db';
import { registerServiceWorker } from './pwa/serviceWorker';
import { watchConnectivity } from './stores/connectivityStore';
import { startSync } from './sync';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

watchConnectivity();
// Events an older version skipped are folded in once this version knows them.
void ensureProjectionsCurrent(db);
createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </StrictMode>,
);
registerServiceWorker();
startSync();
