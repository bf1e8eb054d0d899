// The job's way through the shop on its page: start, QC by a second person, hold, pick-up, history.
import { Blob as NodeBlob } from 'node:buffer';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyEvents, db, eventsOfJob, recordEvent, setStep } from '../../src/db';
import { formatStamp } from '../../src/domain/clock';
import { newUlid } from '../../src/domain/ids';
import type { JobStatus } from '../../src/protocol/events';
import { useSession } from '../../src/stores/sessionStore';
import {
  eventTypes,
  finishSteps,
  hhmm,
  job,
  openTestJob,
  signInSecond,
  statusBadge,
} from './jobPageHelpers';
import { renderApp } from './renderApp';
import { signedIn } from './staffHelpers';

async function moveTo(jobId: string, actor: string, ...statuses: JobStatus[]) {
  for (const status of statuses) {
    await recordEvent(db, { jobId, type: 'status.changed', data: { status } }, actor);
  }
}

function pressed(name: string): boolean {
  return screen.getByRole('switch', { name }).getAttribute('aria-checked') === 'true';
}

describe('Job page: status and QC', () => {
  it('starts work, refuses QC with steps left, and sends it to QC once they are done', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId, serviceId } = await openTestJob(mia.id);
    renderApp(`/jobs/${jobId}`);

    await user.click(await screen.findByRole('button', { name: 'Start work' }));
    expect(await statusBadge('In progress')).toBeTruthy();
    const send = await screen.findByRole<HTMLButtonElement>('button', { name: 'Send to QC' });
    expect(send.disabled).toBe(true);
    expect(screen.getByText(/^Finish these steps first: Inspect under 10×/)).toBeTruthy();

    await finishSteps(jobId, serviceId, mia.id, ['polish']);
    await waitFor(() => {
      expect(screen.getByText('Finish these steps first: Polish.')).toBeTruthy();
    });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Send to QC' }).disabled).toBe(
      true,
    );

    // The last step through the page.
    await user.click(screen.getByRole('checkbox', { name: 'Polish' }));
    await waitFor(() => {
      expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Send to QC' }).disabled).toBe(
        false,
      );
    });
    expect(screen.getByText('9 of 9 steps')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Send to QC' }));
    expect(await statusBadge('Waiting for QC')).toBeTruthy();
    expect((await job(jobId)).status).toBe('qc');
  });

  it('refuses QC by the person who ticked the steps and says to hand the tablet on', async () => {
    const mia = await signedIn('Mia Berg');
    const { jobId, serviceId } = await openTestJob(mia.id);
    await moveTo(jobId, mia.id, 'in_progress');
    await finishSteps(jobId, serviceId, mia.id);
    await moveTo(jobId, mia.id, 'qc');
    renderApp(`/jobs/${jobId}`);

    expect(
      await screen.findByText('You worked on this job: QC needs a second person.'),
    ).toBeTruthy();
    expect(screen.getByText('Hand the tablet to someone else:')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Pass QC' })).toBeNull();
    expect(screen.queryByRole('switch', { name: 'Size verified' })).toBeNull();
  });

  it('passes QC by a second person with every check on: qc.recorded and ready together', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId, serviceId } = await openTestJob(mia.id);
    await moveTo(jobId, mia.id, 'in_progress');
    await finishSteps(jobId, serviceId, mia.id);
    await moveTo(jobId, mia.id, 'qc');
    const jo = await signInSecond(mia);
    renderApp(`/jobs/${jobId}`);

    const pass = await screen.findByRole<HTMLButtonElement>('button', { name: 'Pass QC' });
    const checks = [
      'Clasps and moving parts tested',
      'Stones tight (all checked under 10×)',
      'Size verified',
      'Finish as asked',
    ];
    for (const name of checks) {
      expect(pass.disabled).toBe(true);
      await user.click(screen.getByRole('switch', { name }));
      expect(pressed(name)).toBe(true);
    }
    // The return weight is no tick: the piece is weighed back (3.42 g + 0.31 g of stock) at QC.
    expect(pass.disabled).toBe(true);
    await user.type(screen.getByLabelText('Weight now (g)'), '3.72');
    await user.click(screen.getByRole('button', { name: 'Log the return weight' }));
    await waitFor(() => {
      expect(screen.getByRole('status', { name: 'Return weight logged' }).textContent).toMatch(
        /^✓Return weight logged — 3\.72 g · \d{2}:\d{2}$/,
      );
    });
    expect(pass.disabled).toBe(false);
    await user.click(pass);

    expect(await statusBadge('Ready for pick-up')).toBeTruthy();
    const stored = await job(jobId);
    expect(stored.status).toBe('ready');
    expect(stored.qc).toHaveLength(1);
    expect(stored.qc[0]).toMatchObject({ result: 'pass', by: jo.id });
    expect(Object.values(stored.qc[0]?.checks ?? {})).toEqual([true, true, true, true, true]);
    expect((await eventTypes(jobId)).slice(-2)).toEqual(['qc.recorded', 'status.changed']);
  });

  it('fails QC only with a reason, sending the job back to the bench', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId, serviceId } = await openTestJob(mia.id);
    await moveTo(jobId, mia.id, 'in_progress');
    await finishSteps(jobId, serviceId, mia.id);
    await moveTo(jobId, mia.id, 'qc');
    const jo = await signInSecond(mia);
    renderApp(`/jobs/${jobId}`);

    await user.click(await screen.findByRole('switch', { name: 'Size verified' }));
    await user.click(screen.getByRole('button', { name: 'Fail QC…' }));
    const eventsBefore = await db.events.count();
    await user.click(screen.getByRole('button', { name: 'Send back to the bench' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Say why QC failed, so the bench knows what to fix.',
    );
    expect(await db.events.count()).toBe(eventsBefore);
    expect((await job(jobId)).status).toBe('qc');

    await user.type(screen.getByLabelText('Why did it fail?'), 'Seam visible inside the shank');
    await user.click(screen.getByRole('button', { name: 'Send back to the bench' }));
    expect(await statusBadge('In progress')).toBeTruthy();
    expect(screen.getByText('Seam visible inside the shank')).toBeTruthy();
    const stored = await job(jobId);
    expect(stored.qc[0]).toMatchObject({
      result: 'fail',
      by: jo.id,
      reason: 'Seam visible inside the shank',
    });
    expect(stored.qc[0]?.checks.size_verified).toBe(true);
    expect(stored.statusChanged).toMatchObject({
      by: jo.id,
      reason: 'Seam visible inside the shank',
    });
  });

  it('puts a job on hold with a reason and brings it back to the bench', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId } = await openTestJob(mia.id);
    await moveTo(jobId, mia.id, 'in_progress');
    renderApp(`/jobs/${jobId}`);

    await user.click(await screen.findByRole('button', { name: 'Put on hold…' }));
    await user.click(screen.getByRole('button', { name: 'Hold the job' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Say why the job is on hold.');
    expect((await job(jobId)).status).toBe('in_progress');

    await user.type(screen.getByLabelText('Why is it on hold?'), 'Waiting for the customer');
    await user.click(screen.getByRole('button', { name: 'Hold the job' }));
    expect(await statusBadge('On hold')).toBeTruthy();
    expect(screen.getByText('Waiting for the customer')).toBeTruthy();
    expect((await job(jobId)).statusChanged.reason).toBe('Waiting for the customer');

    await user.click(screen.getByRole('button', { name: 'Back to the bench' }));
    expect(await statusBadge('In progress')).toBeTruthy();
  });
});

