// The jobs list at a busy shop's size: each tab reads only the window of rows around the screen from
// its index, in urgency order, the search a page at a time, and the job page reads only its job.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { db, openJob, recordEvent } from '../../src/db';
import type { JobRow } from '../../src/db/LoupeDB';
import { jobListLength, jobListPage, type JobList } from '../../src/db/jobQueries';
import { SEARCH_PAGE } from '../../src/db/jobSearch';
import { localDay } from '../../src/domain/dates';
import { envelopeKey } from '../../src/domain/envelopes';
import type { JobState } from '../../src/domain/job';
import { byUrgency, withListFields } from '../../src/domain/jobList';
import { foldJob } from '../../src/domain/projection';
import { searchTermsForJob } from '../../src/domain/search';
import { OPEN_STATUSES, type JobStatus } from '../../src/protocol/statuses';
import { classifyScan } from '../../src/scan/payload';
import { resolveScan } from '../../src/scan/resolveScan';
import { JobScreen } from '../../src/screens/jobs/JobScreen';
import { JobsScreen } from '../../src/screens/jobs/JobsScreen';
import { ROW_HEIGHT } from '../../src/screens/jobs/list/JobRow';
import { FIRST_WINDOW } from '../../src/screens/jobs/list/listWindow';
import { OVERSCAN, UNMEASURED_ROWS } from '../../src/screens/jobs/list/VirtualList';
import { JobLinkScreen } from '../../src/screens/scan/JobLinkScreen';
import { openedEvent } from '../support/events';
import { intake } from './jobPageHelpers';
import { countReads, readsOf, requestsTo, resetReads, rowsReadInAll } from './readCounter';

countReads();

const ACTOR = 'staff-x';
/** Thousands of rows are written first: fake-indexeddb takes seconds where a browser takes less. */
const SLOW = { timeout: 60_000 };
const TODAY = localDay();

function dayFrom(offset: number): string {
  const date = new Date();
  date.setDate(date.getDate() + offset);
  return localDay(date);
}

interface Shape {
  status: JobStatus;
  rush: boolean;
  dueIn: number;
  name: string;
}

/** Job rows as the registry stores them, made straight from one fold: thousands in a moment. */
function jobRows(count: number, shape: (i: number) => Shape, from = 1): JobRow[] {
  const { opened } = openedEvent();
  const base = foldJob([opened]);
  if (base === null) throw new Error('The job did not fold');
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const { status, rush, dueIn, name } = shape(i);
    const number = `K7-${String(i).padStart(5, '0')}`;
    const envelopeKeys = [envelopeKey(number)];
    const customer = { name };
    return withListFields({
      ...base,
      id: `job-${String(i).padStart(6, '0')}`,
      envelopeNumber: number,
      envelopeKeys,
      customer,
      status,
      rush,
      promisedDate: dayFrom(dueIn),
      searchTerms: searchTermsForJob({ customer, envelopeKeys }),
    });
  });
}

const STATUS_CYCLE: JobStatus[] = [
  'received',
  'in_progress',
  'qc',
  'on_hold',
  'ready',
  'collected',
];

/** A busy shop's mix: every status, a rush job in seven, promised from 20 days ago to 40 ahead. */
const mixed = (i: number): Shape => ({
  status: STATUS_CYCLE[i % STATUS_CYCLE.length] ?? 'received',
  rush: i % 7 === 0,
  dueIn: ((i * 37) % 61) - 20,
  name: `Customer ${i}`,
});

const OPEN = new Set<JobStatus>(OPEN_STATUSES);

/** What each tab should list, worked out in memory from the rows, most urgent first. */
const TAB_HOLDS: Record<string, (j: JobState) => boolean> = {
  open: (j) => j.status !== 'collected',
  today: (j) => OPEN.has(j.status) && j.promisedDate === TODAY,
  late: (j) => OPEN.has(j.status) && j.promisedDate < TODAY,
  in_progress: (j) => j.status === 'in_progress',
  qc: (j) => j.status === 'qc',
  ready: (j) => j.status === 'ready',
};

