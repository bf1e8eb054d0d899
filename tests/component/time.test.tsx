// Time on a job and a person's day, over a real Dexie on fake-indexeddb: the job page's time panel
// (start on a service, pause, resume, stop, the totals, one running per person with "keep the other
// running", a correction, read only when voided or with nobody signed in, no new timer once
// collected) and /time (my day, the running timer at the top, another day, a manager's pick).
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { applyEvents, db, recordEvent, useJob, useStaff, voidJob } from '../../src/db';
import { startTimer } from '../../src/db/timeOperations';
import { localDay } from '../../src/domain/dates';
import { newUlid } from '../../src/domain/ids';
import type { StaffMember } from '../../src/domain/staff';
import { timersOf } from '../../src/domain/time/timers';
import { TimePanel } from '../../src/screens/jobs/job/time/TimePanel';
import { useStaffNames } from '../../src/screens/jobs/job/useStaffNames';
import { TimeScreen } from '../../src/screens/time/TimeScreen';
import { addDays } from '../../src/screens/intake/intakeForm';
import { useSession } from '../../src/stores/sessionStore';
import { formatStamp } from '../../src/domain/clock';
import { DEVICE_B, event } from '../support/events';
import { eventTypes, job, openTestJob } from './jobPageHelpers';
import { addPerson, signedIn } from './staffHelpers';

const MIN = 60_000;

/** The panel as the job page holds it: the job read live, read only when voided. */
function LivePanel({ actor }: { actor: StaffMember | null }) {
  const jobId = useLocation().pathname.split('/')[2] ?? '';
  const found = useJob(jobId);
  const staff = useStaff();
  const nameOf = useStaffNames(staff ?? []);
  if (!found) return null;
  return <TimePanel job={found} actor={found.voided ? null : actor} nameOf={nameOf} />;
}

function Address() {
  const location = useLocation();
  return <output data-testid="address">{location.pathname + location.search}</output>;
}

/** Renders the panel and waits for the job to be read. */
async function renderPanel(jobId: string, actor: StaffMember | null) {
  const rendered = render(
    <MemoryRouter initialEntries={[`/jobs/${jobId}`]}>
      <Routes>
        <Route path="/jobs/:jobId" element={<LivePanel actor={actor} />} />
      </Routes>
    </MemoryRouter>,
  );
  await screen.findByRole('region', { name: 'Time' });
  return rendered;
}

function renderDay(path = '/time') {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/time" element={<TimeScreen />} />
        <Route path="/jobs/:jobId" element={<p>The job page</p>} />
      </Routes>
      <Address />
    </MemoryRouter>,
  );
}

function panel() {
  return screen.getByRole('region', { name: 'Time' });
}

/** A wall-clock moment today on this machine: `h` hours and `m` minutes after local midnight. */
function todayAt(h: number, m = 0): number {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), h, m).getTime();
}

/** A timer that ran from `fromMs` to `toMs` and was stopped, recorded as the person timed. */
async function ranFor(
  jobId: string,
  staffId: string,
  fromMs: number,
  toMs: number,
  serviceId?: string,
): Promise<string> {
  const timerId = newUlid();
  await recordEvent(
    db,
    {
      jobId,
      type: 'timer.started',
      data: { timerId, ...(serviceId ? { serviceId } : {}), wallMs: fromMs },
    },
    staffId,
  );
  await recordEvent(db, { jobId, type: 'timer.stopped', data: { timerId, wallMs: toMs } }, staffId);
  return timerId;
}

async function phaseOf(jobId: string, timerId: string) {
  return timersOf((await job(jobId)).timerMarks).find((t) => t.timerId === timerId)?.phase;
}

