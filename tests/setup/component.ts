// Component tests run over fake-indexeddb, with a fresh database, DOM and session for each test.
import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { db } from '../../src/db';
import { useSession } from '../../src/stores/sessionStore';

// findBy and waitFor poll until the page says so; a loaded CI machine (the whole suite at once)
// can take longer than the default second for a live query to re-render a page.
configure({ asyncUtilTimeout: 4000 });

afterEach(async () => {
  cleanup();
  useSession.getState().signOut();
  localStorage.clear();
  await db.delete({ disableAutoOpen: false });
});