function expectedTab(jobs: readonly JobState[], tab: string): string[] {
  const holds = TAB_HOLDS[tab];
  if (holds === undefined) throw new Error(`No tab ${tab}`);
  return jobs
    .filter(holds)
    .sort(byUrgency)
    .map((j) => j.customer.name);
}

function renderList(path = '/jobs') {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/jobs" element={<JobsScreen />} />
        <Route path="/jobs/:jobId" element={<JobScreen />} />
        <Route path="/j/:jobId" element={<JobLinkScreen />} />
      </Routes>
    </MemoryRouter>,
  );
}

function theList(): HTMLElement {
  return screen.getByRole('list');
}

/** The customers on the drawn rows, top to bottom ('' for a row still being read). */
function customers(): string[] {
  return within(theList())
    .getAllByRole('listitem')
    .map((row) => row.querySelector('.job-customer')?.textContent ?? '');
}

/** Waits until every drawn row shows its job and they are `expected`. */
async function drawn(expected: string[]) {
  await waitFor(() => {
    expect(theList().getAttribute('data-rows')).toBe('drawn');
    expect(customers()).toEqual(expected);
  });
}

function scrollTo(row: number) {
  const list = theList();
  Object.defineProperty(list, 'scrollTop', { configurable: true, value: row * ROW_HEIGHT });
  fireEvent.scroll(list);
}

function tab(name: string): HTMLElement {
  return screen.getByRole('tab', { name: new RegExp(`^${name}`) });
}

describe('The jobs list at 10,000 jobs', () => {
  it(
    'each tab reads only the rows around the screen, in urgency order across statuses',
    { timeout: 120_000 },
    async () => {
      const user = userEvent.setup();
      const jobs = jobRows(10_000, mixed);
      await db.jobs.bulkPut(jobs);
      const allOpen = expectedTab(jobs, 'open');
      expect(allOpen.length).toBeGreaterThan(8_000);

      resetReads();
      renderList('/jobs');
      // The rows an unmeasured list draws (jsdom lays nothing out), across every open status.
      await drawn(allOpen.slice(0, UNMEASURED_ROWS));
      await waitFor(() => {
        expect(screen.getByTestId('count-open').textContent).toBe(String(allOpen.length));
      });
      expect(theList().getAttribute('aria-label')).toBe(`All open: ${allOpen.length} jobs`);
      const first = readsOf('jobs');
      // One window: the rows drawn and a margin under them, never the 8,333 jobs in the shop.
      expect(first.rows).toBeLessThanOrEqual(FIRST_WINDOW.limit);
      expect(first.largest).toBeLessThanOrEqual(FIRST_WINDOW.limit);
      expect(first.keys).toBe(0);
      // The rows come first: the counts walk every key of the shop, and wait until they are read.
      const requests = requestsTo('jobs');
      expect(requests[0]).toBe('rows asked');
      expect(requests.indexOf('count asked')).toBeGreaterThan(requests.indexOf('rows read'));

      // Halfway down: the next window is read, and it is the same order as the whole list sorted.
      resetReads();
      scrollTo(4_000);
      await drawn(allOpen.slice(4_000 - OVERSCAN, 4_000 + UNMEASURED_ROWS));
      const rows = within(theList()).getAllByRole('listitem');
      expect(rows[0]?.getAttribute('aria-posinset')).toBe(String(4_000 - OVERSCAN + 1));
      expect(rows[0]?.getAttribute('aria-setsize')).toBe(String(allOpen.length));
      const scrolled = readsOf('jobs');
      expect(scrolled.rows).toBeLessThanOrEqual(128);
      // Keys down to the window's end are walked to find it; no row above it is read.
      expect(scrolled.keys).toBeLessThanOrEqual(4_000 + 128);

      // Scrolling a few rows inside the window reads nothing.
      resetReads();
      scrollTo(4_004);
      await drawn(allOpen.slice(4_004 - OVERSCAN, 4_004 + UNMEASURED_ROWS));
      expect(readsOf('jobs').rows).toBe(0);

      for (const [name, id] of [
        ['Due today', 'today'],
        ['Late', 'late'],
        ['In progress', 'in_progress'],
        ['QC', 'qc'],
        ['Ready', 'ready'],
      ] as const) {
        const expected = expectedTab(jobs, id);
        expect(expected.length).toBeGreaterThan(UNMEASURED_ROWS);
        resetReads();
        await user.click(tab(name));
        await drawn(expected.slice(0, UNMEASURED_ROWS));
        expect(within(theList()).getAllByRole('listitem')[0]?.getAttribute('aria-setsize')).toBe(
          String(expected.length),
        );
        expect(readsOf('jobs').rows).toBeLessThanOrEqual(FIRST_WINDOW.limit);
      }
    },
  );

  it(
    'nothing in the shop is decided from one index key, not by reading the collected jobs',
    SLOW,
    async () => {
      await db.jobs.bulkPut(
        jobRows(3_000, (i) => ({ status: 'collected', rush: false, dueIn: -i, name: `Gone ${i}` })),
      );
      resetReads();
      renderList('/jobs');
      expect(await screen.findByRole('heading', { name: 'No open jobs.' })).toBeTruthy();
      expect(screen.getByRole('link', { name: 'Open a new envelope' })).toBeTruthy();
      expect(screen.queryByRole('heading', { name: 'No jobs on this tablet yet' })).toBeNull();
      // Counts walk index keys, and one key says a job was collected: no row is read at all.
      expect(readsOf('jobs').rows).toBe(0);
      expect(readsOf('jobs').keys).toBeLessThanOrEqual(1);
    },
  );
});

