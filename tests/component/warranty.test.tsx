// Warranty: the shop's days in Settings, the job's warranty panel, and a warranty redo opened as a
// new job linked both ways, refused (storing nothing) once the warranty has ended.
import { Blob as NodeBlob } from 'node:buffer';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import {
  applyEvents,
  db,
  envelopePrefix,
  getShop,
  openJob,
  putPhoto,
  useJob,
  useShop,
} from '../../src/db';
import { openWarrantyRedo, setWarrantyDays } from '../../src/db/warrantyOperations';
import type { ServiceKind } from '../../src/domain/checklists';
import { formatStamp } from '../../src/domain/clock';
import { dayText, localDay } from '../../src/domain/dates';
import { newJobId, newUlid } from '../../src/domain/ids';
import type { StaffMember } from '../../src/domain/staff';
import type { EventData, StoredEvent } from '../../src/protocol/events';
import { EnvelopeLabelScreen } from '../../src/screens/label/EnvelopeLabelScreen';
import { WarrantySection } from '../../src/screens/settings/WarrantySection';
import { WarrantyPanel } from '../../src/screens/jobs/job/WarrantyPanel';
import { DEVICE_B, event, openedData } from '../support/events';
import { intake, job } from './jobPageHelpers';
import { signedIn } from './staffHelpers';

// ---- Jobs as another tablet recorded them: opened, and picked up some days ago ----

/** Local noon `daysAgo` days before today: its local day is exactly that many days back. */
function noonDaysAgo(daysAgo: number): number {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysAgo, 12).getTime();
}

/** The local day `days` after local noon `daysAgo` days ago, in words. */
function dayInWords(daysAgo: number, days: number): string {
  const now = new Date();
  return dayText(
    localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysAgo + days, 12)),
  );
}

let counter = 0;
function stampAtMs(ms: number): string {
  return formatStamp({ ms, counter: counter++, device: DEVICE_B });
}

type Service = EventData<'job.opened'>['services'][number];

/** Details each kind asks for at intake (openJob checks them). */
const DETAILS: Partial<Record<ServiceKind, Service['details']>> = {
  ring_sizing_up: { current_size: 16.51, target_size: 17.32 },
  prong_retipping: { prong_count: 4, which_prongs: 'all four of the centre stone' },
  polishing: { finish: 'high_polish' },
};

interface PastJob {
  jobId: string;
  services: Service[];
}

/**
 * A job opened `openedDaysAgo` days ago on another tablet and, if `pickedUpDaysAgo` is given,
 * collected then: as it comes to this tablet in a pull.
 */
async function pastJob(
  kinds: readonly ServiceKind[],
  opts: {
    openedDaysAgo: number;
    pickedUpDaysAgo?: number;
    actor: string;
    envelope?: string;
    email?: string;
  },
): Promise<PastJob> {
  const jobId = newUlid();
  const services = kinds.map((kind) => ({ id: newUlid(), kind, details: DETAILS[kind] ?? {} }));
  const base = openedData();
  const data = openedData({
    envelope: { number: opts.envelope ?? 'K7-0042', preprinted: false },
    services,
    customer: {
      ...base.customer,
      ...(opts.email ? { email: opts.email, notifyByEmail: true } : {}),
    },
    statedValueCents: 120_000,
    insuranceValueCents: 150_000,
  });
  const events: StoredEvent[] = [
    event(
      jobId,
      'job.opened',
      data,
      stampAtMs(noonDaysAgo(opts.openedDaysAgo) - 3_600_000),
      opts.actor,
    ),
  ];
  if (opts.pickedUpDaysAgo !== undefined) {
    const at = noonDaysAgo(opts.pickedUpDaysAgo);
    events.push(
      event(jobId, 'weight.logged', { kind: 'return', grams: 3.45 }, stampAtMs(at - 1), opts.actor),
      event(jobId, 'status.changed', { status: 'collected' }, stampAtMs(at), opts.actor),
    );
  }
  await applyEvents(db, events, { local: false });
  return { jobId, services };
}

/** A customer's signature already kept on this tablet, filed under `jobId`; its SHA-256. */
async function storedSignature(jobId: string, sha256 = 'b'.repeat(64)): Promise<string> {
  const svg = new Blob(['<svg/>'], { type: 'image/svg+xml' });
  await putPhoto(db, {
    sha256,
    jobId,
    blob: svg,
    thumbnail: svg,
    mimeType: 'image/svg+xml',
    bytes: svg.size,
    width: 0,
    height: 0,
    uploaded: 0,
    createdAt: 0,
  });
  return sha256;
}

