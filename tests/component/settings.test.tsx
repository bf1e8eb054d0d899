import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { getShopName } from '../../src/db';
import { renderApp } from './renderApp';

describe('Settings: shop name', () => {
  it('saves the shop name to IndexedDB and shows it in the header', async () => {
    const user = userEvent.setup();
    renderApp('/settings');
    const header = await screen.findByTestId('shop-name');
    await within(header).findByText('Loupe');

    const input = await screen.findByLabelText('Shop name');
    await user.clear(input);
    await user.type(input, '  Goldsmith   & Co ');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Saved: Goldsmith & Co')).toBeTruthy();
    await within(header).findByText('Goldsmith & Co');
    expect(await getShopName()).toBe('Goldsmith & Co');
  });

  it('refuses a blank name with a clear message and keeps the saved one', async () => {
    const user = userEvent.setup();
    renderApp('/settings');
    const input = await screen.findByLabelText('Shop name');
    await user.clear(input);
    await user.type(input, 'Atelier Nord');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved: Atelier Nord');

    await user.clear(screen.getByLabelText('Shop name'));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Enter the shop name.');
    expect(await getShopName()).toBe('Atelier Nord');
    expect(screen.getByTestId('shop-name').textContent).toBe('Atelier Nord');
  });
});