describe('Late and due today: rush jobs, then the rest, paged across the two', () => {
  const shape = (i: number): Shape => {
    // 45 rush jobs late, 300 others late; 40 rush due today, 200 others; the rest are ahead.
    if (i <= 45) return { status: 'in_progress', rush: true, dueIn: -1 - (i % 9), name: `R${i}` };
    if (i <= 345) return { status: 'received', rush: false, dueIn: -1 - (i % 13), name: `L${i}` };
    if (i <= 385) return { status: 'qc', rush: true, dueIn: 0, name: `T${i}` };
    if (i <= 585) return { status: 'on_hold', rush: false, dueIn: 0, name: `D${i}` };
    return { status: 'received', rush: i % 2 === 0, dueIn: 1 + (i % 5), name: `A${i}` };
  };

  it('reads a window that straddles the rush boundary from both ranges', SLOW, async () => {
    const jobs = jobRows(700, shape);
    await db.jobs.bulkPut(jobs);
    const late = expectedTab(jobs, 'late');
    const today = expectedTab(jobs, 'today');
    expect(late).toHaveLength(345);
    expect(today).toHaveLength(240);

    const names = async (list: JobList, offset: number, limit: number) => {
      resetReads();
      const page = await jobListPage(db, list, offset, limit);
      return { names: page.jobs.map((j) => j.customer.name), end: page.end };
    };

    // Rows 30–70: the last 15 rush jobs, then the first 25 others.
    const across = await names({ kind: 'late', today: TODAY }, 30, 40);
    expect(across).toEqual({ names: late.slice(30, 70), end: false });
    expect(across.names[14]?.startsWith('R')).toBe(true);
    expect(across.names[15]?.startsWith('L')).toBe(true);
    expect(readsOf('jobs').rows).toBe(40);

    // Past the rush jobs: their range is stepped over by its count, none of them is read.
    const after = await names({ kind: 'late', today: TODAY }, 100, 20);
    expect(after).toEqual({ names: late.slice(100, 120), end: false });
    expect(readsOf('jobs').rows).toBe(20);
    expect(readsOf('jobs').keys).toBeLessThanOrEqual(100 - 45 + 20);

    const due = await names({ kind: 'dueOn', day: TODAY }, 35, 10);
    expect(due).toEqual({ names: today.slice(35, 45), end: false });
    expect(readsOf('jobs').rows).toBe(10);

    // The end of the list: what is left, and nothing past it.
    const end = await names({ kind: 'dueOn', day: TODAY }, 230, 50);
    expect(end).toEqual({ names: today.slice(230), end: true });
    // The top of a list is read without counting anything: its first rows wait for no count.
    const top = await names({ kind: 'late', today: TODAY }, 0, 64);
    expect(top).toEqual({ names: late.slice(0, 64), end: false });
    expect(readsOf('jobs').rows).toBe(64);

    expect(await jobListLength(db, { kind: 'late', today: TODAY })).toBe(345);
    expect(await jobListLength(db, { kind: 'dueOn', day: TODAY })).toBe(240);
  });

  it('scrolls the Late tab across the boundary in urgency order', SLOW, async () => {
    const jobs = jobRows(700, shape);
    await db.jobs.bulkPut(jobs);
    const late = expectedTab(jobs, 'late');
    renderList('/jobs?tab=late');
    await drawn(late.slice(0, UNMEASURED_ROWS));
    scrollTo(40);
    await drawn(late.slice(40 - OVERSCAN, 40 + UNMEASURED_ROWS));
    expect(customers().filter((c) => c.startsWith('R'))).toHaveLength(45 - (40 - OVERSCAN));
  });
});

