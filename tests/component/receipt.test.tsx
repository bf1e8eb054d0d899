// The pick-up receipt over fake-indexeddb: the services done with each one's warranty (the shop's own
// days), the weights and the check in words, the stones, both signatures and the photos side by side;
// a job not collected yet is a draft, said in words. Dates are worked out here from the stamps the
// operations recorded, with the platform's own calendar, independently of the app's date words.
import { Blob as NodeBlob } from 'node:buffer';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  collectJob,
  db,
  putPhoto,
  recordEvent,
  saveShopName,
  setStep,
  type PhotoRow,
} from '../../src/db';
import type { JobStatus } from '../../src/protocol/events';
import { SHOP_JOB_ID } from '../../src/protocol/events';
import { savePhoto } from '../../src/photos/savePhoto';
import { ReceiptLink } from '../../src/screens/receipt/ReceiptLink';
import { fakeProcess, fakeProcessed } from '../support/photos';
import { hhmm, job, openTestJob, signInSecond } from './jobPageHelpers';
import { renderApp } from './renderApp';
import { signedIn } from './staffHelpers';

beforeEach(() => {
  let n = 0;
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: vi.fn(() => `blob:loupe-test/${n++}`),
      revokeObjectURL: vi.fn(),
    }),
  );
  vi.stubGlobal('Blob', NodeBlob);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** "Tue 1 Dec 2026": the local day of a clock stamp, `plus` days on, by the platform's calendar. */
function dayOf(at: string, plus = 0): string {
  const date = new Date(Date.parse(at.slice(0, 24)));
  date.setDate(date.getDate() + plus);
  return date
    .toLocaleDateString('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    })
    .replace(',', '');
}

function signatureRow(jobId: string, strokes: string): PhotoRow {
  const blob = new Blob([`<svg xmlns="http://www.w3.org/2000/svg">${strokes}</svg>`], {
    type: 'image/svg+xml',
  });
  return {
    sha256: '',
    jobId,
    blob,
    thumbnail: blob,
    mimeType: 'image/svg+xml',
    bytes: blob.size,
    width: 0,
    height: 0,
    uploaded: 0,
    createdAt: Date.now(),
  };
}

async function storeSignature(jobId: string, sha256: string, strokes: string) {
  await putPhoto(db, { ...signatureRow(jobId, strokes), sha256 });
}

async function moveTo(jobId: string, actor: string, ...statuses: JobStatus[]) {
  for (const status of statuses) {
    await recordEvent(db, { jobId, type: 'status.changed', data: { status } }, actor);
  }
}

const INTAKE_SIGNATURE = 'a'.repeat(64);
const PICKUP_SIGNATURE = 'b'.repeat(64);

/**
 * A ring with one white stone, signed for and photographed at intake, promised for Mon 30 Nov: sized up
 * (0.31 g of stock), prongs re-tipped, cleaned; its polishing cancelled. The shop gives sizing 45 days.
 */
async function ringAtTheCounter() {
  await saveShopName('Berg Goldsmiths');
  const mia = await signedIn('Mia Berg');
  await recordEvent(
    db,
    { jobId: SHOP_JOB_ID, type: 'warranty.set', data: { serviceKind: 'ring_sizing_up', days: 45 } },
    mia.id,
  );
  await storeSignature('pending', INTAKE_SIGNATURE, '<polyline points="1,1 9,9"/>');
  const { jobId, envelopeNumber, serviceId } = await openTestJob(mia.id, {
    signatureSha256: INTAKE_SIGNATURE,
    services: [
      { kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } },
      { kind: 'prong_retipping', details: { prong_count: 2, which_prongs: 'at 2 and 8' } },
      { kind: 'cleaning', details: {} },
      { kind: 'polishing', details: { finish: 'high_polish' } },
    ],
  });
  await savePhoto(
    db,
    { jobId, file: new Blob(['x']), tag: 'intake', note: 'As received' },
    mia.id,
    {
      process: fakeProcess,
    },
  );
  const polishing = (await job(jobId)).services.find((s) => s.kind === 'polishing');
  await recordEvent(
    db,
    {
      jobId,
      type: 'service.cancelled',
      data: { serviceId: polishing?.id ?? '', reason: 'Customer changed their mind' },
    },
    mia.id,
  );
  await setStep(
    db,
    {
      jobId,
      serviceId,
      stepId: 'cut_add_stock',
      done: true,
      values: { method: 'cut_add_stock', metal_added_g: 0.31 },
    },
    mia.id,
  );
  await moveTo(jobId, mia.id, 'in_progress', 'qc', 'ready');
  return { mia, jobId, envelopeNumber };
}

