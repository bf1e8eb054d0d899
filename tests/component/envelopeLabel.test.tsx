// The envelope label print view over a real Dexie on fake-indexeddb: what it shows, its formats, Print.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { encode } from 'uqr';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QrCode, qrModulesPath, QR_QUIET_ZONE } from '../../src/components/QrCode';
import { db, openJob, recordEvent, saveShopName, type OpenJobInput } from '../../src/db';
import { newJobId } from '../../src/domain/ids';
import { EnvelopeLabelScreen } from '../../src/screens/label/EnvelopeLabelScreen';
import { dayText } from '../../src/domain/dates';
import { customerInitials } from '../../src/screens/label/labelText';
import { openedData } from '../support/events';

function intake(overrides: Partial<OpenJobInput> = {}): OpenJobInput {
  const { envelope: _e, services: _s, ...rest } = openedData();
  return {
    ...rest,
    rush: true,
    part: { index: 1, of: 2 },
    services: [
      { kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } },
      { kind: 'prong_retipping', details: { prong_count: 2, which_prongs: 'centre stone' } },
    ],
    ...overrides,
  };
}

/** Shows where the router is, so a test can read the search params the screen wrote. */
function WhereAmI() {
  const { pathname, search } = useLocation();
  return <output data-testid="location">{pathname + search}</output>;
}

function renderLabel(jobId: string, search = '') {
  return render(
    <MemoryRouter initialEntries={[`/jobs/${jobId}/label${search}`]}>
      <Routes>
        <Route path="/jobs/:jobId/label" element={<EnvelopeLabelScreen />} />
        <Route path="*" element={<p>Elsewhere</p>} />
      </Routes>
      <WhereAmI />
    </MemoryRouter>,
  );
}

