import { describe, expect, it } from 'vitest';
import { checkPinShape, hashPin, verifyPin } from '../../src/domain/pin';
import { checkStaffName, foldStaff } from '../../src/domain/staff';
import { SHOP_JOB_ID } from '../../src/protocol/events';
import { event, stampAt } from '../support/events';

describe('PINs', () => {
  it.each([
    ['1234', { ok: true }],
    ['123', { ok: false, message: 'A PIN has 4 digits.' }],
    ['12345', { ok: false, message: 'A PIN has 4 digits.' }],
    ['12a4', { ok: false, message: 'A PIN is digits only.' }],
    ['', { ok: false, message: 'A PIN has 4 digits.' }],
  ])('%j → %j', (pin, expected) => {
    expect(checkPinShape(pin)).toEqual(expected);
  });

  it('stores a salted hash that verifies only the same PIN', async () => {
    const a = await hashPin('2468');
    const b = await hashPin('2468');
    expect(a.hash).not.toBe(b.hash); // salted
    expect(JSON.stringify(a)).not.toContain('2468');
    expect(await verifyPin('2468', a)).toBe(true);
    expect(await verifyPin('2469', a)).toBe(false);
    expect(await verifyPin('24', a)).toBe(false);
  });

  it('refuses to hash a PIN of the wrong shape', async () => {
    await expect(hashPin('12')).rejects.toThrow('A PIN has 4 digits.');
  });
});

describe('staff', () => {
  const pin = { salt: 'a'.repeat(32), hash: 'b'.repeat(64), iterations: 50_000 };
  const added = (staffId: string, name: string, minute: number) =>
    event(SHOP_JOB_ID, 'staff.added', { staffId, name, role: 'jeweler', pin }, stampAt(minute));
  const MIA = '01JD0000000000000000000010';
  const JO = '01JD0000000000000000000011';

  it('folds additions and last-writer-wins updates, in any order', () => {
    const events = [
      added(MIA, 'Mia', 1),
      added(JO, 'Jo', 2),
      event(SHOP_JOB_ID, 'staff.updated', { staffId: JO, active: false }, stampAt(5)),
      event(
        SHOP_JOB_ID,
        'staff.updated',
        { staffId: JO, active: true, role: 'caster' },
        stampAt(4),
      ),
      event(SHOP_JOB_ID, 'staff.updated', { staffId: MIA, name: 'Mia Berg' }, stampAt(3)),
    ];
    const expected = [
      { id: JO, name: 'Jo', role: 'caster', active: false, pin },
      { id: MIA, name: 'Mia Berg', role: 'jeweler', active: true, pin },
    ];
    expect(foldStaff(events)).toEqual(expected);
    expect(foldStaff([...events].reverse())).toEqual(expected);
  });

  it.each([
    ['Jo Smith', { ok: true, name: 'Jo Smith' }],
    ['  Jo   Smith ', { ok: true, name: 'Jo Smith' }],
    ['', { ok: false, message: 'Enter the person’s name.' }],
    ['mia', { ok: false, message: 'mia is already on the staff list.' }],
  ])('name %j → %j', (name, expected) => {
    const staff = foldStaff([added(MIA, 'Mia', 1)]);
    expect(checkStaffName(name, staff)).toEqual(expected);
  });
});
