// The machines screens over a real Dexie on fake-indexeddb: the registry (a manager's), the board
// (malfunctions first, maintenance overdue and due, scales to check), a machine's page (plan, log
// done with a photo, hours, malfunction resolved, calibration check), the alert counts, and the
// job page's weights flagged by their scale's calibration.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { applyEvents, db, useJob, useStaff } from '../../src/db';
import {
  addMachine,
  recordCalibrationCheck,
  reportMalfunction,
  type MachineInput,
} from '../../src/db/equipmentOperations';
import { useEquipmentAlerts } from '../../src/db/equipmentQueries';
import { formatStamp } from '../../src/domain/clock';
import { dayText, localDay } from '../../src/domain/dates';
import type { StaffMember } from '../../src/domain/staff';
import type { ProcessedPhoto } from '../../src/photos/process';
import { EquipmentScreen } from '../../src/screens/equipment/EquipmentScreen';
import { MachineScreen } from '../../src/screens/equipment/MachineScreen';
import { useStaffNames } from '../../src/screens/jobs/job/useStaffNames';
import { WeightsPanel } from '../../src/screens/jobs/job/WeightsPanel';
import { useSession } from '../../src/stores/sessionStore';
import { DEVICE_B, event } from '../support/events';
import { openTestJob } from './jobPageHelpers';
import { addPerson, signedIn } from './staffHelpers';

// A picked photo is prepared with processPhoto (a canvas: jsdom has none): a generated PNG stands in.
vi.mock('../../src/photos/process', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/photos/process')>();
  const { fakeProcessed: make } = await import('../support/photos');
  return { ...original, processPhoto: (): Promise<ProcessedPhoto> => make(40, 30) };
});

beforeEach(() => {
  let n = 0;
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: vi.fn(() => `blob:loupe-test/${n++}`),
      revokeObjectURL: vi.fn(),
    }),
  );
});

const DAY_MS = 86_400_000;
const POLISHER: MachineInput = {
  name: 'Polishing motor',
  kind: 'polishing_motor',
  location: 'Polishing room',
};
const SCALE: MachineInput = {
  name: 'Bench scale',
  kind: 'scale',
  scaleId: 'bench',
  calibrationEveryDays: 30,
  testWeightG: 10,
};

async function manager(name = 'Eva Boss'): Promise<StaffMember> {
  const eva = await addPerson(name, '1234', 'manager');
  useSession.getState().signIn(eva.id);
  return eva;
}

/** Another tablet's event, stamped `daysAgo` days before now, as a sync would bring it. */
async function fromAnotherTablet(
  equipmentId: string,
  type: Parameters<typeof event>[1],
  data: Parameters<typeof event>[2],
  daysAgo: number,
  actor: string,
): Promise<void> {
  const at = formatStamp({ ms: Date.now() - daysAgo * DAY_MS, counter: 0, device: DEVICE_B });
  await applyEvents(db, [event(equipmentId, type, data, at, actor)], { local: false });
}

function Address() {
  const location = useLocation();
  return <output data-testid="address">{location.pathname + location.search}</output>;
}

function renderMachines(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/equipment" element={<EquipmentScreen />} />
        <Route path="/equipment/:equipmentId" element={<MachineScreen />} />
      </Routes>
      <Address />
    </MemoryRouter>,
  );
}

async function typeIn(user: UserEvent, field: HTMLElement, text: string): Promise<void> {
  await user.click(field);
  await user.paste(text);
}

function region(name: string | RegExp): HTMLElement {
  return screen.getByRole('region', { name });
}

