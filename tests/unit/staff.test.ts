import { describe, expect, it } from 'vitest';
import { checkPinShape, hashPin, verifyPin } from '../../src/domain/pin';
import { BUILT_IN_PROGRAMS } from '../../src/domain/casting/burnout';
import { applyToShop, emptyShop, foldShop } from '../../src/domain/shopState';
import { checkStaffName, foldStaff } from '../../src/domain/staff';
import type { BurnoutProgramData } from '../../src/protocol/casting';
import { SHOP_JOB_ID, type StoredEvent } from '../../src/protocol/events';
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

describe('the shop stream', () => {
  const pin = { salt: 'a'.repeat(32), hash: 'b'.repeat(64), iterations: 50_000 };
  const MIA = '01JD0000000000000000000010';
  const JO = '01JD0000000000000000000011';
  const builtIn = BUILT_IN_PROGRAMS[0];
  if (!builtIn) throw new Error('built-in programs expected');
  const program = (id: string, name: string): BurnoutProgramData => ({
    ...builtIn,
    id,
    name,
    builtIn: false,
  });
  const onShop = (type: string, data: Record<string, unknown>, minute: number): StoredEvent => ({
    ...event(SHOP_JOB_ID, 'note.added', { text: 'x' }, stampAt(minute)),
    type,
    data,
  });

  const day: StoredEvent[] = [
    onShop('staff.added', { staffId: MIA, name: 'Mia', role: 'caster', pin }, 1),
    onShop('casting.program_added', { program: program('big_flasks', 'Big flasks') }, 2),
    onShop('casting.program_added', { program: program('quick', 'Quick') }, 3),
    onShop('casting.loss_threshold_set', { pct: 2 }, 4),
    // The same id added again (a tablet offline): the first addition stands.
    onShop('casting.program_added', { program: program('quick', 'Quick, renamed') }, 5),
    onShop('casting.program_retired', { programId: 'big_flasks' }, 6),
    onShop('casting.loss_threshold_set', { pct: 1.2 }, 7),
    // A newer version's setting, a retirement of a program never added, a job's event: skipped.
    onShop('casting.kiln_named', { name: 'Kiln 2' }, 8),
    onShop('casting.program_retired', { programId: 'never_added' }, 9),
    onShop('note.added', { text: 'On the shop' }, 10),
  ];

  it('folds programs, their retirement and the last loss threshold, skipping what it cannot', () => {
    const shop = foldShop(day);
    expect(shop.programs.map((p) => [p.program.id, p.program.name, p.retired])).toEqual([
      ['big_flasks', 'Big flasks', true],
      ['quick', 'Quick', false],
    ]);
    expect(shop.programs[0]?.added).toEqual({
      by: 'staff-mia',
      at: day[1]?.at,
      eventId: day[1]?.id,
    });
    expect(shop.lossThresholdPct).toBe(1.2);
    expect(shop.staff.map((s) => s.name)).toEqual(['Mia']);
    expect(shop).toMatchObject({
      id: SHOP_JOB_ID,
      eventCount: day.length,
      lastAt: day.at(-1)?.at,
      lastEventId: day.at(-1)?.id,
      skipped: {
        count: 3,
        types: ['casting.kiln_named', 'casting.program_retired', 'note.added'],
      },
    });
  });

  it('is the same in any order, and extending it in order is folding it again', () => {
    const expected = foldShop(day);
    for (let shift = 0; shift < day.length; shift++) {
      const rotated = [...day.slice(shift), ...day.slice(0, shift)].reverse();
      expect(foldShop([...rotated, ...rotated.slice(0, 3)])).toEqual(expected);
      const head = foldShop(day.slice(0, shift));
      expect(applyToShop(head, day.slice(shift).reverse())).toEqual(expected);
    }
    expect(() => applyToShop(expected, [day[0] as StoredEvent])).toThrow(/fold the shop in full/);
  });

  it('starts from an empty shop: no opening event, the default loss threshold', () => {
    expect(foldShop([])).toEqual(emptyShop());
    expect(emptyShop().lossThresholdPct).toBeNull();
  });

  it('orders two people of one name by id, whatever order they were renamed in', () => {
    const events = [
      onShop('staff.added', { staffId: JO, name: 'Zed', role: 'jeweler', pin }, 1),
      onShop('staff.added', { staffId: MIA, name: 'Amy', role: 'caster', pin }, 2),
      onShop('staff.updated', { staffId: JO, name: 'Amy' }, 3),
    ];
    const expected = foldShop(events).staff.map((s) => s.id);
    expect(expected).toEqual([MIA, JO]);
    expect(
      applyToShop(foldShop(events.slice(0, 2)), events.slice(2)).staff.map((s) => s.id),
    ).toEqual(expected);
  });
});