/** Jo hands it over: the pick-up photo, 3.72 g back, two stones counted, signed. */
async function collect(jobId: string, first: Awaited<ReturnType<typeof signedIn>>) {
  const jo = await signInSecond(first);
  const photo = await fakeProcessed(40, 30);
  await putPhoto(db, {
    ...signatureRow(jobId, ''),
    sha256: photo.sha256,
    blob: photo.blob,
    thumbnail: photo.thumbnail,
    mimeType: photo.mimeType,
    bytes: photo.bytes,
    width: photo.width,
    height: photo.height,
  });
  await storeSignature(jobId, PICKUP_SIGNATURE, '<polyline points="2,2 8,8"/>');
  await collectJob(
    db,
    {
      jobId,
      returnWeightG: 3.72,
      signatureSha256: PICKUP_SIGNATURE,
      pickupPhotoSha256: photo.sha256,
      stoneCount: 2,
      stoneReason: 'The customer brought a second stone to set',
    },
    jo.id,
  );
  return jo;
}

/** The receipt's facts (customer, dates…), term by term. */
function facts(sheet: HTMLElement): Record<string, string> {
  const pairs: [string, string][] = [...sheet.querySelectorAll('.receipt-facts > div')].map((d) => [
    d.querySelector('dt')?.textContent ?? '',
    d.querySelector('dd')?.textContent ?? '',
  ]);
  return Object.fromEntries(pairs);
}

/** The rows of a receipt table, as "heading: value". */
function rows(section: HTMLElement): string[] {
  return within(section)
    .getAllByRole('row')
    .map((r) => {
      const [th, td] = [r.querySelector('th'), r.querySelector('td')];
      return `${th?.textContent ?? ''}: ${td?.textContent ?? ''}`;
    });
}

