// Component tests run over fake-indexeddb, with a fresh database, DOM and session for each test.
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { db } from '../../src/db';
import { useSession } from '../../src/stores/sessionStore';

afterEach(async () => {
  cleanup();
  useSession.getState().signOut();
  localStorage.clear();
  await db.delete({ disableAutoOpen: false });
});
