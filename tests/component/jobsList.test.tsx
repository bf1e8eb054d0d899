import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation, useNavigate } from 'react-router';
import { describe, expect, it } from 'vitest';
import { db, openJob, recordEvent, setStep, type OpenJobInput } from '../../src/db';
import { templateFor, type ServiceKind } from '../../src/domain/checklists';
import { localDay } from '../../src/domain/dates';
import { envelopeKey } from '../../src/domain/envelopes';
import type { JobState } from '../../src/domain/job';
import { foldJob } from '../../src/domain/projection';
import { searchTermsForJob } from '../../src/domain/search';
import type { JobStatus } from '../../src/protocol/events';
import { JobsScreen } from '../../src/screens/jobs/JobsScreen';
import { ROW_HEIGHT } from '../../src/screens/jobs/list/JobRow';
import { promisedLabel } from '../../src/screens/jobs/list/promisedLabel';
import { OVERSCAN, UNMEASURED_ROWS, visibleRange } from '../../src/screens/jobs/list/VirtualList';
import { openedData, openedEvent } from '../support/events';
import { withListFields } from '../../src/domain/jobList';

const ACTOR = 'staff-x';

/** The local day `offset` days from today, so the tests mean the same on any date. */
function dayFrom(offset: number): string {
  const date = new Date();
  date.setDate(date.getDate() + offset);
  return localDay(date);
}

function requiredSteps(kind: ServiceKind): number {
  return templateFor(kind).steps.filter((s) => s.requiredBeforeQc).length;
}

interface Made {
  jobId: string;
  envelopeNumber: string;
}

async function open(
  name: string,
  dueIn: number,
  options: { rush?: boolean; phone?: string; status?: JobStatus; cleaning?: boolean } = {},
): Promise<Made> {
  const { envelope: _e, services: _s, ...rest } = openedData();
  const services: OpenJobInput['services'] = [
    { kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } },
  ];
  if (options.cleaning === true) services.push({ kind: 'cleaning', details: {} });
  const made = await openJob(
    db,
    {
      ...rest,
      customer: { name, phone: options.phone ?? '+46 70 000 00 00' },
      promisedDate: dayFrom(dueIn),
      rush: options.rush ?? false,
      services,
    },
    ACTOR,
  );
  if (options.status !== undefined && options.status !== 'received') {
    await recordEvent(
      db,
      { jobId: made.jobId, type: 'status.changed', data: { status: options.status } },
      ACTOR,
    );
  }
  return made;
}

/** A shop with a job in every list, and one voided by mistake. */
async function seedShop() {
  const anna = await open('Anna Lindqvist', 0, { phone: '+46 70 123 45 67', cleaning: true });
  const bo = await open('Bo Rush', 0, { rush: true, phone: '+46 70 555 00 11' });
  const carl = await open('Carl Late', -3, { status: 'in_progress' });
  const dora = await open('Dora Check', 1, { status: 'qc' });
  const eve = await open('Eve Ready', -1, { status: 'ready' });
  const finn = await open('Finn Hold', 5, { status: 'on_hold' });
  const gus = await open('Gus Voided', 0, { phone: '+46 70 999 88 77' });
  await recordEvent(
    db,
    { jobId: gus.jobId, type: 'job.voided', data: { reason: 'Opened twice by mistake' } },
    ACTOR,
  );
  await recordEvent(
    db,
    {
      jobId: anna.jobId,
      type: 'custody.moved',
      data: { to: { kind: 'staff', id: 'staff-mia', label: 'Mia Berg' } },
    },
    ACTOR,
  );
  const cleaning = (await db.jobs.get(anna.jobId))?.services.find((s) => s.kind === 'cleaning');
  await setStep(
    db,
    {
      jobId: anna.jobId,
      serviceId: cleaning?.id ?? '',
      stepId: 'check_stones',
      done: true,
      values: { stones_checked: true },
    },
    ACTOR,
  );
  return { anna, bo, carl, dora, eve, finn, gus };
}

function JobPage() {
  const navigate = useNavigate();
  return (
    <>
      <p>job page</p>
      <button
        type="button"
        onClick={() => {
          void navigate(-1);
        }}
      >
        Back
      </button>
    </>
  );
}

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname + location.search}</p>;
}

function renderList(path = '/jobs') {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/jobs" element={<JobsScreen />} />
        <Route path="/jobs/:jobId" element={<JobPage />} />
      </Routes>
      <Where />
    </MemoryRouter>,
  );
}