// Whole screens over a live database: slower than one check on a loaded machine.
describe('Pick-up receipt', { timeout: 20_000 }, () => {
  it('lists the services done with their warranty, the weights, the stones and both signatures', async () => {
    const user = userEvent.setup();
    const { mia, jobId, envelopeNumber } = await ringAtTheCounter();
    await collect(jobId, mia);
    const print = vi.fn();
    vi.stubGlobal('print', print);
    renderApp(`/jobs/${jobId}/receipt`);

    const sheet = await screen.findByRole('article', {
      name: `Pick-up receipt, envelope ${envelopeNumber}`,
    });
    const on = within(sheet);
    expect(on.getByRole('heading', { name: 'Pick-up receipt' })).toBeTruthy();
    expect(on.getByText('Berg Goldsmiths')).toBeTruthy();
    expect(on.queryByText(/DRAFT/)).toBeNull();
    expect(on.getByText('Anna Lindqvist · +46 70 123 45 67')).toBeTruthy();
    expect(on.getByText('Ring: Yellow metal ring with one white stone')).toBeTruthy();
    expect(on.getByText('14k yellow gold · stamped 585')).toBeTruthy();
    expect(on.getByText('Worn prongs')).toBeTruthy();
    const stored = await job(jobId);
    const pickedUp = stored.statusChanged.at;
    expect(facts(sheet)).toMatchObject({
      'Taken in': `${dayOf(stored.opened.at)}, ${hhmm(stored.opened.at)} by Mia Berg`,
      Promised: 'Mon 30 Nov 2026',
      Collected: `${dayOf(pickedUp)}, ${hhmm(pickedUp)}, handed over by Jo Smith`,
    });

    // Each service done with its own warranty from the pick-up day; the cancelled one is not there.
    const services = on.getByRole('region', { name: 'Services done' });
    expect(rows(services)).toEqual([
      `Ring sizing up: Warranty until ${dayOf(pickedUp, 45)}`,
      `Prong re-tipping: Warranty until ${dayOf(pickedUp, 90)}`,
      'Cleaning: No warranty',
    ]);

    const weights = on.getByRole('region', { name: 'Metal weight' });
    expect(rows(weights)).toEqual([
      'At intake: 3.42 g',
      'Added at the bench: 0.31 g',
      'Expected back: 3.73 g (intake 3.42 + added 0.31)',
      'Returned: 3.72 g',
    ]);
    expect(within(weights).getByLabelText('Return weight check').textContent).toBe(
      '−0.01 g against the 3.73 g expected: within the scale’s ±0.02 g.',
    );

    const stones = on.getByRole('region', { name: 'Stones' });
    expect(rows(stones)).toEqual([
      'At intake: 1 stone (1 white stone, 5 mm)',
      'Counted at pick-up: Counted 2 stones, intake noted 1: 1 more.',
      'Why it differs: The customer brought a second stone to set',
    ]);

    // The piece as it came in beside the piece as it went home.
    const photos = on.getByRole('region', { name: 'The piece' });
    const atIntake = within(photos).getByRole('figure', { name: 'Photo at intake' });
    const atPickup = within(photos).getByRole('figure', { name: 'Photo at pick-up' });
    expect(
      await within(atIntake).findByRole('img', { name: 'Intake photo: As received' }),
    ).toBeTruthy();
    expect(await within(atPickup).findByRole('img', { name: 'Pick-up photo' })).toBeTruthy();
    expect(
      atIntake.compareDocumentPosition(atPickup) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();

    const signed = on.getByRole('region', { name: 'Signatures' });
    expect(
      within(signed).getByText('Received the piece above in the condition shown.'),
    ).toBeTruthy();
    expect(
      await within(signed).findByRole('img', { name: 'Customer’s signature at intake' }),
    ).toBeTruthy();
    expect(
      await within(signed).findByRole('img', { name: 'Customer’s signature at pick-up' }),
    ).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Print / Save as PDF' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('says a job not collected yet is a draft, with what the pick-up will add', async () => {
    const { jobId } = await ringAtTheCounter();
    renderApp(`/jobs/${jobId}/receipt`);

    expect((await screen.findByRole('note')).textContent).toMatch(
      /^Not collected yet\. This is a draft/,
    );
    const sheet = screen.getByRole('article');
    const on = within(sheet);
    expect(on.getByRole('heading', { name: 'Draft pick-up receipt' })).toBeTruthy();
    expect(on.getByText('DRAFT — the piece has not been collected yet.')).toBeTruthy();
    expect(rows(on.getByRole('region', { name: 'Services' }))).toEqual([
      'Ring sizing up: Warranty of 45 days from the pick-up',
      'Prong re-tipping: Warranty of 90 days from the pick-up',
      'Cleaning: No warranty',
    ]);
    expect(rows(on.getByRole('region', { name: 'Metal weight' })).at(-1)).toBe(
      'Returned: Not weighed back yet',
    );
    expect(rows(on.getByRole('region', { name: 'Stones' })).at(-1)).toBe(
      'Counted at pick-up: Not counted yet',
    );
    expect(on.getByText('Not collected yet.', { selector: '.receipt-none' })).toBeTruthy();
    const pickup = on.getByRole('figure', { name: 'Customer’s signature at pick-up' });
    expect(within(pickup).getByText('Not signed')).toBeTruthy();
  });

  it('is linked from a collected job, and not before', async () => {
    const { mia, jobId } = await ringAtTheCounter();
    const ready = render(
      <MemoryRouter>
        <ReceiptLink job={await job(jobId)} />
      </MemoryRouter>,
    );
    expect(ready.container.textContent).toBe('');
    ready.unmount();
    await collect(jobId, mia);
    render(
      <MemoryRouter>
        <ReceiptLink job={await job(jobId)} />
      </MemoryRouter>,
    );
    expect(screen.getByRole('link', { name: 'Pick-up receipt' }).getAttribute('href')).toBe(
      `/jobs/${jobId}/receipt`,
    );
  });
});