describe('Job page: pick-up', () => {
  beforeEach(() => {
    // jsdom has no pointer capture; the signature pad asks for it on every stroke.
    Element.prototype.setPointerCapture = vi.fn();
    // jsdom's Blob hands out ArrayBuffers from its own realm, which Node's WebCrypto refuses to
    // hash; Node's own Blob is a real one, as a browser's would be.
    vi.stubGlobal('Blob', NodeBlob);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('asks for the return weight and the signature, then records both with the collection', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId } = await openTestJob(mia.id);
    await moveTo(jobId, mia.id, 'in_progress', 'qc', 'ready');
    renderApp(`/jobs/${jobId}`);

    await user.click(await screen.findByRole('button', { name: 'Mark collected' }));
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent)).toEqual([
      'Count the stones with the customer and enter how many there are.',
      'Weigh the piece and enter the return weight in grams.',
      'The customer signs for the piece before it is marked collected.',
    ]);
    expect(await db.photos.count()).toBe(0);
    expect((await job(jobId)).weights).toHaveLength(1);
    expect((await job(jobId)).status).toBe('ready');

    await user.type(screen.getByLabelText('Stones counted with the customer'), '1');
    await user.type(screen.getByLabelText('Return weight (g)'), '3.40');
    expect(screen.getByRole('status', { name: 'Return weight check' }).textContent).toBe(
      'Expected 3.42 g (intake 3.42) → returned 3.40 g: −0.02 g, within the scale’s ±0.02 g.',
    );
    await user.click(screen.getByRole('button', { name: 'Mark collected' }));
    await waitFor(() => {
      expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([
        'The customer signs for the piece before it is marked collected.',
      ]);
    });
    expect((await job(jobId)).status).toBe('ready');

    const pad = screen.getByRole('img', { name: 'Customer’s signature' });
    fireEvent.pointerDown(pad, { pointerId: 1, clientX: 40, clientY: 60 });
    fireEvent.pointerMove(pad, { pointerId: 1, clientX: 120, clientY: 90 });
    fireEvent.pointerMove(pad, { pointerId: 1, clientX: 220, clientY: 50 });
    fireEvent.pointerUp(pad, { pointerId: 1 });
    await user.click(screen.getByRole('button', { name: 'Mark collected' }));

    expect(await statusBadge('Collected')).toBeTruthy();
    const stored = await job(jobId);
    expect(stored.status).toBe('collected');
    expect(stored.weights.at(-1)).toMatchObject({ kind: 'return', grams: 3.4, by: mia.id });
    expect(stored.pickupSignatureSha256).toMatch(/^[0-9a-f]{64}$/);
    const signature = await db.photos.get(stored.pickupSignatureSha256 ?? '');
    expect(signature).toMatchObject({ jobId, mimeType: 'image/svg+xml' });
    expect((await eventTypes(jobId)).slice(-2)).toEqual(['weight.logged', 'status.changed']);
    expect(screen.getByText(/The customer signed for it\./)).toBeTruthy();
  });
});