describe('the registry', { timeout: 20_000 }, () => {
  it('is a manager’s to add to: a jeweler is told so; a manager adds a machine and lands on its page', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const view = renderMachines('/equipment?tab=machines');
    expect(
      await screen.findByText(/A manager adds machines and plans their maintenance/),
    ).toBeTruthy();
    view.unmount();

    const eva = await addPerson('Eva Boss', '4321', 'manager', mia.id);
    useSession.getState().signIn(eva.id);
    renderMachines('/equipment?tab=machines');
    await user.click(await screen.findByRole('button', { name: 'Add a machine…' }));
    const form = screen.getByRole('form', { name: 'Add a machine' });
    await user.click(within(form).getByRole('button', { name: 'Add machine' }));
    expect(within(form).getByRole('alert').textContent).toBe('Choose what kind of machine it is.');
    await typeIn(user, within(form).getByLabelText('Name'), 'Ultrasonic 1');
    await user.click(within(form).getByRole('radio', { name: 'Ultrasonic cleaner' }));
    await typeIn(
      user,
      within(form).getByLabelText('Where it stands — optional'),
      'Cleaning corner',
    );
    await user.click(within(form).getByRole('button', { name: 'Add machine' }));

    await screen.findByRole('heading', { name: 'Ultrasonic 1', level: 2 });
    const [machine] = await db.equipment.toArray();
    expect(screen.getByTestId('address').textContent).toBe(`/equipment/${machine?.id ?? ''}`);
    expect(machine?.fields).toEqual({
      name: 'Ultrasonic 1',
      kind: 'ultrasonic',
      location: 'Cleaning corner',
      retired: false,
    });
  });

  it('links a new scale to one of the shop’s scales, with its check interval and test weight', async () => {
    const user = userEvent.setup();
    await manager();
    renderMachines('/equipment?tab=machines');
    await user.click(await screen.findByRole('button', { name: 'Add a machine…' }));
    const form = screen.getByRole('form', { name: 'Add a machine' });
    await typeIn(user, within(form).getByLabelText('Name'), 'Bench scale');
    await user.click(within(form).getByRole('radio', { name: 'Scale' }));
    await user.click(within(form).getByRole('radio', { name: /Bench scale/ }));
    await typeIn(user, within(form).getByLabelText('Checked every'), '30');
    await typeIn(user, within(form).getByLabelText('Test weight'), '10');
    await user.click(within(form).getByRole('button', { name: 'Add machine' }));
    const card = await screen.findByRole('region', { name: 'Calibration' });
    expect(within(card).getByRole('status', { name: 'Calibration now' }).textContent).toBe(
      'Never checked: check it with its test weight.',
    );
    expect((await db.equipment.toArray())[0]?.fields).toMatchObject({
      scaleId: 'bench',
      calibrationEveryDays: 30,
      testWeightG: 10,
    });
  });
});