describe('A job changing status', () => {
  it('moves between tabs live, at its place in urgency order', SLOW, async () => {
    const user = userEvent.setup();
    await db.jobs.bulkPut(jobRows(2_000, mixed));
    // Rush and promised long ago: the most urgent job of any tab it is on.
    const { jobId } = await openJob(
      db,
      intake({ customer: { name: 'Zed Moving' }, rush: true, promisedDate: dayFrom(-300) }),
      ACTOR,
    );
    renderList('/jobs?tab=qc');
    await waitFor(() => {
      expect(theList().getAttribute('data-rows')).toBe('drawn');
    });
    // The counts come after the rows: wait for them.
    await waitFor(() => {
      expect(screen.getByTestId('count-qc').textContent).toMatch(/^\d+$/);
    });
    const qcBefore = Number(screen.getByTestId('count-qc').textContent);
    expect(customers()).not.toContain('Zed Moving');

    await recordEvent(db, { jobId, type: 'status.changed', data: { status: 'qc' } }, ACTOR);
    await waitFor(() => {
      expect(customers()[0]).toBe('Zed Moving');
    });
    await waitFor(() => {
      expect(screen.getByTestId('count-qc').textContent).toBe(String(qcBefore + 1));
    });

    await recordEvent(db, { jobId, type: 'status.changed', data: { status: 'ready' } }, ACTOR);
    await waitFor(() => {
      expect(customers()).not.toContain('Zed Moving');
    });
    await waitFor(() => {
      expect(screen.getByTestId('count-qc').textContent).toBe(String(qcBefore));
    });
    await user.click(tab('Ready'));
    await waitFor(() => {
      expect(customers()[0]).toBe('Zed Moving');
    });
  });
});