// ---- The panel on its own page, with the label page to go to ----

function PanelPage({ actor }: { actor: StaffMember | null }) {
  const { jobId = '' } = useParams();
  const found = useJob(jobId);
  const shop = useShop();
  if (!found || !shop) return null;
  const names = new Map(shop.staff.map((s) => [s.id, s.name]));
  return (
    <main aria-label={`Page of ${found.envelopeNumber}`}>
      <WarrantyPanel job={found} actor={actor} nameOf={(id) => names.get(id) ?? id} />
    </main>
  );
}

function renderPanel(jobId: string, actor: StaffMember | null) {
  return render(
    <MemoryRouter initialEntries={[`/jobs/${jobId}`]}>
      <Routes>
        <Route path="/jobs/:jobId" element={<PanelPage actor={actor} />} />
        <Route path="/jobs/:jobId/label" element={<EnvelopeLabelScreen />} />
      </Routes>
    </MemoryRouter>,
  );
}

/** The Settings screen's warranty section on its own (the rest of Settings is other work). */
function renderSettings() {
  return render(<WarrantySection />);
}

function panel(): HTMLElement {
  return screen.getByRole('region', { name: 'Warranty' });
}

async function serviceLine(name: string): Promise<string> {
  const list = await screen.findByRole('list', { name: 'Warranty per service' });
  const item = within(list)
    .getAllByRole('listitem')
    .find((li) => li.textContent.startsWith(name));
  if (!item) throw new Error(`No warranty line for ${name}`);
  return item.textContent;
}

/** A signature as the customer draws it on the pad. */
function sign() {
  const pad = screen.getByRole('img', { name: 'Customer’s signature' });
  fireEvent.pointerDown(pad, { pointerId: 1, clientX: 40, clientY: 60 });
  fireEvent.pointerMove(pad, { pointerId: 1, clientX: 120, clientY: 90 });
  fireEvent.pointerUp(pad, { pointerId: 1 });
}

/** Everything this tablet stores that a refused operation must leave as it was. */
async function storedCounts() {
  return {
    events: await db.events.count(),
    jobs: await db.jobs.count(),
    outbox: await db.outbox.count(),
    photos: await db.photos.count(),
    nextSeq: (await db.meta.get('envelope.nextSeq'))?.value,
  };
}

