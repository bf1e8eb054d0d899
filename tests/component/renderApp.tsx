// Renders the whole app at a route, as a person would meet it.
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { beforeAll } from 'vitest';
import { App, preloadScreens } from '../../src/App';

// The screens, and the shell's sheets, load their code when first shown. Here that means vitest
// compiling their modules, seconds on a busy machine: done once before a file's tests, as
// importing the app did when every screen came with it.
beforeAll(async () => {
  await Promise.all([
    preloadScreens(),
    import('../../src/components/staff/SignInPanel'),
    import('../../src/components/SyncDetails'),
    import('../../src/components/ClockWarning'),
    import('../../src/components/UpdatePrompt'),
    import('../../src/components/workshop/WorkshopAlerts'),
    import('../../src/screens/scan/ScanSheet'),
    import('../../src/components/staff/StaffSwitcher'),
    import('../../src/components/SyncBadge'),
    import('../../src/scan/feedback'),
    import('../../src/scan/payload'),
    import('../../src/scan/resolveScan'),
  ]);
}, 120_000);

export function renderApp(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
}