/** The page size of the @page rule the screen renders for printing. */
function pageSize(container: HTMLElement): string | undefined {
  const css = container.querySelector('style')?.textContent ?? '';
  return /@page\s*\{\s*size:\s*([^;]+);\s*margin:\s*0;/.exec(css)?.[1];
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Envelope label', () => {
  it('shows the envelope number, initials, services, promised date, RUSH, part and the job link', async () => {
    await saveShopName('Atelier Nord');
    const { jobId, envelopeNumber } = await openJob(db, intake(), 'staff-mia');
    const { container } = renderLabel(jobId);

    const label = await screen.findByTestId('envelope-label');
    const inLabel = within(label);
    expect(inLabel.getByText(envelopeNumber).className).toContain('label-number');
    expect(inLabel.getByText('A. L.')).toBeTruthy();
    expect(inLabel.getByText('Ring sizing up')).toBeTruthy();
    expect(inLabel.getByText('Prong re-tipping')).toBeTruthy();
    expect(inLabel.getByText('Mon 30 Nov 2026')).toBeTruthy();
    expect(inLabel.getByText('RUSH')).toBeTruthy();
    expect(inLabel.getByText('Job 1 of 2')).toBeTruthy();
    expect(inLabel.getByText('Ring')).toBeTruthy();
    expect(await inLabel.findByText('Atelier Nord')).toBeTruthy();

    // Privacy: the envelope travels the shop, so the name (and phone) appear nowhere on the screen.
    for (const part of ['Anna', 'Lindqvist', '123 45 67']) {
      expect(document.body.textContent).not.toContain(part);
    }

    const qr = inLabel.getByRole('img', { name: /scan to open the job/i });
    expect(qr.getAttribute('data-qr-payload')).toBe(`${window.location.origin}/j/${jobId}`);

    expect(container.querySelector('.label-screen')?.classList).toContain('label-format-envelope');
    expect(pageSize(container)).toBe('89mm 165mm');
    expect(screen.getByRole('link', { name: 'Back to job' }).getAttribute('href')).toBe(
      `/jobs/${jobId}`,
    );
  });

  it('leaves out RUSH and the part on a plain single-envelope job, and cancelled services', async () => {
    const { jobId } = await openJob(
      db,
      intake({ rush: false, part: undefined, customer: { name: 'Cher' } }),
      'staff-mia',
    );
    const prongs = (await db.jobs.get(jobId))?.services.find((s) => s.kind === 'prong_retipping');
    await recordEvent(
      db,
      {
        jobId,
        type: 'service.cancelled',
        data: { serviceId: prongs?.id ?? '', reason: 'Customer declined' },
      },
      'staff-mia',
    );
    renderLabel(jobId);
    const label = await screen.findByTestId('envelope-label');
    expect(within(label).queryByText('RUSH')).toBeNull();
    expect(within(label).queryByText(/Job \d+ of \d+/)).toBeNull();
    expect(within(label).getByText('C.')).toBeTruthy();
    expect(within(label).getByText('Ring sizing up')).toBeTruthy();
    expect(within(label).queryByText('Prong re-tipping')).toBeNull();
  });

  it('will not print a label for a voided job', async () => {
    const { jobId } = await openJob(db, intake(), 'staff-mia');
    await recordEvent(
      db,
      { jobId, type: 'job.voided', data: { reason: 'Opened twice' } },
      'staff-mia',
    );
    renderLabel(jobId);
    expect((await screen.findByRole('alert')).textContent).toContain('voided (Opened twice)');
    expect(screen.getByRole('button', { name: 'Print' })).toHaveProperty('disabled', true);
  });

  it('switches between the envelope and the 62 mm label, kept in ?format=', async () => {
    const user = userEvent.setup();
    const { jobId } = await openJob(db, intake(), 'staff-mia');
    const { container } = renderLabel(jobId);
    await screen.findByTestId('envelope-label');
    const root = () => container.querySelector('.label-screen');

    const envelope = screen.getByRole('button', { name: 'Repair envelope' });
    const tape = screen.getByRole('button', { name: '62 mm label' });
    expect(envelope.getAttribute('aria-pressed')).toBe('true');
    expect(tape.getAttribute('aria-pressed')).toBe('false');

    await user.click(tape);
    expect(screen.getByTestId('location').textContent).toBe(`/jobs/${jobId}/label?format=label62`);
    expect(root()?.classList).toContain('label-format-label62');
    expect(root()?.classList).not.toContain('label-format-envelope');
    expect(tape.getAttribute('aria-pressed')).toBe('true');
    expect(pageSize(container)).toBe('62mm 100mm');

    await user.click(screen.getByRole('button', { name: 'Repair envelope' }));
    expect(screen.getByTestId('location').textContent).toBe(`/jobs/${jobId}/label?format=envelope`);
    expect(root()?.classList).toContain('label-format-envelope');
    expect(pageSize(container)).toBe('89mm 165mm');
  });

  it('opens in the format the link names, and in the envelope format when it names none it knows', async () => {
    const { jobId } = await openJob(db, intake(), 'staff-mia');
    const tape = renderLabel(jobId, '?format=label62');
    await screen.findByTestId('envelope-label');
    expect(tape.container.querySelector('.label-format-label62')).not.toBeNull();
    tape.unmount();

    const odd = renderLabel(jobId, '?format=a4');
    await screen.findByTestId('envelope-label');
    expect(odd.container.querySelector('.label-format-envelope')).not.toBeNull();
    expect(pageSize(odd.container)).toBe('89mm 165mm');
  });

  it('prints with the browser’s print dialog', async () => {
    const user = userEvent.setup();
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    const { jobId } = await openJob(db, intake(), 'staff-mia');
    renderLabel(jobId);
    await screen.findByTestId('envelope-label');
    await user.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('hides the app frame and its own buttons when printing', async () => {
    const { jobId } = await openJob(db, intake(), 'staff-mia');
    const { container } = renderLabel(jobId);
    await screen.findByTestId('envelope-label');
    const css = container.querySelector('style')?.textContent ?? '';
    expect(css).toMatch(
      /@media print\s*\{[^}]*\.app-header, \.app-nav,[^}]*\.no-print \{ display: none !important; \}/,
    );
    expect(container.querySelector('.label-toolbar')?.classList).toContain('no-print');
  });

  it('says so when this tablet does not have the job, with a way back to the jobs', async () => {
    const jobId = newJobId();
    renderLabel(jobId);
    expect(
      await screen.findByText(new RegExp(`This tablet does not have job ${jobId}`)),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to jobs' }).getAttribute('href')).toBe('/jobs');
    expect(screen.queryByTestId('envelope-label')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Print' })).toBeNull();
  });
});

describe('customerInitials', () => {
  it.each([
    ['Anna Lindqvist', 'A. L.'],
    ['Óscar de la Núñez', 'Ó. N.'], // first and last word: particles and middle names skipped
    ['Cher', 'C.'],
    ['  Anna    Lindqvist  ', 'A. L.'],
    ['anna lindqvist', 'A. L.'],
    ['Anna Maria Lindqvist', 'A. L.'],
    ['Lindqvist, Anna', 'A. L.'], // family name first, with a comma
    ['John Smith Jr.', 'J. S.'],
    ['Mary-Jane Watson', 'M. W.'],
    ["Seán O'Brien", 'S. O.'],
    ['Émile Zola', 'É. Z.'],
    ['E\u0301mile Zola', 'É. Z.'], // a decomposed accent is kept with its letter
    ['Åsa Öberg', 'Å. Ö.'],
    ['(Anna) Lindqvist', 'A. L.'],
    ['Anna 2 Lindqvist', 'A. L.'], // words with no letter are ignored
    ['   ', ''],
  ])('%j → %j', (name, initials) => {
    expect(customerInitials(name)).toBe(initials.normalize('NFC'));
  });
});

describe('dayText', () => {
  it.each([
    ['2026-11-30', 'Mon 30 Nov 2026'],
    ['2026-12-24', 'Thu 24 Dec 2026'],
    ['2027-01-01', 'Fri 1 Jan 2027'],
    ['2028-02-29', 'Tue 29 Feb 2028'],
    ['2026-02-31', '2026-02-31'], // not a real day: shown as given rather than as 3 March
    ['soon', 'soon'],
  ])('%s → %s', (day, text) => {
    expect(dayText(day)).toBe(text);
  });
});

describe('QrCode', () => {
  /** Rebuilds the module grid from the SVG path the component drew. */
  function modulesFromPath(d: string, size: number): boolean[][] {
    const grid = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
    for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
      const [x, y, run, back] = m.slice(1).map(Number) as [number, number, number, number];
      expect(back).toBe(run);
      for (let i = 0; i < run; i++) {
        const row = grid[y];
        if (row) row[x + i] = true;
      }
    }
    return grid;
  }

  it.each([
    'http://localhost:3000/j/01KBZ3V8F0Q9XJ6T2M4N5P7R8S',
    'https://192.168.1.20:8080/j/01KBZ3V8F0Q9XJ6T2M4N5P7R8S',
    'K7-0042',
  ])('draws every dark module of %s in one path, with a 4-module quiet zone', async (value) => {
    const { container } = render(<QrCode value={value} size="30mm" label="Job link" />);
    const svg = screen.getByRole('img', { name: 'Job link' });
    // The encoder is fetched when the first code is drawn: a white square until then.
    await waitFor(() => {
      expect(svg.getAttribute('aria-busy')).toBeNull();
    });
    expect(svg.getAttribute('data-qr-payload')).toBe(value);
    expect(svg.getAttribute('width')).toBe('30mm');
    expect(svg.getAttribute('shape-rendering')).toBe('crispEdges');

    const qr = encode(value, { ecc: 'M', border: 0 });
    const side = qr.size + 2 * QR_QUIET_ZONE;
    expect(svg.getAttribute('viewBox')).toBe(`-4 -4 ${side} ${side}`);
    const paths = container.querySelectorAll('path');
    expect(paths).toHaveLength(1);
    const d = paths[0]?.getAttribute('d') ?? '';
    expect(d).not.toBe('');
    expect(d.replace(/M\d+ \d+h\d+v1h-\d+z/g, '')).toBe('');
    expect(modulesFromPath(d, qr.size)).toEqual(qr.data);
  });

  it('makes one rectangle per run of dark modules', () => {
    expect(
      qrModulesPath([
        [true, true, false, true],
        [false, false, false, false],
        [false, true, true, true],
      ]),
    ).toBe('M0 0h2v1h-2zM3 0h1v1h-1zM1 2h3v1h-3z');
  });
});