describe('Search at a busy shop’s size', () => {
  it('waits for a second character, and says so under the box', SLOW, async () => {
    const user = userEvent.setup();
    await db.jobs.bulkPut(jobRows(500, mixed));
    renderList('/jobs');
    await waitFor(() => {
      expect(theList().getAttribute('data-rows')).toBe('drawn');
    });
    const box = screen.getByLabelText<HTMLInputElement>('Search envelope, name or phone');

    resetReads();
    await user.type(box, 'c');
    const hint = screen.getByText('Type at least 2 characters to search.');
    expect(hint.getAttribute('aria-live')).toBe('polite');
    expect(box.getAttribute('aria-describedby')).toBe(hint.id);
    // Nothing was searched: the tabs are still there and no job was read for one letter.
    expect(screen.getByRole('tablist')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
    expect(readsOf('jobs').rows).toBe(0);

    await user.type(box, 'u');
    expect(await screen.findByRole('status')).toBeTruthy();
    expect(screen.queryByText('Type at least 2 characters to search.')).toBeNull();
    expect(box.getAttribute('aria-describedby')).toBeNull();
    expect(screen.queryByRole('tablist')).toBeNull();
  });

  it('shows the first page of matches and reads the next only when asked', SLOW, async () => {
    const user = userEvent.setup();
    // 130 Annas among 10,000 jobs: the search reads a page of them, not every candidate.
    const annas = jobRows(130, (i) => ({ ...mixed(i), name: `Anna ${i}` }));
    await db.jobs.bulkPut([...jobRows(9_870, mixed, 131), ...annas]);
    renderList('/jobs');
    await waitFor(() => {
      expect(theList().getAttribute('data-rows')).toBe('drawn');
    });

    resetReads();
    await user.type(screen.getByLabelText('Search envelope, name or phone'), 'anna');
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe(
        `Showing the first ${SEARCH_PAGE} jobs found: type more to narrow it down.`,
      );
    });
    // Each query typed ("an", "ann", "anna") read one page (and one more to know there are more).
    expect(readsOf('jobs').largest).toBeLessThanOrEqual(SEARCH_PAGE + 1);
    // The page is the index's first 50 Annas, most urgent first.
    const firstPage = annas.slice(0, SEARCH_PAGE).sort(byUrgency);
    await drawn(firstPage.slice(0, UNMEASURED_ROWS).map((j) => j.customer.name));

    resetReads();
    await user.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe(
        `Showing the first ${2 * SEARCH_PAGE} jobs found: type more to narrow it down.`,
      );
    });
    expect(readsOf('jobs').largest).toBeLessThanOrEqual(2 * SEARCH_PAGE + 1);
    // The first page stays where it was: the next one is added under it.
    await drawn(firstPage.slice(0, UNMEASURED_ROWS).map((j) => j.customer.name));

    await user.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('130 jobs found');
    });
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    expect(theList().getAttribute('aria-label')).toBe('Search results: 130 jobs found');
  });

  it('narrows by the rarest word typed', SLOW, async () => {
    const user = userEvent.setup();
    const lindqvists = jobRows(3, (i) => ({ ...mixed(i), name: `Anna Lindqvist ${i}` }));
    await db.jobs.bulkPut([
      ...lindqvists,
      ...jobRows(600, (i) => ({ ...mixed(i), name: `Anna Berg ${i}` }), 4),
      ...jobRows(1, () => ({ ...mixed(1), name: 'Bo Lindqvist' }), 700),
    ]);
    renderList('/jobs');
    await waitFor(() => {
      expect(theList().getAttribute('data-rows')).toBe('drawn');
    });
    resetReads();
    // Pasted at once: one query, "anna lindqvist".
    await user.click(screen.getByLabelText('Search envelope, name or phone'));
    await user.paste('anna lindqvist');
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('3 jobs found');
    });
    // Read by "lindqvist" (4 jobs), not by "anna" (603): every Anna Lindqvist, and only a few rows.
    expect(readsOf('jobs').rows).toBeLessThanOrEqual(4);
    await drawn(lindqvists.sort(byUrgency).map((j) => j.customer.name));
  });
});

describe('The job page and a typed envelope at 10,000 jobs', () => {
  async function shopWithOne() {
    await db.jobs.bulkPut(jobRows(10_000, mixed));
    return openJob(db, intake({ customer: { name: 'Vera Found' } }), ACTOR);
  }

  it('finds a typed envelope by its key alone', SLOW, async () => {
    const { jobId, envelopeNumber } = await shopWithOne();
    resetReads();
    const outcome = await resolveScan(db, classifyScan(envelopeNumber, 'http://localhost'));
    expect(outcome).toEqual({ kind: 'open', to: `/jobs/${jobId}` });
    expect(readsOf('jobs').rows).toBe(1);
    expect(rowsReadInAll()).toBeLessThanOrEqual(2);
  });

  it('opens the job page, and a job label’s deep link, reading only that job', SLOW, async () => {
    const { jobId, envelopeNumber } = await shopWithOne();
    resetReads();
    const page = renderList(`/jobs/${jobId}`);
    expect((await screen.findAllByText(envelopeNumber)).length).toBeGreaterThan(0);
    // Its row (read again by each live query that wants it), never the shop's other jobs.
    expect(readsOf('jobs').largest).toBeLessThanOrEqual(1);
    expect(readsOf('jobs').rows).toBeLessThanOrEqual(6);
    // Its events, the shop's settings row, the staff: tens of rows, not thousands.
    expect(rowsReadInAll()).toBeLessThan(50);
    page.unmount();

    resetReads();
    renderList(`/j/${jobId}`);
    expect((await screen.findAllByText(envelopeNumber)).length).toBeGreaterThan(0);
    expect(readsOf('jobs').largest).toBeLessThanOrEqual(1);
    expect(rowsReadInAll()).toBeLessThan(50);
  });
});