function tableRows(name: string): string[] {
  return within(screen.getByRole('table', { name }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.textContent);
}

async function typeIn(user: UserEvent, field: HTMLElement, text: string): Promise<void> {
  await user.clear(field);
  await user.click(field);
  await user.paste(text);
}

describe('Job page: time panel', () => {
  it('starts a timer on a service, pauses, resumes and stops it, and adds it up', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId, serviceId } = await openTestJob(mia.id);
    await renderPanel(jobId, mia);
    expect(await within(panel()).findByText('No time recorded on this job yet.')).toBeTruthy();
    const start = within(panel()).getByRole('group', { name: 'Start a timer as Mia Berg' });
    expect(
      within(start)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Start: Whole job', 'Start: Ring sizing up']);

    await user.click(within(start).getByRole('button', { name: 'Start: Ring sizing up' }));
    const row = await within(panel()).findByRole('listitem', { name: 'Mia Berg · Ring sizing up' });
    expect(row.textContent).toContain('Running');
    expect(row.querySelector('.time-live')?.textContent).toMatch(/^0:00:\d\d$/);
    // The service being timed is not offered again; the whole job still is.
    expect(within(panel()).queryByRole('button', { name: 'Start: Ring sizing up' })).toBeNull();
    expect(within(panel()).getByRole('button', { name: 'Start: Whole job' })).toBeTruthy();

    await user.click(within(row).getByRole('button', { name: 'Pause' }));
    await within(row).findByText('Paused');
    await user.click(within(row).getByRole('button', { name: 'Resume' }));
    await within(row).findByText('Running');
    await user.click(within(row).getByRole('button', { name: 'Stop' }));
    await waitFor(() =>
      expect(within(panel()).queryByRole('list', { name: 'Timers running or paused' })).toBeNull(),
    );
    expect(await eventTypes(jobId)).toEqual([
      'job.opened',
      'timer.started',
      'timer.paused',
      'timer.resumed',
      'timer.stopped',
    ]);
    const [timer] = timersOf((await job(jobId)).timerMarks);
    expect(timer).toMatchObject({ staffId: mia.id, serviceId, phase: 'stopped' });
    expect(tableRows('Time per service')).toEqual(['Ring sizing up0 min', 'The job in all0 min']);
    expect(within(panel()).getByText('Stopped timers (1)')).toBeTruthy();
  });

  it('shows the time per service, per job and per person from the marks', async () => {
    const mia = await signedIn('Mia Berg');
    const jo = await addPerson('Jo Smith', '5678', 'assistant', mia.id);
    const { jobId, serviceId } = await openTestJob(mia.id);
    await ranFor(jobId, mia.id, todayAt(8), todayAt(9, 30), serviceId);
    await ranFor(jobId, jo.id, todayAt(10), todayAt(10, 45), serviceId);
    await ranFor(jobId, jo.id, todayAt(11), todayAt(11, 20));
    await renderPanel(jobId, mia);
    expect(await within(panel()).findByText('2 h 35 min in all')).toBeTruthy();
    expect(tableRows('Time per service')).toEqual([
      'Whole job20 min',
      'Ring sizing up2 h 15 min',
      'The job in all2 h 35 min',
    ]);
    expect(tableRows('Time per person')).toEqual(['Mia Berg1 h 30 min', 'Jo Smith1 h 05 min']);
  });

  it('pauses the person’s timer on another job when they start here, unless they keep it running', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const other = await openTestJob(mia.id);
    const here = await openTestJob(mia.id);
    const elsewhere = await startTimer(db, { jobId: other.jobId }, mia.id);
    await renderPanel(here.jobId, mia);

    const note = await within(panel()).findByText(/is running: starting or resuming another/);
    expect(note.textContent).toBe(
      `Your timer on ${other.envelopeNumber} · Whole job is running: starting or resuming another pauses it.`,
    );
    expect(within(note).getByRole('link').getAttribute('href')).toBe(`/jobs/${other.jobId}`);
    await user.click(within(panel()).getByRole('button', { name: 'Start: Ring sizing up' }));
    await within(panel()).findByRole('listitem', { name: 'Mia Berg · Ring sizing up' });
    expect(await phaseOf(other.jobId, elsewhere)).toBe('paused');

    // The notice now names the timer running here; keeping it, the whole job starts beside it.
    await within(panel()).findByText(/this job · Ring sizing up/);
    const keep = within(panel()).getByRole('switch', { name: /Keep the other running/ });
    expect(keep.getAttribute('aria-checked')).toBe('false');
    await user.click(keep);
    expect(keep.getAttribute('aria-checked')).toBe('true');
    await user.click(within(panel()).getByRole('button', { name: 'Start: Whole job' }));
    await within(panel()).findByRole('listitem', { name: 'Mia Berg · Whole job' });
    const running = timersOf((await job(here.jobId)).timerMarks).map((t) => t.phase);
    expect(running).toEqual(['running', 'running']);
  });

  it('lets a manager correct a stopped timer with a reason; another jeweler may not', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const jo = await addPerson('Jo Smith', '5678', 'jeweler', mia.id);
    const boss = await addPerson('Ada Lund', '9012', 'manager', mia.id);
    const { jobId, serviceId } = await openTestJob(mia.id);
    const timerId = await ranFor(jobId, mia.id, todayAt(8), todayAt(12), serviceId);

    const asJo = await renderPanel(jobId, jo);
    const stopped = await within(panel()).findByRole('list', { name: 'Stopped timers' });
    expect(within(stopped).queryByRole('button', { name: 'Correct…' })).toBeNull();
    asJo.unmount();

    useSession.getState().signIn(boss.id);
    await renderPanel(jobId, boss);
    const row = await within(panel()).findByRole('listitem', { name: 'Mia Berg · Ring sizing up' });
    expect(row.textContent).toContain('4 h 00 min');
    await user.click(within(row).getByRole('button', { name: 'Correct…' }));
    const sheet = screen.getByRole('dialog', { name: 'Correct Mia Berg’s time' });
    expect(within(sheet).getByLabelText<HTMLInputElement>('Hours').value).toBe('4');
    expect(within(sheet).getByLabelText<HTMLInputElement>('Minutes').value).toBe('0');
    await typeIn(user, within(sheet).getByLabelText('Minutes'), '75');
    await user.click(within(sheet).getByRole('button', { name: 'Left running over lunch' }));
    await user.click(within(sheet).getByRole('button', { name: 'Save the correction' }));
    expect(within(sheet).getByRole('alert').textContent).toBe(
      'Minutes go up to 59: add an hour instead.',
    );
    await typeIn(user, within(sheet).getByLabelText('Hours'), '3');
    await typeIn(user, within(sheet).getByLabelText('Minutes'), '15');
    await user.click(within(sheet).getByRole('button', { name: 'Save the correction' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const corrected = within(panel()).getByRole('listitem', { name: 'Mia Berg · Ring sizing up' });
    await waitFor(() =>
      expect(corrected.textContent).toContain(
        '3 h 15 min (corrected from 4 h 00 min by Ada Lund: Left running over lunch)',
      ),
    );
    expect(within(panel()).getByText('3 h 15 min in all')).toBeTruthy();
    const [timer] = timersOf((await job(jobId)).timerMarks);
    expect(timer?.corrected).toMatchObject({ workedMs: 195 * MIN, by: boss.id });
    expect(timer?.timerId).toBe(timerId);
  });

  it('is read only on a voided job, and with nobody signed in', async () => {
    const mia = await signedIn('Mia Berg');
    const { jobId } = await openTestJob(mia.id);
    await startTimer(db, { jobId }, mia.id);
    const signedOut = await renderPanel(jobId, null);
    const row = await within(panel()).findByRole('listitem', { name: 'Mia Berg · Whole job' });
    expect(within(row).queryAllByRole('button')).toEqual([]);
    expect(within(panel()).queryByRole('group', { name: /Start a timer/ })).toBeNull();
    signedOut.unmount();

    await voidJob(db, { jobId, reason: 'Opened twice' }, mia.id);
    await renderPanel(jobId, mia);
    const voided = await within(panel()).findByRole('listitem', { name: 'Mia Berg · Whole job' });
    expect(within(voided).queryAllByRole('button')).toEqual([]);
    expect(within(panel()).queryByRole('button', { name: /^Start/ })).toBeNull();
  });

  it('starts no new timer on a collected job, but a paused one can still be stopped', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId } = await openTestJob(mia.id);
    const timerId = await startTimer(db, { jobId }, mia.id);
    await recordEvent(
      db,
      { jobId, type: 'timer.paused', data: { timerId, wallMs: Date.now() } },
      mia.id,
    );
    const collected = event(
      jobId,
      'status.changed',
      { status: 'collected', signatureSha256: 'c'.repeat(64) },
      // Collected at the counter's tablet a minute later, synced here.
      formatStamp({ ms: Date.now() + MIN, counter: 0, device: DEVICE_B }),
    );
    await applyEvents(db, [collected], { local: false });
    await renderPanel(jobId, mia);
    expect(await within(panel()).findByText(/Collected: the piece went home/)).toBeTruthy();
    expect(within(panel()).queryByRole('button', { name: /^Start/ })).toBeNull();
    const row = within(panel()).getByRole('listitem', { name: 'Mia Berg · Whole job' });
    expect(within(row).queryByRole('button', { name: 'Resume' })).toBeNull();
    await user.click(within(row).getByRole('button', { name: 'Stop' }));
    await waitFor(async () => expect(await phaseOf(jobId, timerId)).toBe('stopped'));
  });
});

