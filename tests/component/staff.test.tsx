import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { db, listStaff } from '../../src/db';
import { useSession } from '../../src/stores/sessionStore';
import { renderApp } from './renderApp';
import { addPerson } from './staffHelpers';

async function typePin(user: ReturnType<typeof userEvent.setup>, pin: string) {
  for (const digit of pin) await user.click(screen.getByRole('button', { name: digit }));
}

describe('Staff: who is at the bench', () => {
  it('lets the first person add themselves, with the PIN stored only as a hash', async () => {
    const user = userEvent.setup();
    renderApp('/jobs');
    await user.click(await screen.findByRole('button', { name: 'Who’s at the bench?' }));
    const sheet = await screen.findByRole('dialog');
    expect(await within(sheet).findByText(/Nobody is on the staff list yet/)).toBeTruthy();
    await user.type(within(sheet).getByLabelText('Name'), 'Mia Berg');
    await user.click(within(sheet).getByRole('button', { name: 'Bench jeweler' }));
    await user.type(within(sheet).getByLabelText('PIN (4 digits)'), '2468');
    await user.type(within(sheet).getByLabelText('PIN again'), '2468');
    await user.click(within(sheet).getByRole('button', { name: 'Add person' }));

    expect(await screen.findByRole('button', { name: 'Mia Berg' })).toBeTruthy();
    const [mia] = await listStaff(db);
    expect(mia).toMatchObject({ name: 'Mia Berg', role: 'jeweler', active: true });
    expect(useSession.getState().staffId).toBe(mia?.id);
    const stored = JSON.stringify(await db.events.toArray());
    expect(stored).not.toContain('2468');
    expect(mia?.pin.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('switches to another person only with their PIN', async () => {
    const user = userEvent.setup();
    const mia = await addPerson('Mia Berg', '1111');
    await addPerson('Jo Smith', '2222', 'assistant', mia.id);
    renderApp('/jobs');
    await user.click(await screen.findByRole('button', { name: 'Who’s at the bench?' }));
    await user.click(await screen.findByRole('button', { name: 'Jo Smith' }));
    await typePin(user, '1111');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That is not Jo Smith’s PIN. Try again.',
    );
    expect(useSession.getState().staffId).toBeNull();
    await typePin(user, '2222');
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(screen.getByRole('button', { name: 'Jo Smith' })).toBeTruthy();
  });

  it('refuses a second person with the same name, or PINs that differ, keeping what was typed', async () => {
    const user = userEvent.setup();
    const mia = await addPerson('Mia Berg', '1111');
    useSession.getState().signIn(mia.id);
    renderApp('/settings');
    const form = await screen.findByRole('form', { name: 'Add a person' });
    await user.type(within(form).getByLabelText('Name'), 'mia berg');
    await user.type(within(form).getByLabelText('PIN (4 digits)'), '1234');
    await user.type(within(form).getByLabelText('PIN again'), '1234');
    await user.click(within(form).getByRole('button', { name: 'Add person' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'mia berg is already on the staff list.',
    );

    await user.clear(within(form).getByLabelText('Name'));
    await user.type(within(form).getByLabelText('Name'), 'Jo Smith');
    await user.clear(within(form).getByLabelText('PIN again'));
    await user.type(within(form).getByLabelText('PIN again'), '1235');
    await user.click(within(form).getByRole('button', { name: 'Add person' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'The two PINs are not the same.',
    );
    expect(within(form).getByLabelText<HTMLInputElement>('Name').value).toBe('Jo Smith');
    expect(await listStaff(db)).toHaveLength(1);
  });

  it('takes a person off the staff: they can no longer sign in, and their history stays', async () => {
    const user = userEvent.setup();
    const mia = await addPerson('Mia Berg', '1111');
    const jo = await addPerson('Jo Smith', '2222', 'assistant', mia.id);
    useSession.getState().signIn(mia.id);
    renderApp('/settings');
    await user.click(await screen.findByRole('button', { name: 'Take Jo Smith off' }));
    await screen.findByRole('button', { name: 'Put Jo Smith back' });
    const staff = await listStaff(db);
    expect(staff.find((s) => s.id === jo.id)?.active).toBe(false);
    // Gone from the sign-in choices.
    await user.click(screen.getByRole('button', { name: 'Mia Berg' }));
    const sheet = await screen.findByRole('dialog');
    expect(within(sheet).queryByRole('button', { name: 'Jo Smith' })).toBeNull();
  });

  it('shows what this tablet stores in settings', async () => {
    renderApp('/settings');
    expect(
      await screen.findByText(/0 jobs, 0 recorded changes, 0 photos; 0 changes waiting/),
    ).toBeTruthy();
  });
});