beforeEach(() => {
  // jsdom has no pointer capture; the signature pad asks for it on every stroke.
  Element.prototype.setPointerCapture = vi.fn();
  // jsdom's Blob hands out ArrayBuffers Node's WebCrypto refuses to hash; Node's own is a real one.
  vi.stubGlobal('Blob', NodeBlob);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('Settings: warranty days', () => {
  it('shows the default days, saves a change and marks it changed', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    renderSettings();
    const form = await screen.findByRole('form', { name: 'Warranty days' });
    const polishing = within(form).getByLabelText<HTMLInputElement>('Polishing and finishing');
    expect(polishing.value).toBe('30');
    expect(within(form).getByLabelText<HTMLInputElement>('Prong re-tipping').value).toBe('90');
    expect(within(form).getByLabelText<HTMLInputElement>('Cleaning').value).toBe('0');
    expect(polishing.getAttribute('aria-describedby')).toBeTruthy();
    const note = () =>
      document.getElementById(polishing.getAttribute('aria-describedby') ?? '')?.textContent;
    expect(note()).toBe('Default');

    await user.clear(polishing);
    await user.type(polishing, '45');
    await user.click(within(form).getByRole('button', { name: 'Save warranty days' }));

    expect(await screen.findByText('Saved: Polishing and finishing 45 days.')).toBeTruthy();
    expect((await getShop(db)).warrantyDays).toEqual({ polishing: 45 });
    const set = (await db.events.toArray()).filter((e) => e.type === 'warranty.set');
    expect(set).toEqual([
      expect.objectContaining({
        jobId: 'shop',
        actor: mia.id,
        data: { serviceKind: 'polishing', days: 45 },
      }),
    ]);
    await waitFor(() => {
      const box = screen.getByLabelText<HTMLInputElement>('Polishing and finishing');
      expect(box.value).toBe('45');
      expect(document.getElementById(box.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
        'Changed · default 30 days',
      );
    });
  });

  it('refuses a bad value, naming the service, and stores none of the changes', async () => {
    const user = userEvent.setup();
    await signedIn('Mia Berg');
    renderSettings();
    const form = await screen.findByRole('form', { name: 'Warranty days' });
    const before = await storedCounts();

    await user.clear(within(form).getByLabelText('Polishing and finishing'));
    await user.type(within(form).getByLabelText('Polishing and finishing'), '60');
    const sizing = within(form).getByLabelText('Ring sizing up');
    await user.clear(sizing);
    await user.type(sizing, '2.5');
    const chain = within(form).getByLabelText('Chain soldering');
    await user.clear(chain);
    await user.type(chain, 'ninety');
    await user.click(within(form).getByRole('button', { name: 'Save warranty days' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Ring sizing up: Use whole days. Chain soldering: Enter the warranty in days.',
    );
    expect(sizing.getAttribute('aria-invalid')).toBe('true');
    expect(chain.getAttribute('aria-invalid')).toBe('true');
    expect(
      within(form).getByLabelText('Polishing and finishing').getAttribute('aria-invalid'),
    ).toBe('false');
    expect(await storedCounts()).toEqual(before);
    expect((await getShop(db)).warrantyDays).toEqual({});
  });

  it('refuses a negative or absurd value when called directly too', async () => {
    const mia = await signedIn('Mia Berg');
    const before = await storedCounts();
    await expect(setWarrantyDays(db, { polishing: -1 }, mia.id)).rejects.toThrow(
      'Polishing and finishing: A warranty cannot be negative.',
    );
    await expect(setWarrantyDays(db, { polishing: 30, cleaning: 5000 }, mia.id)).rejects.toThrow(
      'Cleaning: A warranty over ten years is surely a typo.',
    );
    expect(await storedCounts()).toEqual(before);
  });

  it('shows the days without boxes to nobody signed in', async () => {
    const mia = await signedIn('Mia Berg');
    await setWarrantyDays(db, { prong_retipping: 120 }, mia.id);
    const { useSession } = await import('../../src/stores/sessionStore');
    useSession.getState().signOut();
    renderSettings();
    expect(
      await screen.findByText('Sign in (top right) to change the warranty days.'),
    ).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Warranty days' });
    const prongs = within(list)
      .getAllByRole('listitem')
      .find((li) => li.textContent.startsWith('Prong re-tipping'));
    expect(prongs?.textContent).toBe('Prong re-tipping120 daysChanged · default 90 days');
    expect(screen.queryByRole('form', { name: 'Warranty days' })).toBeNull();
  });
});

describe('Job page: the warranty panel', () => {
  it('before pick-up: each service’s length from pick-up, and no redo', async () => {
    const mia = await signedIn('Mia Berg');
    const { jobId } = await openJob(
      db,
      intake({
        services: [
          { kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } },
          { kind: 'prong_retipping', details: DETAILS.prong_retipping ?? {} },
          { kind: 'cleaning', details: {} },
        ],
      }),
      mia.id,
    );
    renderPanel(jobId, mia);
    expect(await serviceLine('Ring sizing up')).toBe('Ring sizing up30 days from pick-up');
    expect(await serviceLine('Prong re-tipping')).toBe('Prong re-tipping90 days from pick-up');
    expect(await serviceLine('Cleaning')).toBe('CleaningNo warranty');
    expect(within(panel()).queryByRole('button', { name: 'Warranty redo' })).toBeNull();
  });

  it('after pick-up: until when, covered today or ended, in words', async () => {
    const mia = await signedIn('Mia Berg');
    const { jobId } = await pastJob(['ring_sizing_up', 'prong_retipping'], {
      openedDaysAgo: 50,
      pickedUpDaysAgo: 40,
      actor: mia.id,
    });
    renderPanel(jobId, mia);
    expect(await serviceLine('Ring sizing up')).toBe(
      `Ring sizing upEnded ${dayInWords(40, 30)} · 30 days`,
    );
    expect(await serviceLine('Prong re-tipping')).toBe(
      `Prong re-tippingCovered until ${dayInWords(40, 90)} · 51 days left`,
    );
    expect(within(panel()).getByText(`Picked up ${dayInWords(40, 0)}.`)).toBeTruthy();
    expect(within(panel()).getByRole('button', { name: 'Warranty redo' })).toBeTruthy();
  });

  it('offers no redo once every warranty has ended', async () => {
    const mia = await signedIn('Mia Berg');
    const { jobId } = await pastJob(['polishing'], {
      openedDaysAgo: 60,
      pickedUpDaysAgo: 31,
      actor: mia.id,
    });
    renderPanel(jobId, mia);
    expect(await serviceLine('Polishing and finishing')).toMatch(/^Polishing and finishingEnded /);
    expect(within(panel()).queryByRole('button', { name: 'Warranty redo' })).toBeNull();
  });
});

describe('Warranty redo', () => {
  it('opens a linked job both ways, on the next envelope of this tablet, and goes to its label', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    // A job taken in on this tablet first: the redo's envelope must be the next of the same series.
    const first = await openJob(db, intake(), mia.id);
    const original = await pastJob(['ring_sizing_up', 'prong_retipping', 'cleaning'], {
      openedDaysAgo: 20,
      pickedUpDaysAgo: 10,
      actor: mia.id,
      email: 'anna@example.com',
    });
    renderPanel(original.jobId, mia);
    await user.click(
      await within(await screen.findByRole('region', { name: 'Warranty' })).findByRole('button', {
        name: 'Warranty redo',
      }),
    );

    const sheet = screen.getByRole('dialog', { name: 'Warranty redo' });
    const sizing = within(sheet).getByRole('checkbox', {
      name: /^Ring sizing up \(covered until /,
    });
    const prongs = within(sheet).getByRole('checkbox', { name: /Prong re-tipping/ });
    const cleaning = within(sheet).getByRole('checkbox', { name: /Cleaning/ });
    expect(sizing.getAttribute('aria-checked')).toBe('true');
    expect(prongs.getAttribute('aria-checked')).toBe('true');
    expect(cleaning.getAttribute('aria-checked')).toBe('false');
    expect((cleaning as HTMLButtonElement).disabled).toBe(true);
    expect(cleaning.textContent).toContain('(no warranty)');
    expect(within(sheet).getByText(/it went home at 3\.45 g\./)).toBeTruthy();
    expect(within(sheet).getByText(/nothing noted|Worn prongs/)).toBeTruthy();

    await user.click(prongs);
    await user.type(
      within(sheet).getByLabelText('What came back wrong'),
      ' Shank split at the join ',
    );
    await user.type(within(sheet).getByLabelText('Weight now (g)'), '3,40');
    await user.click(within(sheet).getByRole('button', { name: '+1 week' }));
    await user.type(
      within(sheet).getByLabelText('Notes — optional'),
      'Customer waited at the counter.',
    );
    await user.click(within(sheet).getByRole('switch', { name: /Email anna@example.com/ }));
    sign();
    await user.click(within(sheet).getByRole('button', { name: 'Open warranty redo' }));

    // The label page of the new job, to print its envelope.
    const prefix = await envelopePrefix(db);
    const expectedNumber = first.envelopeNumber.replace(/-\d+$/, '-0002');
    expect(first.envelopeNumber).toBe(`${prefix}-0001`);
    expect(await screen.findByLabelText(`Label of envelope ${expectedNumber}`)).toBeTruthy();

    const originalNow = await job(original.jobId);
    expect(originalNow.status).toBe('collected');
    expect(originalNow.warrantyClaims).toEqual([
      expect.objectContaining({
        redoEnvelope: expectedNumber,
        serviceIds: [original.services[0]?.id],
        reason: 'Shank split at the join',
        by: mia.id,
      }),
    ]);
    const redoId = originalNow.warrantyClaims[0]?.redoJobId ?? '';
    const redo = await job(redoId);
    expect(redo).toMatchObject({
      envelopeNumber: expectedNumber,
      preprinted: false,
      status: 'received',
      redoOf: {
        jobId: original.jobId,
        envelopeNumber: 'K7-0042',
        serviceIds: [original.services[0]?.id],
      },
      customer: { name: 'Anna Lindqvist', email: 'anna@example.com', notifyByEmail: true },
      item: originalNow.item,
      condition: originalNow.condition,
      estimateCents: 0,
      statedValueCents: 120_000,
      insuranceValueCents: 150_000,
      intakeWeightG: 3.4,
      intakeNotes: 'Customer waited at the counter.',
      rush: false,
    });
    expect(redo.services.map((s) => [s.kind, s.details])).toEqual([
      ['ring_sizing_up', { current_size: 16.51, target_size: 17.32 }],
    ]);
    expect(redo.services[0]?.id).not.toBe(original.services[0]?.id);
    expect(await db.photos.get(redo.intakeSignatureSha256 ?? '')).toMatchObject({ jobId: redoId });
    // Promised a week from today, as the quick button said.
    const now = new Date();
    expect(redo.promisedDate).toBe(
      localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 7, 12)),
    );
  });

  it('lists the claim on the original and names the original on the redo, each linking to the other', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const original = await pastJob(['ring_sizing_up'], {
      openedDaysAgo: 20,
      pickedUpDaysAgo: 10,
      actor: mia.id,
    });
    const redoJobId = newJobId();
    const signatureSha256 = await storedSignature(redoJobId);
    const opened = await openWarrantyRedo(
      db,
      {
        originalJobId: original.jobId,
        serviceIds: [original.services[0]?.id ?? ''],
        reason: 'Came back too tight',
        weightG: 3.41,
        promisedDate: localDay(),
        jobId: redoJobId,
        signatureSha256,
      },
      mia.id,
    );

    renderPanel(original.jobId, mia);
    const claims = await screen.findByRole('list', { name: 'Warranty redos' });
    const link = within(claims).getByRole('link', { name: opened.envelopeNumber });
    expect(link.getAttribute('href')).toBe(`/jobs/${opened.jobId}`);
    const claim = within(claims).getByRole('listitem');
    // The redo's own state, read from the redo job.
    expect(await within(claim).findByText('Received')).toBeTruthy();
    expect(claim.textContent).toMatch(
      new RegExp(`^${opened.envelopeNumber}ReceivedRing sizing up: Came back too tightMia Berg · `),
    );

    // The piece is in the redo's envelope now: no second redo is offered.
    expect(
      within(panel()).getByText(
        `Back in for a warranty redo in envelope ${opened.envelopeNumber}: record the work on that job.`,
      ),
    ).toBeTruthy();
    expect(within(panel()).queryByRole('button', { name: 'Warranty redo' })).toBeNull();

    await user.click(link);
    const redoPage = await screen.findByRole('main', { name: `Page of ${opened.envelopeNumber}` });
    const back = await within(redoPage).findByRole('link', { name: 'K7-0042' });
    const redoOf = within(redoPage).getByRole('group', { name: 'Warranty redo of K7-0042' });
    await waitFor(() => {
      expect([...redoOf.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
        'Warranty redo of K7-0042',
        'Came back: Came back too tight',
      ]);
    });
    expect(await serviceLine('Ring sizing up')).toBe('Ring sizing up30 days from pick-up');
    // A redo not yet picked up offers no redo of its own.
    expect(within(panel()).queryByRole('button', { name: 'Warranty redo' })).toBeNull();

    await user.click(back);
    expect(await screen.findByRole('main', { name: 'Page of K7-0042' })).toBeTruthy();
  });

  it('asks for what is missing in the sheet and stores nothing, not even the signature', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const original = await pastJob(['ring_sizing_up'], {
      openedDaysAgo: 20,
      pickedUpDaysAgo: 10,
      actor: mia.id,
    });
    renderPanel(original.jobId, mia);
    await user.click(await screen.findByRole('button', { name: 'Warranty redo' }));
    const sheet = screen.getByRole('dialog', { name: 'Warranty redo' });
    await user.click(within(sheet).getByRole('checkbox', { name: /Ring sizing up/ }));
    sign();
    const before = await storedCounts();
    await user.click(within(sheet).getByRole('button', { name: 'Open warranty redo' }));

    await waitFor(() => {
      expect(
        within(sheet)
          .getAllByRole('alert')
          .map((a) => a.textContent),
      ).toEqual([
        'Choose the services to redo under warranty.',
        'Say what came back wrong.',
        'Weigh the piece on the calibrated scale and enter its weight in grams.',
        'Choose the promised date.',
      ]);
    });
    expect(within(sheet).getByLabelText('What came back wrong').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await storedCounts()).toEqual(before);
    expect((await job(original.jobId)).warrantyClaims).toEqual([]);
  });
});