describe('/time: a person’s day', () => {
  it('asks who is there first', async () => {
    await addPerson('Mia Berg');
    renderDay();
    expect(await screen.findByText('Sign in to see your day.')).toBeTruthy();
  });

  it('shows my timers today per job with the total, the running one at the top, and another day', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const jo = await addPerson('Jo Smith', '5678', 'jeweler', mia.id);
    const ring = await openTestJob(mia.id);
    const chain = await openTestJob(mia.id);
    await ranFor(ring.jobId, mia.id, todayAt(8), todayAt(9, 30), ring.serviceId);
    await ranFor(chain.jobId, mia.id, todayAt(10), todayAt(10, 20));
    await ranFor(chain.jobId, jo.id, todayAt(10), todayAt(12));
    const yesterday = todayAt(-24 + 15);
    await ranFor(chain.jobId, mia.id, yesterday, yesterday + 40 * MIN);
    const running = await startTimer(db, { jobId: ring.jobId, keepOthersRunning: true }, mia.id);
    renderDay();

    const day = await screen.findByRole('region', { name: 'My day' });
    const now = await within(day).findByRole('region', { name: 'Running now' });
    const line = within(now).getByRole('listitem', { name: `${ring.envelopeNumber} · Whole job` });
    expect(line.querySelector('.time-live')?.textContent).toMatch(/^0:00:\d\d$/);
    expect(within(line).getByRole('link').getAttribute('href')).toBe(`/jobs/${ring.jobId}`);

    const jobs = await within(day).findByRole('list', { name: 'Time per job' });
    const ringCard = within(jobs).getByRole('listitem', { name: ring.envelopeNumber });
    expect(ringCard.textContent).toContain('1 h 30 min');
    expect(
      within(ringCard).getByRole('listitem', { name: 'Ring sizing up' }).textContent,
    ).toContain('08:00–09:30');
    const chainCard = within(jobs).getByRole('listitem', { name: chain.envelopeNumber });
    expect(chainCard.textContent).toContain('20 min');
    expect(chainCard.textContent).not.toContain('2 h');
    expect(within(day).getByLabelText('Total time').textContent).toMatch(/^1 h 50 min today$/);

    await user.click(within(line).getByRole('button', { name: 'Pause' }));
    await waitFor(() =>
      expect(within(day).queryByRole('region', { name: 'Running now' })).toBeNull(),
    );
    expect(await phaseOf(ring.jobId, running)).toBe('paused');

    await user.click(within(day).getByRole('button', { name: '← Previous day' }));
    const before = addDays(localDay(), -1);
    expect(screen.getByTestId('address').textContent).toBe(`/time?day=${before}`);
    const past = screen.getByRole('region', { name: 'My day' });
    await waitFor(() =>
      expect(within(past).getByLabelText('Total time').textContent).toMatch(/^40 min on /),
    );
    expect(
      within(past).getByRole('listitem', { name: chain.envelopeNumber }).textContent,
    ).toContain('40 min');
    await user.click(within(past).getByRole('button', { name: 'Today' }));
    expect(screen.getByTestId('address').textContent).toBe('/time');
  });

  it('lets a manager see anyone’s day; anyone else sees only their own', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const jo = await addPerson('Jo Smith', '5678', 'jeweler', mia.id);
    const boss = await addPerson('Ada Lund', '9012', 'manager', mia.id);
    const ring = await openTestJob(mia.id);
    await ranFor(ring.jobId, jo.id, todayAt(10), todayAt(12));

    // Mia asking for Jo's day in the address gets her own, with no one to pick.
    const asMia = renderDay(`/time?staff=${jo.id}`);
    await screen.findByRole('region', { name: 'My day' });
    expect(screen.queryByLabelText('Whose day')).toBeNull();
    expect(await screen.findByText('No time recorded today.')).toBeTruthy();
    asMia.unmount();

    useSession.getState().signIn(boss.id);
    renderDay();
    await screen.findByRole('region', { name: 'My day' });
    await user.selectOptions(screen.getByLabelText('Whose day'), 'Jo Smith');
    const jos = await screen.findByRole('region', { name: 'Jo Smith’s day' });
    expect(screen.getByTestId('address').textContent).toBe(`/time?staff=${jo.id}`);
    await waitFor(() =>
      expect(within(jos).getByLabelText('Total time').textContent).toBe('2 h 00 min today'),
    );
    expect(within(jos).getByRole('listitem', { name: ring.envelopeNumber })).toBeTruthy();
  });
});
