// Entry point: mounts the app, follows the network state and registers the service worker.
// First of all, before any module builds a zod schema: no eval under the server's CSP.
import './protocol/noEval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { afterFirstScreen } from './firstScreen';
import { watchConnectivity } from './stores/connectivityStore';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

watchConnectivity();
// What no screen waits for comes after the first one: sync and the projections' catch-up (their
// code, and zod, which checks every event), and the service worker (it then precaches the rest).
// Asked before the first render, so the first screen's reads are the ones it waits for.
afterFirstScreen(() => {
  void import('./pwa/serviceWorker').then(({ registerServiceWorker }) => registerServiceWorker());
  void import('./backgroundWork').then(({ startBackgroundWork }) => {
    startBackgroundWork();
  });
});
createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </StrictMode>,
);