const where = () => screen.getByTestId('where').textContent;

function rows(): HTMLElement[] {
  return within(screen.getByRole('list')).getAllByRole('listitem');
}

/** The jobs seedShop leaves open (ready ones too), as All open lists them: rush, then by date. */
const ALL_OPEN = ['Bo Rush', 'Carl Late', 'Eve Ready', 'Anna Lindqvist', 'Dora Check', 'Finn Hold'];

/** The customers of the listed rows, top to bottom. */
function customers(): string[] {
  return rows().map((row) => row.querySelector('.job-customer')?.textContent ?? '');
}

async function listed(expected: string[]) {
  await waitFor(() => {
    expect(customers()).toEqual(expected);
  });
}

function rowOf(name: string): HTMLElement {
  const row = rows().find((r) => r.querySelector('.job-customer')?.textContent === name);
  if (row === undefined) throw new Error(`No row for ${name}`);
  return row;
}

function tab(name: string): HTMLElement {
  return screen.getByRole('tab', { name: new RegExp(`^${name}`) });
}

async function countOn(id: string, count: number, timeout = 1_000) {
  await waitFor(
    () => {
      expect(screen.getByTestId(`count-${id}`).textContent).toBe(String(count));
    },
    { timeout },
  );
}

describe('promisedLabel', () => {
  it.each([
    ['2026-11-23', '2026-11-23', true, 'Today', 'today'],
    ['2026-11-24', '2026-11-23', true, 'Tomorrow', 'tomorrow'],
    ['2026-11-22', '2026-11-23', true, 'Late 1 day', 'late'],
    ['2026-11-20', '2026-11-23', true, 'Late 3 days', 'late'],
    ['2026-11-30', '2026-11-23', true, 'Mon 30 Nov', 'later'],
    ['2026-11-25', '2026-11-23', true, 'Wed 25 Nov', 'later'],
    ['2027-01-05', '2026-12-30', true, 'Tue 5 Jan 2027', 'later'],
    ['2027-01-01', '2026-12-31', true, 'Tomorrow', 'tomorrow'],
    ['2026-12-31', '2027-01-01', true, 'Late 1 day', 'late'],
    ['2026-03-30', '2026-03-28', true, 'Mon 30 Mar', 'later'],
    ['2026-10-24', '2026-10-26', true, 'Late 2 days', 'late'],
    ['2026-11-20', '2026-11-23', false, 'Fri 20 Nov', 'past'],
    ['2026-11-23', '2026-11-23', false, 'Today', 'today'],
    ['2025-11-20', '2026-11-23', false, 'Thu 20 Nov 2025', 'past'],
    ['not a day', '2026-11-23', true, 'not a day', 'later'],
  ])('%s seen on %s (open %s) reads "%s"', (promised, today, open, text, tone) => {
    expect(promisedLabel(promised, today, open)).toEqual({ text, tone });
  });
});

describe('visibleRange', () => {
  it.each([
    // count, scrollTop, viewport → first, end
    [0, 0, 0, 0, 0],
    [10, 0, 0, 0, 10],
    [10_000, 0, 0, 0, UNMEASURED_ROWS],
    [10_000, 0, 480, 0, 5 + OVERSCAN],
    [10_000, 100 * ROW_HEIGHT, 480, 100 - OVERSCAN, 105 + OVERSCAN],
    [10_000, 100 * ROW_HEIGHT + 10, 480, 100 - OVERSCAN, 106 + OVERSCAN],
    [10_000, 9_995 * ROW_HEIGHT, 480, 9_995 - OVERSCAN, 10_000],
    [20, 500 * ROW_HEIGHT, 480, 19, 20],
  ])('%i rows at %i px in a %i px box draw [%i, %i)', (count, top, viewport, first, end) => {
    expect(visibleRange(count, ROW_HEIGHT, top, viewport)).toEqual({ first, end });
  });
});