describe('openWarrantyRedo: checked as it writes', () => {
  function input(original: PastJob, jobId: string, signatureSha256: string) {
    return {
      originalJobId: original.jobId,
      serviceIds: original.services.map((s) => s.id),
      reason: 'Stone loose again',
      weightG: 3.4,
      promisedDate: localDay(),
      jobId,
      signatureSha256,
    };
  }

  it('refuses an ended warranty, naming the ended services, and stores nothing', async () => {
    const mia = await signedIn('Mia Berg');
    // Picked up 40 days ago: sizing (30 days) has ended, prongs (90) still hold.
    const original = await pastJob(['ring_sizing_up', 'prong_retipping'], {
      openedDaysAgo: 50,
      pickedUpDaysAgo: 40,
      actor: mia.id,
    });
    const jobId = newJobId();
    const signature = await storedSignature(jobId);
    const before = await storedCounts();

    await expect(openWarrantyRedo(db, input(original, jobId, signature), mia.id)).rejects.toThrow(
      `The warranty has ended for Ring sizing up (ended ${dayInWords(40, 30)}): that is paid work, a new job.`,
    );
    expect(await storedCounts()).toEqual(before);
    expect((await job(original.jobId)).warrantyClaims).toEqual([]);

    // The shop's longer warranty for sizing makes the same redo good.
    await setWarrantyDays(db, { ring_sizing_up: 60 }, mia.id);
    const opened = await openWarrantyRedo(db, input(original, jobId, signature), mia.id);
    expect((await job(opened.jobId)).redoOf?.jobId).toBe(original.jobId);
  });

  it('writes the redo and the claim together or not at all', async () => {
    const mia = await signedIn('Mia Berg');
    const original = await pastJob(['ring_sizing_up'], {
      openedDaysAgo: 20,
      pickedUpDaysAgo: 10,
      actor: mia.id,
    });
    const jobId = newJobId();
    const signature = await storedSignature(jobId);
    const before = await storedCounts();
    // The store fails as the claim is written, after the new job's opening was.
    const failClaim = (_key: unknown, row: StoredEvent) => {
      if (row.type === 'warranty.claimed') throw new Error('The disk is full.');
    };
    db.events.hook('creating', failClaim);
    try {
      await expect(openWarrantyRedo(db, input(original, jobId, signature), mia.id)).rejects.toThrow(
        'The disk is full.',
      );
    } finally {
      db.events.hook('creating').unsubscribe(failClaim);
    }
    expect(await storedCounts()).toEqual(before);
    expect(await db.jobs.get(jobId)).toBeUndefined();
  });

  it('refuses a job not picked up, a voided one, a second open redo, and a missing signature', async () => {
    const mia = await signedIn('Mia Berg');
    const open = await pastJob(['prong_retipping'], { openedDaysAgo: 2, actor: mia.id });
    const jobId = newJobId();
    const signature = await storedSignature(jobId);
    const before = await storedCounts();
    await expect(openWarrantyRedo(db, input(open, jobId, signature), mia.id)).rejects.toThrow(
      'Job K7-0042 has not been picked up: its warranty starts at pick-up. Do the work on that job.',
    );

    const voided = await pastJob(['prong_retipping'], { openedDaysAgo: 2, actor: mia.id });
    await applyEvents(
      db,
      [
        event(
          voided.jobId,
          'job.voided',
          { reason: 'Opened twice' },
          stampAtMs(noonDaysAgo(1)),
          mia.id,
        ),
      ],
      { local: false },
    );
    const afterVoid = await storedCounts();
    await expect(openWarrantyRedo(db, input(voided, jobId, signature), mia.id)).rejects.toThrow(
      'Job K7-0042 was voided: it carries no warranty.',
    );
    expect(await storedCounts()).toEqual(afterVoid);

    const picked = await pastJob(['prong_retipping'], {
      openedDaysAgo: 20,
      pickedUpDaysAgo: 10,
      actor: mia.id,
    });
    const noSignature = { ...input(picked, jobId, 'c'.repeat(64)), reason: '  ' };
    const beforeBad = await storedCounts();
    await expect(openWarrantyRedo(db, noSignature, mia.id)).rejects.toThrow(
      'Say what came back wrong. The customer signs for the piece taken in.',
    );
    expect(await storedCounts()).toEqual(beforeBad);

    const first = await openWarrantyRedo(db, input(picked, jobId, signature), mia.id);
    const secondId = newJobId();
    const afterFirst = await storedCounts();
    await expect(openWarrantyRedo(db, input(picked, secondId, signature), mia.id)).rejects.toThrow(
      `The piece is already back for a warranty redo, envelope ${first.envelopeNumber}: record the work there.`,
    );
    expect(await storedCounts()).toEqual(afterFirst);
    expect(before.jobs).toBe(1);
  });
});