describe('the board', { timeout: 20_000 }, () => {
  it('says all is in order when nothing is due or reported', async () => {
    const eva = await manager();
    await addMachine(db, POLISHER, eva.id);
    renderMachines('/equipment');
    expect((await screen.findByText(/every machine is in order/)).textContent).toBe(
      'Nothing due, nothing reported: every machine is in order.',
    );
  });

  it('shows malfunctions first, out of service marked, then maintenance overdue, due and soon, then scales to check', async () => {
    const eva = await manager();
    const polisher = await addMachine(db, POLISHER, eva.id);
    const kiln = await addMachine(db, { name: 'Kiln', kind: 'kiln' }, eva.id);
    const scale = await addMachine(db, SCALE, eva.id);
    // Planned on another tablet: 10 days ago every 7 days (overdue), 7 days ago every 7 (due), 5 ago every 7 (soon).
    await fromAnotherTablet(
      polisher,
      'maintenance.planned',
      {
        taskId: '01JD0000000000000000000001',
        what: 'Change the brushes',
        everyDays: 7,
        active: true,
      },
      10,
      eva.id,
    );
    await fromAnotherTablet(
      kiln,
      'maintenance.planned',
      {
        taskId: '01JD0000000000000000000002',
        what: 'Check the thermocouple',
        everyDays: 7,
        active: true,
      },
      7,
      eva.id,
    );
    await fromAnotherTablet(
      kiln,
      'maintenance.planned',
      {
        taskId: '01JD0000000000000000000003',
        what: 'Vacuum the chamber',
        everyDays: 7,
        active: true,
      },
      5,
      eva.id,
    );
    await reportMalfunction(
      db,
      { equipmentId: kiln, what: 'Door seal burnt', outOfService: true },
      eva.id,
    );
    await reportMalfunction(
      db,
      { equipmentId: polisher, what: 'Rattles at speed', outOfService: false },
      eva.id,
    );
    await recordCalibrationCheck(db, { equipmentId: scale, readG: 10.5 }, eva.id);

    renderMachines('/equipment');
    const faults = await screen.findByRole('region', { name: /Malfunctions reported/ });
    expect(within(faults).getByRole('heading').textContent).toBe('Malfunctions reported (2)');
    const lines = within(faults).getAllByRole('listitem');
    expect(lines.map((l) => l.getAttribute('aria-label'))).toEqual(['Kiln', 'Polishing motor']);
    expect(lines[0]?.textContent).toContain('Out of service');
    expect(lines[0]?.textContent).toContain('Door seal burnt');
    expect(lines[1]?.textContent).toContain('Malfunction');

    const due = within(region('Maintenance due')).getAllByRole('listitem');
    expect(due.map((l) => l.getAttribute('aria-label'))).toEqual([
      'Polishing motor: Change the brushes',
      'Kiln: Check the thermocouple',
      'Kiln: Vacuum the chamber',
    ]);
    expect(due[0]?.textContent).toContain('Overdue by 3 days');
    expect(due[1]?.textContent).toContain('Due today');
    expect(due[2]?.textContent).toContain('Due in 2 days');

    const scales = within(region('Scales to check')).getByRole('listitem', { name: 'Bench scale' });
    expect(scales.textContent).toContain('Failed its check');
    expect(scales.textContent).toContain(`read 10.50 g of 10.00 g (±0.02 g)`);
  });

  it('counts what the manager’s alert strip shows, and follows a change live', async () => {
    const eva = await manager();
    const polisher = await addMachine(db, POLISHER, eva.id);
    await fromAnotherTablet(
      polisher,
      'maintenance.planned',
      { taskId: '01JD0000000000000000000001', what: 'Oil', everyDays: 3, active: true },
      4,
      eva.id,
    );
    function Strip() {
      const alerts = useEquipmentAlerts();
      return <output data-testid="alerts">{alerts ? JSON.stringify(alerts) : 'reading'}</output>;
    }
    render(<Strip />);
    await waitFor(() =>
      expect(JSON.parse(screen.getByTestId('alerts').textContent)).toEqual({
        overdueTasks: 1,
        dueTasks: 0,
        openMalfunctions: 0,
        outOfService: 0,
        scalesOverdue: 0,
        scalesFailed: 0,
      }),
    );
    await reportMalfunction(
      db,
      { equipmentId: polisher, what: 'Smoke', outOfService: true },
      eva.id,
    );
    await waitFor(() =>
      expect(JSON.parse(screen.getByTestId('alerts').textContent)).toMatchObject({
        openMalfunctions: 1,
        outOfService: 1,
      }),
    );
  });
});