describe('Jobs list', () => {
  it('shows each tab’s jobs and count, rush first, then by promised date', async () => {
    const user = userEvent.setup();
    const { anna } = await seedShop();
    renderList();

    // The list opens on All open: every job in the shop, a ready one too, the most urgent first.
    expect(tab('All open').getAttribute('aria-selected')).toBe('true');
    await listed(ALL_OPEN);
    expect(within(rowOf('Finn Hold')).getByText('On hold')).toBeTruthy();
    expect(screen.queryByText('Gus Voided')).toBeNull();
    await countOn('open', 6);
    await countOn('today', 2);
    await countOn('late', 1);
    await countOn('in_progress', 1);
    await countOn('qc', 1);
    await countOn('ready', 1);

    const annaRow = rowOf('Anna Lindqvist');
    const annaLink = within(annaRow).getByRole('link');
    expect(annaLink.getAttribute('href')).toBe(`/jobs/${anna.jobId}`);
    expect(within(annaRow).getByText(anna.envelopeNumber)).toBeTruthy();
    expect(within(annaRow).getByText('Today')).toBeTruthy();
    expect(within(annaRow).getByText('Received')).toBeTruthy();
    expect(within(annaRow).getByText('Mia Berg')).toBeTruthy();
    expect(within(annaRow).getByText('Ring sizing up, Cleaning')).toBeTruthy();
    expect(annaRow.textContent).toContain('Ring: Yellow metal ring with one white stone');
    const total = requiredSteps('ring_sizing_up') + requiredSteps('cleaning');
    expect(within(annaRow).getByText(`1/${total} steps`)).toBeTruthy();
    expect(within(annaRow).queryByText('RUSH')).toBeNull();

    const boRow = rowOf('Bo Rush');
    expect(within(boRow).getByText('RUSH')).toBeTruthy();
    expect(within(boRow).getByText('—')).toBeTruthy();
    expect(within(boRow).getByText(`0/${requiredSteps('ring_sizing_up')} steps`)).toBeTruthy();

    await user.click(tab('Due today'));
    await listed(['Bo Rush', 'Anna Lindqvist']);

    await user.click(tab('Late'));
    expect(tab('Late').getAttribute('aria-selected')).toBe('true');
    expect(tab('All open').getAttribute('aria-selected')).toBe('false');
    await listed(['Carl Late']);
    expect(within(rowOf('Carl Late')).getByText('Late 3 days')).toBeTruthy();
    expect(within(rowOf('Carl Late')).getByText('In progress')).toBeTruthy();

    await user.click(tab('In progress'));
    await listed(['Carl Late']);

    await user.click(tab('QC'));
    await listed(['Dora Check']);
    expect(within(rowOf('Dora Check')).getByText('Tomorrow')).toBeTruthy();
    expect(within(rowOf('Dora Check')).getByText('Waiting for QC')).toBeTruthy();

    await user.click(tab('Ready'));
    await listed(['Eve Ready']);
    // A piece waiting for pick-up is not late: it shows its date.
    const eveDue = promisedLabel(dayFrom(-1), localDay(), false).text;
    expect(eveDue).not.toMatch(/Late/);
    expect(within(rowOf('Eve Ready')).getByText(eveDue)).toBeTruthy();
  });

  it('marks the Late tab as a warning only when something is late', async () => {
    await open('Carl Late', -2);
    renderList();
    await countOn('late', 1);
    expect(tab('Late').className).toContain('warn');
    expect(tab('Due today').className).not.toContain('warn');
  });

  it('updates live when a job changes on this or another tablet', async () => {
    const bo = await open('Bo Rush', 0, { rush: true });
    await open('Anna Lindqvist', 0);
    renderList('/jobs?tab=today');
    await listed(['Bo Rush', 'Anna Lindqvist']);
    await recordEvent(
      db,
      { jobId: bo.jobId, type: 'status.changed', data: { status: 'ready' } },
      ACTOR,
    );
    await listed(['Anna Lindqvist']);
    await countOn('today', 1);
    await countOn('ready', 1);
  });

  it('searches by name, phone digits and envelope number, with voided jobs marked', async () => {
    const user = userEvent.setup();
    const { dora, gus } = await seedShop();
    renderList();
    await listed(ALL_OPEN);
    const box = screen.getByLabelText<HTMLInputElement>('Search envelope, name or phone');
    expect(box.getAttribute('type')).toBe('search');

    await user.type(box, 'lindq');
    await listed(['Anna Lindqvist']);
    expect(screen.queryByRole('tablist')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('1 job found');

    await user.clear(box);
    await user.type(box, '8877');
    await listed(['Gus Voided']);
    const gusRow = rowOf('Gus Voided');
    expect(within(gusRow).getByText('Voided')).toBeTruthy();
    expect(within(gusRow).getByRole('link').getAttribute('href')).toBe(`/jobs/${gus.jobId}`);

    await user.clear(box);
    await user.type(box, '070 555 00 11');
    await waitFor(() => {
      expect(screen.queryByText('No job matches “070 555 00 11”.')).toBeTruthy();
    });
    await user.clear(box);
    await user.type(box, '+46 70 555 00 11');
    await listed(['Bo Rush']);

    await user.clear(box);
    await user.type(box, dora.envelopeNumber.toLowerCase());
    await listed(['Dora Check']);
    expect(within(rowOf('Dora Check')).getByText(dora.envelopeNumber)).toBeTruthy();

    await user.clear(box);
    await user.type(box, 'zzz');
    expect(await screen.findByRole('heading', { name: 'No job matches “zzz”.' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Clear search' }));
    expect(box.value).toBe('');
    expect(screen.getByRole('tablist')).toBeTruthy();
    await listed(ALL_OPEN);
    await waitFor(() => {
      expect(where()).toBe('/jobs');
    });
  });

  it('on a fresh tablet offers to open the first envelope', async () => {
    renderList();
    expect(
      await screen.findByRole('heading', { level: 2, name: 'No jobs on this tablet yet' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open a new envelope' }).getAttribute('href')).toBe(
      '/intake',
    );
    expect(screen.getByRole('link', { name: '+ New envelope' }).getAttribute('href')).toBe(
      '/intake',
    );
    await countOn('late', 0);
    expect(tab('Late').className).not.toContain('warn');
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('says what each empty tab would hold', async () => {
    const user = userEvent.setup();
    await open('Dora Check', 1);
    renderList();
    // Just taken in, promised tomorrow: on the tab the list opens on.
    await listed(['Dora Check']);
    await user.click(tab('Due today'));
    expect(await screen.findByRole('heading', { name: 'Nothing is due today.' })).toBeTruthy();
    // Jobs exist: no first-envelope prompt, the New envelope button is enough.
    expect(screen.queryByRole('link', { name: 'Open a new envelope' })).toBeNull();
    await user.click(tab('Late'));
    expect(await screen.findByRole('heading', { name: 'Nothing is late.' })).toBeTruthy();
    await user.click(tab('In progress'));
    expect(await screen.findByRole('heading', { name: 'Nothing is in progress.' })).toBeTruthy();
    await user.click(tab('QC'));
    expect(await screen.findByRole('heading', { name: 'Nothing is waiting for QC.' })).toBeTruthy();
    await user.click(tab('Ready'));
    expect(
      await screen.findByRole('heading', { name: 'Nothing is ready for pick-up.' }),
    ).toBeTruthy();
  });

  it('after the last pick-up says the tab is empty and offers a new envelope', async () => {
    await open('Eve Collected', -1, { status: 'collected' });
    renderList();
    expect(await screen.findByRole('heading', { name: 'No open jobs.' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open a new envelope' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'No jobs on this tablet yet' })).toBeNull();
  });

  it('opens the job when its row is tapped', async () => {
    const user = userEvent.setup();
    const { anna } = await seedShop();
    renderList();
    await listed(ALL_OPEN);
    await user.click(within(rowOf('Anna Lindqvist')).getByRole('link'));
    expect(await screen.findByText('job page')).toBeTruthy();
    expect(where()).toBe(`/jobs/${anna.jobId}`);
  });

  it('keeps the chosen tab and the search in the address, so Back returns to them', async () => {
    const user = userEvent.setup();
    await seedShop();
    renderList();
    await listed(ALL_OPEN);

    await user.click(tab('Late'));
    await waitFor(() => {
      expect(where()).toBe('/jobs?tab=late');
    });
    await listed(['Carl Late']);
    await user.click(within(rowOf('Carl Late')).getByRole('link'));
    await user.click(await screen.findByRole('button', { name: 'Back' }));
    await listed(['Carl Late']);
    expect(tab('Late').getAttribute('aria-selected')).toBe('true');

    await user.type(screen.getByLabelText('Search envelope, name or phone'), 'dora');
    await listed(['Dora Check']);
    await waitFor(() => {
      expect(where()).toBe('/jobs?tab=late&q=dora');
    });
    await user.click(within(rowOf('Dora Check')).getByRole('link'));
    await user.click(await screen.findByRole('button', { name: 'Back' }));
    await listed(['Dora Check']);
    expect(screen.getByLabelText<HTMLInputElement>('Search envelope, name or phone').value).toBe(
      'dora',
    );
  });

  it('opens on the tab the address names, and on All open for one it does not know', async () => {
    await seedShop();
    const first = renderList('/jobs?tab=qc');
    await listed(['Dora Check']);
    expect(tab('QC').getAttribute('aria-selected')).toBe('true');
    first.unmount();
    renderList('/jobs?tab=nonsense');
    await listed(ALL_OPEN);
    expect(tab('All open').getAttribute('aria-selected')).toBe('true');
  });

  it('moves between tabs with the arrow keys', async () => {
    const user = userEvent.setup();
    await seedShop();
    renderList();
    await listed(ALL_OPEN);
    tab('All open').focus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(tab('Late').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tab('Late'));
    await listed(['Carl Late']);
    // From the first tab, Left goes round to the last.
    await user.keyboard('{ArrowLeft}{ArrowLeft}{ArrowLeft}');
    expect(tab('Ready').getAttribute('aria-selected')).toBe('true');
    await listed(['Eve Ready']);
    await user.keyboard('{ArrowRight}');
    expect(tab('All open').getAttribute('aria-selected')).toBe('true');
    await listed(ALL_OPEN);
  });

  it('draws only a window of rows out of 10,000 jobs', { timeout: 120_000 }, async () => {
    const { opened } = openedEvent({ promisedDate: localDay(), rush: false });
    const base = foldJob([opened]);
    if (base === null) throw new Error('The job did not fold');
    // Spread over the open statuses: fake-indexeddb walks a cursor over rows sharing one index key in
    // quadratic time, and the tab counts walk each status (a real browser does this in linear time).
    const statuses: JobStatus[] = ['received', 'in_progress', 'qc', 'on_hold'];
    const many: JobState[] = Array.from({ length: 10_000 }, (_, i) => {
      const number = `K7-${String(i + 1).padStart(5, '0')}`;
      const envelopeKeys = [envelopeKey(number)];
      const customer = { name: `Customer ${i + 1}` };
      return {
        ...base,
        id: `job-${String(i + 1).padStart(5, '0')}`,
        envelopeNumber: number,
        envelopeKeys,
        customer,
        status: statuses[i % statuses.length] ?? 'received',
        searchTerms: searchTermsForJob({ customer, envelopeKeys }),
      };
    });
    await db.jobs.bulkPut(many.map(withListFields));

    renderList('/jobs?tab=open');
    const list = await screen.findByRole('list', {}, { timeout: 60_000 });
    await countOn('open', 10_000, 60_000);
    const drawn = within(list).getAllByRole('listitem');
    expect(drawn).toHaveLength(UNMEASURED_ROWS);
    expect(drawn[0]?.getAttribute('aria-setsize')).toBe('10000');
    expect(drawn[0]?.getAttribute('aria-posinset')).toBe('1');
    expect(within(list).getByText('K7-00001')).toBeTruthy();
    const spacer = list.firstElementChild as HTMLElement;
    expect(spacer.style.height).toBe(`${10_000 * ROW_HEIGHT}px`);

    // Scrolled halfway: the rows there are drawn, the first ones are gone.
    Object.defineProperty(list, 'scrollTop', { configurable: true, value: 5_000 * ROW_HEIGHT });
    fireEvent.scroll(list);
    await waitFor(() => {
      expect(within(list).getByText('K7-05001')).toBeTruthy();
    });
    expect(within(list).queryByText('K7-00001')).toBeNull();
    const scrolled = within(list).getAllByRole('listitem');
    expect(scrolled[0]?.getAttribute('aria-posinset')).toBe(String(5_000 - OVERSCAN + 1));
    expect((scrolled[OVERSCAN] as HTMLElement).style.transform).toBe(
      `translateY(${5_000 * ROW_HEIGHT}px)`,
    );

    // Once laid out, only what fits the box (plus the overscan) is drawn.
    Object.defineProperty(list, 'clientHeight', { configurable: true, value: 480 });
    fireEvent(window, new Event('resize'));
    await waitFor(() => {
      expect(within(list).getAllByRole('listitem')).toHaveLength(
        Math.ceil(480 / ROW_HEIGHT) + 2 * OVERSCAN,
      );
    });
    expect(document.querySelectorAll('[role="listitem"]').length).toBeLessThan(100);
  });
});
