// Component tests run over fake-indexeddb, with a fresh database and DOM for each test.
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { db } from '../../src/db';

afterEach(async () => {
  cleanup();
  await db.delete({ disableAutoOpen: false });
});