describe('Job page: history', () => {
  it('tells every event in words, in order, including a change from a newer version', async () => {
    const mia = await signedIn('Mia Berg');
    const { jobId, serviceId, envelopeNumber } = await openTestJob(mia.id);
    const jo = await signInSecond(mia);
    useSession.getState().signIn(mia.id);
    await setStep(
      db,
      {
        jobId,
        serviceId,
        stepId: 'solder',
        done: true,
        values: { join: 'hard_solder', metal_added_g: 0 },
      },
      mia.id,
    );
    await recordEvent(
      db,
      {
        jobId,
        type: 'custody.moved',
        data: { to: { kind: 'place', id: 'casting_room', label: 'Casting room' } },
      },
      jo.id,
    );
    await recordEvent(
      db,
      { jobId, type: 'weight.logged', data: { kind: 'added', grams: 0.31 } },
      mia.id,
    );
    await recordEvent(db, { jobId, type: 'note.added', data: { text: 'Check the seam' } }, jo.id);
    // A newer tablet's event type this version does not know: kept, shown, never dropped.
    const device = 'bbbbbbbbbbbbbbbb';
    await applyEvents(
      db,
      [
        {
          id: newUlid(),
          jobId,
          type: 'casting.poured',
          at: formatStamp({ ms: Date.now() + 1000, counter: 0, device }),
          actor: jo.id,
          device,
          data: { flask: 2 },
        },
      ],
      { local: false },
    );
    renderApp(`/jobs/${jobId}`);

    const history = await screen.findByRole('region', { name: 'History' });
    await waitFor(() => {
      expect(within(history).getAllByRole('listitem')).toHaveLength(6);
    });
    const events = await eventsOfJob(db, jobId);
    const lines = within(history)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    const at = (i: number) => hhmm(events[i]?.at ?? '');
    expect(lines).toEqual([
      `${at(0)} Mia Berg opened the job on envelope ${envelopeNumber}, intake weight 3.42 g`,
      `${at(1)} Mia Berg ticked Solder or laser weld the seam (Join: Hard solder, Solder used: 0 g)`,
      `${at(2)} Jo Smith handed it to Casting room`,
      `${at(3)} Mia Berg logged 0.31 g added`,
      `${at(4)} Jo Smith added a note: “Check the seam”`,
      `${at(5)} A change from a newer version of Loupe (casting.poured), by Jo Smith`,
    ]);
  });
});

describe('Job page: a collected job is final', () => {
  it('shows a stale tablet’s move after the pick-up in the history, not applied, and what it could not fold', async () => {
    const mia = await signedIn('Mia Berg');
    const { jobId } = await openTestJob(mia.id);
    const jo = await signInSecond(mia);
    useSession.getState().signIn(mia.id);
    await moveTo(jobId, mia.id, 'in_progress', 'qc', 'ready', 'collected');
    // Tablet B was offline since before the pick-up: it sent the job to QC, and it logged a weight
    // in a shape this version cannot read. Both arrive in one pulled page.
    const device = 'bbbbbbbbbbbbbbbb';
    const stamp = (ms: number) => formatStamp({ ms: Date.now() + ms, counter: 0, device });
    const stale = {
      id: newUlid(),
      jobId,
      type: 'status.changed',
      at: stamp(1000),
      actor: jo.id,
      device,
      data: { status: 'qc' },
    };
    const garbled = {
      id: newUlid(),
      jobId,
      type: 'weight.logged',
      at: stamp(2000),
      actor: jo.id,
      device,
      data: { grams: 'lots' },
    };
    await applyEvents(db, [stale, garbled], { local: false });
    renderApp(`/jobs/${jobId}`);

    expect(await statusBadge('Collected')).toBeTruthy();
    expect((await job(jobId)).status).toBe('collected');
    const history = await screen.findByRole('region', { name: 'History' });
    const line = await within(history).findByText(
      'Jo Smith sent it to QC on tablet bbbbbbbb after pick-up — not applied',
    );
    expect(line.closest('li')?.className).toBe('jp-refused');
    expect(within(history).getByRole('status').textContent).toMatch(
      /^1 change \(weight\.logged\) kept but not counted in this job on this tablet/,
    );
    // Nothing on the page offers to move it again.
    for (const name of ['Start work', 'Send to QC', 'Put on hold…', 'Pass QC']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
  });
});