describe('a machine’s page', { timeout: 30_000 }, () => {
  it('a manager plans a task; a jeweler logs it done with notes and a photo; it falls due again from then', async () => {
    const user = userEvent.setup();
    const eva = await manager();
    const polisher = await addMachine(db, POLISHER, eva.id);
    const view = renderMachines(`/equipment/${polisher}`);
    const plan = await screen.findByRole('region', { name: 'Maintenance plan' });
    await user.click(within(plan).getByRole('button', { name: 'Plan a task…' }));
    const form = within(plan).getByRole('form', { name: 'Plan a task' });
    await typeIn(user, within(form).getByLabelText('What is done'), 'Change the brushes');
    // No interval: the operation's words, nothing stored.
    await user.click(within(form).getByRole('button', { name: 'Plan the task' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'Say how often: every so many days or hours of use.',
    );
    expect((await db.equipment.get(polisher))?.tasks).toEqual([]);
    await typeIn(user, within(form).getByLabelText('Every so many days'), '14');
    await user.click(within(form).getByRole('button', { name: 'Plan the task' }));
    const task = await within(plan).findByRole('listitem', { name: 'Change the brushes' });
    expect(task.textContent).toContain(
      `Next due ${dayText(localDay(new Date(Date.now() + 14 * DAY_MS)), { year: false })}`,
    );
    view.unmount();

    const mia = await addPerson('Mia Berg', '5678', 'jeweler', eva.id);
    useSession.getState().signIn(mia.id);
    renderMachines(`/equipment/${polisher}`);
    const row = await screen.findByRole('listitem', { name: 'Change the brushes' });
    expect(
      within(region('Maintenance plan')).queryByRole('button', { name: 'Plan a task…' }),
    ).toBeNull();
    await user.click(within(row).getByRole('button', { name: 'Log done…' }));
    const log = within(row).getByRole('form', { name: 'Log done: Change the brushes' });
    await typeIn(user, within(log).getByLabelText('Notes — optional'), 'Worn to 4 mm');
    await user.upload(
      within(log).getByLabelText(/Photo — optional Choose a photo/),
      new File(['pixels'], 'brushes.jpg', { type: 'image/jpeg' }),
    );
    await within(log).findByRole('img', { name: 'The photo taken' });
    await user.click(within(log).getByRole('button', { name: 'Log it done' }));

    const entries = await within(region('Maintenance log')).findAllByRole('listitem');
    expect(entries[0]?.textContent).toContain('Change the brushes');
    expect(entries[0]?.textContent).toContain('Mia Berg');
    expect(entries[0]?.textContent).toContain('Worn to 4 mm');
    await within(entries[0] as HTMLElement).findByRole('img', {
      name: 'Photo of the maintenance: Change the brushes',
    });
    const done = (await db.equipment.get(polisher))?.log[0];
    expect(done).toMatchObject({ what: 'Change the brushes', notes: 'Worn to 4 mm', by: mia.id });
    expect(await db.photos.get(done?.photoSha256 ?? '')).toMatchObject({
      jobId: polisher,
      uploaded: 0,
    });
    const again = within(region('Maintenance plan')).getByRole('listitem', {
      name: 'Change the brushes',
    });
    expect(again.textContent).toContain('last done by Mia Berg');
  });

  it('a malfunction reported puts it out of service until someone says how it was resolved', async () => {
    const user = userEvent.setup();
    const eva = await manager();
    const kiln = await addMachine(db, { name: 'Kiln', kind: 'kiln' }, eva.id);
    renderMachines(`/equipment/${kiln}`);
    const card = await screen.findByRole('region', { name: 'Malfunctions' });
    await user.click(within(card).getByRole('button', { name: 'Report a malfunction…' }));
    const form = within(card).getByRole('form', { name: 'Report a malfunction' });
    await typeIn(user, within(form).getByLabelText('What is wrong?'), 'Door seal burnt');
    await user.click(within(form).getByRole('button', { name: 'Report it' }));
    expect(within(form).getByRole('alert').textContent).toBe(
      'Say whether the machine can still be used until it is fixed.',
    );
    await user.click(within(form).getByRole('radio', { name: 'No: out of service' }));
    await user.click(within(form).getByRole('button', { name: 'Report it' }));
    const open = await within(card).findByRole('listitem', { name: 'Door seal burnt' });
    expect(open.textContent).toContain('Out of service');
    expect(screen.getByText(/Do not use this machine/)).toBeTruthy();

    await user.click(within(open).getByRole('button', { name: 'Resolve…' }));
    await typeIn(user, within(open).getByLabelText('How was it resolved?'), 'New seal fitted');
    await user.click(within(open).getByRole('button', { name: 'Mark resolved' }));
    await within(card).findByText('Nothing reported wrong with it.');
    expect(screen.queryByText(/Do not use this machine/)).toBeNull();
    expect(within(card).getByText(/Resolved: New seal fitted — Eva Boss/)).toBeTruthy();
  });

  it('logs hours of use, adding them up', async () => {
    const user = userEvent.setup();
    const eva = await manager();
    const polisher = await addMachine(db, POLISHER, eva.id);
    renderMachines(`/equipment/${polisher}`);
    const card = await screen.findByRole('region', { name: 'Hours of use' });
    for (const h of ['2.5', '1,25']) {
      await typeIn(user, within(card).getByLabelText('Hours it ran'), h);
      await user.click(within(card).getByRole('button', { name: 'Log hours' }));
      await waitFor(() =>
        expect(within(card).getByLabelText<HTMLInputElement>('Hours it ran').value).toBe(''),
      );
    }
    await waitFor(() =>
      expect(within(card).getByLabelText('Hours of use in all').textContent).toBe('3.75 h'),
    );
  });

  it('checks a scale with its test weight: failed against the shop scale’s tolerance, then passed', async () => {
    const user = userEvent.setup();
    const eva = await manager();
    const scale = await addMachine(db, SCALE, eva.id);
    renderMachines(`/equipment/${scale}`);
    const card = await screen.findByRole('region', { name: 'Calibration' });
    const form = within(card).getByRole('form', { name: 'Check the scale' });
    expect(within(form).getByLabelText<HTMLInputElement>('Test weight').value).toBe('10');
    await typeIn(user, within(form).getByLabelText('The scale read'), '10.05');
    await user.click(within(form).getByRole('button', { name: 'Record the check' }));
    expect((await within(form).findByText(/^Failed:/)).textContent).toBe(
      'Failed: read 10.05 g of 10.00 g (±0.02 g). Weighings on it are flagged until it passes.',
    );
    expect(within(card).getByRole('status', { name: 'Calibration now' }).textContent).toMatch(
      /^Failed its check on /,
    );
    await typeIn(user, within(form).getByLabelText('The scale read'), '10.01');
    await user.click(within(form).getByRole('button', { name: 'Record the check' }));
    await within(form).findByText(/^Passed: read 10.01 g/);
    await waitFor(() =>
      expect(within(card).getByRole('status', { name: 'Calibration now' }).textContent).toMatch(
        /^Passed its check on /,
      ),
    );
    expect((await db.equipment.get(scale))?.calibration.map((c) => c.passed)).toEqual([
      false,
      true,
    ]);
  });
});

/** The weights card as the job page holds it: the job read live, names from the staff list. */
function LiveWeights({ actor }: { actor: StaffMember | null }) {
  const jobId = useLocation().pathname.split('/')[2] ?? '';
  const found = useJob(jobId);
  const nameOf = useStaffNames(useStaff() ?? []);
  if (!found) return null;
  return <WeightsPanel job={found} actor={actor} nameOf={nameOf} />;
}

describe('the job page’s weights', { timeout: 20_000 }, () => {
  it('logs a weight on the chosen scale and flags it when that scale had failed its check, in words', async () => {
    const user = userEvent.setup();
    const eva = await manager();
    const { jobId } = await openTestJob(eva.id);
    const scale = await addMachine(db, SCALE, eva.id);
    await recordCalibrationCheck(db, { equipmentId: scale, readG: 10 }, eva.id);
    render(
      <MemoryRouter initialEntries={[`/jobs/${jobId}`]}>
        <Routes>
          <Route path="/jobs/:jobId" element={<LiveWeights actor={eva} />} />
        </Routes>
      </MemoryRouter>,
    );
    const card = await screen.findByRole('region', { name: 'Metal weights' });
    const form = await within(card).findByRole('form', { name: 'Log a weight' });
    const logCheck = async (grams: string) => {
      await user.click(within(form).getByRole('radio', { name: 'Check' }));
      await typeIn(user, within(form).getByLabelText('Grams'), grams);
      await user.click(within(form).getByRole('button', { name: 'Log weight' }));
      await within(card).findByText(new RegExp(`Check ${grams} g`));
    };
    expect(
      (await within(form).findByRole('radio', { name: 'Bench scale' })).getAttribute(
        'aria-checked',
      ),
    ).toBe('true');
    await logCheck('3.40');

    await recordCalibrationCheck(db, { equipmentId: scale, readG: 10.2 }, eva.id);
    expect((await within(form).findByRole('status')).textContent).toMatch(
      /^⚠ Scale failed its check on .*: a weight logged on it is flagged/,
    );
    await logCheck('3.41');

    const lines = within(card).getAllByRole('listitem');
    const before = lines.find((l) => l.textContent.includes('Check 3.40 g'));
    const after = lines.find((l) => l.textContent.includes('Check 3.41 g'));
    expect(before?.textContent).toContain('on Bench scale');
    expect(before?.textContent).not.toContain('Scale failed');
    expect(after?.textContent).toContain(
      `Scale failed its check on ${dayText(localDay(), { year: false })}`,
    );
    const weights = (await db.jobs.get(jobId))?.weights ?? [];
    expect(weights.map((w) => [w.grams, w.scaleId])).toEqual([
      [3.42, undefined],
      [3.4, 'bench'],
      [3.41, 'bench'],
    ]);
  });
});
