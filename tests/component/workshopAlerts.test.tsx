// The workshop's alerts above the jobs list, over a real Dexie on fake-indexeddb: a machine out of
// service reaches everyone at the bench; items short, a malfunction and overdue care reach a manager.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db';
import { addItem, recordShopUse, receiveStock } from '../../src/db/inventoryOperations';
import { addMachine, reportMalfunction } from '../../src/db/equipmentOperations';
import { useSession } from '../../src/stores/sessionStore';
import { renderApp } from './renderApp';
import { addPerson } from './staffHelpers';

async function workshop() {
  const mia = await addPerson('Mia Berg', '2468', 'manager');
  const jo = await addPerson('Jo Smith', '1357', 'assistant', mia.id);
  const ringId = await addItem(
    db,
    { name: 'Jump ring 4 mm', category: 'finding', unit: 'pcs', minimum: 10 },
    jo.id,
  );
  await receiveStock(db, { itemId: ringId, quantity: 12 }, jo.id);
  await recordShopUse(db, { itemId: ringId, quantity: 5 }, jo.id);
  const clasp = await addItem(
    db,
    { name: 'Lobster clasp', category: 'finding', unit: 'pcs', minimum: 2 },
    jo.id,
  );
  await receiveStock(db, { itemId: clasp, quantity: 10 }, jo.id);
  const welder = await addMachine(db, { name: 'Laser welder', kind: 'laser_welder' }, mia.id);
  const motor = await addMachine(db, { name: 'Polishing motor', kind: 'polishing_motor' }, mia.id);
  await reportMalfunction(
    db,
    { equipmentId: welder, what: 'Shutter sticks', outOfService: true },
    jo.id,
  );
  await reportMalfunction(
    db,
    { equipmentId: motor, what: 'Hums at speed', outOfService: false },
    jo.id,
  );
  return { mia, jo };
}

const alerts = () => screen.findByRole('region', { name: 'Workshop alerts' });

describe('Workshop alerts', { timeout: 20_000 }, () => {
  it('tell a manager what is short and what broke, each a link to where it is dealt with', async () => {
    const { mia } = await workshop();
    useSession.getState().signIn(mia.id);
    renderApp('/jobs');
    const strip = await alerts();
    await waitFor(() => {
      expect(
        within(strip).getByRole('link', { name: '1 item below minimum' }).getAttribute('href'),
      ).toBe('/inventory?tab=shortages');
    });
    expect(
      within(strip).getByRole('link', { name: '1 machine out of service' }).getAttribute('href'),
    ).toBe('/equipment?tab=board');
    expect(within(strip).getByRole('link', { name: '1 malfunction reported' })).toBeTruthy();
  });

  it('tell an assistant only what they must not use', async () => {
    const { jo } = await workshop();
    useSession.getState().signIn(jo.id);
    renderApp('/jobs');
    const strip = await alerts();
    expect(within(strip).getByRole('link', { name: '1 machine out of service' })).toBeTruthy();
    expect(within(strip).getAllByRole('link')).toHaveLength(1);
  });
});
