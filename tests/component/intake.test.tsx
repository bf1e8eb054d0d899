// The intake screen over a real Dexie on fake-indexeddb: what it asks, what it refuses, what it stores.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Blob as NodeBlob, File as NodeFile } from 'node:buffer';
import { MemoryRouter, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db, openJob } from '../../src/db';
import { localDay } from '../../src/domain/dates';
import { ringSizeViews, usToMm } from '../../src/domain/ringSizes';
import type { ProcessedPhoto } from '../../src/photos/process';
import { newJobOnEnvelopePath } from '../../src/scan/resolveScan';
import { IntakeScreen } from '../../src/screens/intake/IntakeScreen';
import { INTAKE_DRAFT_KEY } from '../../src/screens/intake/intakeDraft';
import { addDays } from '../../src/screens/intake/intakeForm';
import { addPerson, signedIn } from './staffHelpers';

// jsdom has no canvas: a photo of the piece is "processed" into a generated PNG (tests/support).
// The signature is an SVG, kept as drawn, and never goes through this.
vi.mock('../../src/photos/process', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/photos/process')>();
  const { fakeProcessed } = await import('../support/photos');
  return { ...original, processPhoto: (): Promise<ProcessedPhoto> => fakeProcessed() };
});

type User = ReturnType<typeof userEvent.setup>;

// A take-in is a lot of typing: no pause between keys keeps these tests quick.
const setupUser = () => userEvent.setup({ delay: null });

function JobStub() {
  const { jobId = '' } = useParams();
  return <p>Job page of {jobId}</p>;
}

function LabelStub() {
  const { jobId = '' } = useParams();
  return <p>Label of {jobId}</p>;
}

/** Where the app is: the intake screen may take something out of its own address. */
function LocationProbe() {
  const { pathname, search } = useLocation();
  return <output data-testid="location">{pathname + search}</output>;
}

/** The header's scanner sheet offering "Open a new job on envelope CODE", on any screen. */
function ScanOffer({ code }: { code: string }) {
  const navigate = useNavigate();
  return (
    <button
      type="button"
      onClick={() => {
        void navigate(newJobOnEnvelopePath(code));
      }}
    >
      Open a new job on envelope {code}
    </button>
  );
}

function renderIntake(path = '/intake', scanned?: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/intake" element={<IntakeScreen />} />
        <Route path="/jobs/:jobId" element={<JobStub />} />
        <Route path="/jobs/:jobId/label" element={<LabelStub />} />
      </Routes>
      <LocationProbe />
      {scanned !== undefined && <ScanOffer code={scanned} />}
    </MemoryRouter>,
  );
}

const saveButton = () => screen.getByRole('button', { name: 'Save and open job' });

async function sign() {
  const pad = screen.getByRole('img', { name: 'Customer signs here' });
  fireEvent.pointerDown(pad, { pointerId: 1, clientX: 20, clientY: 120 });
  fireEvent.pointerMove(pad, { pointerId: 1, clientX: 140, clientY: 60 });
  fireEvent.pointerMove(pad, { pointerId: 1, clientX: 260, clientY: 130 });
  fireEvent.pointerUp(pad, { pointerId: 1, clientX: 260, clientY: 130 });
  expect(await screen.findByText('Signed.')).toBeTruthy();
}

/** The least a take-in needs, with a cleaning (no details asked) as its service. */
async function fillMinimal(user: User) {
  await user.type(await screen.findByLabelText("Customer's name"), 'Bo Ek');
  await user.click(screen.getByRole('radio', { name: 'Chain' }));
  await user.type(screen.getByLabelText('Description'), 'white metal chain');
  await user.type(screen.getByLabelText('Intake weight (g)'), '8.1');
  await user.click(screen.getByRole('button', { name: '+ Cleaning' }));
  await user.type(screen.getByLabelText('Insurance value'), '200');
  await user.click(screen.getByRole('button', { name: 'Tomorrow' }));
  await sign();
}

beforeEach(() => {
  sessionStorage.clear();
  // Thumbnails of intake photos are shown from object URLs, which jsdom does not make.
  let n = 0;
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: vi.fn(() => `blob:loupe-test/${n++}`),
      revokeObjectURL: vi.fn(),
    }),
  );
  // jsdom has no pointer capture; the signature pad asks for it on an SVG element.
  Element.prototype.setPointerCapture = () => undefined;
  // jsdom's Blob neither survives fake-indexeddb's structured clone nor hands Web Crypto an
  // ArrayBuffer it accepts (tests/support/photos.ts): the pad's signature is made as a Node Blob.
  vi.stubGlobal('Blob', NodeBlob);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

// A whole take-in types into a dozen fields: more than the default 5 s on a busy CI machine.
describe('Intake', { timeout: 20_000 }, () => {
  it('asks who is at the counter before anything can be taken in', async () => {
    renderIntake();
    expect(await screen.findByRole('heading', { name: 'Who’s at the bench?' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save and open job' })).toBeNull();
  });

  it('lists exactly what is missing on an empty form, goes to a field from the list, stores nothing', async () => {
    const user = setupUser();
    await signedIn();
    const eventsBefore = await db.events.count();
    renderIntake();
    await user.click(await screen.findByRole('button', { name: 'Save and open job' }));

    const summary = await screen.findByRole('alert', { name: 'Not saved yet: 8 things to do' });
    expect(
      within(summary)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      "Customer's name is missing.",
      'Item kind is missing: tap what the piece is.',
      'Item description is missing: describe it generically, like “yellow metal ring with one white stone”.',
      'Insurance value is missing: record an insurance value on every job.',
      'Add at least one service.',
      'Promised date is missing: tap a quick button or choose a date.',
      'Intake weight is missing: weigh the piece on the calibrated scale.',
      'The customer has not signed.',
    ]);
    await waitFor(() => {
      expect(document.activeElement).toBe(summary);
    });
    // The field itself is marked too.
    const name = screen.getByLabelText("Customer's name");
    expect(name.getAttribute('aria-invalid')).toBe('true');

    await user.click(within(summary).getByRole('button', { name: "Customer's name is missing." }));
    expect(document.activeElement).toBe(name);
    await user.click(
      within(summary).getByRole('button', {
        name: 'Intake weight is missing: weigh the piece on the calibrated scale.',
      }),
    );
    expect(document.activeElement).toBe(screen.getByLabelText('Intake weight (g)'));

    // Fixing a field takes it off the list.
    await user.type(name, 'Anna');
    expect(within(summary).queryByText("Customer's name is missing.")).toBeNull();
    expect(name.getAttribute('aria-invalid')).toBe('false');

    expect(await db.events.count()).toBe(eventsBefore);
    expect(await db.jobs.count()).toBe(0);
    expect(await db.photos.count()).toBe(0);
  });

  it('shows a service detail problem next to its field', async () => {
    const user = setupUser();
    await signedIn();
    renderIntake();
    await user.click(await screen.findByRole('button', { name: '+ Ring sizing up' }));
    await user.type(screen.getByLabelText('Current size'), '7');
    await user.type(screen.getByLabelText('Target size'), '6');
    await user.click(saveButton());

    const summary = await screen.findByRole('alert', { name: /Not saved yet/ });
    // Sizes typed in US sizes are kept (and reported) in mm: US 7 ≈ 17.32, US 6 ≈ 16.51.
    const message = `Target size must be larger than the current size for sizing up (current ${usToMm(7)} mm, target ${usToMm(6)} mm).`;
    expect(within(summary).getByText(`Ring sizing up: ${message}`)).toBeTruthy();
    const service = screen.getByRole('listitem', { name: 'Ring sizing up' });
    expect(within(service).getByText(message)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Remove Ring sizing up' }));
    expect(within(summary).getByText('Add at least one service.')).toBeTruthy();
  });

  it('takes in a ring: saves one job as the person signed in, with its signature, and shows its number', async () => {
    const user = setupUser();
    const mia = await signedIn('Mia Berg');
    renderIntake();

    expect(await screen.findByText('Taken in by Mia Berg')).toBeTruthy();
    await user.type(screen.getByLabelText("Customer's name"), 'Anna Lindqvist');
    await user.type(screen.getByLabelText(/^Phone/), '+46 70 123 45 67');
    await user.click(screen.getByRole('radio', { name: 'Ring' }));
    await user.type(screen.getByLabelText('Description'), 'Yellow metal ring with one white stone');
    await user.click(screen.getByRole('button', { name: 'Stamp illegible' }));
    await user.selectOptions(screen.getByLabelText(/^Metal/), '14k yellow gold');
    await user.click(screen.getByRole('button', { name: '+ Add stones' }));
    const stone = screen.getByRole('listitem', { name: 'Stone row 1' });
    await user.click(within(stone).getByRole('button', { name: 'White' }));
    await user.type(within(stone).getByLabelText(/^Size \(mm\)/), '5,2');

    await user.click(screen.getByRole('button', { name: 'Worn prongs' }));
    await user.click(screen.getByRole('button', { name: 'Thin shank' }));
    await user.type(screen.getByLabelText(/^Other condition notes/), 'old solder seam');
    await user.type(screen.getByLabelText('Intake weight (g)'), '3,42');

    await user.click(screen.getByRole('button', { name: '+ Ring sizing up' }));
    await user.type(screen.getByLabelText('Current size'), '6');
    await user.type(screen.getByLabelText('Target size'), '7');
    expect(screen.getByText(/US 7 · UK/)).toBeTruthy();

    await user.type(screen.getByLabelText('Insurance value'), '1500');
    await user.type(screen.getByLabelText(/^Customer's stated value/), '1 200,50');
    await user.type(screen.getByLabelText(/^Estimate/), '85');
    const oneWeek = screen.getByRole('button', { name: '+1 week' });
    await user.click(oneWeek);
    expect(oneWeek.getAttribute('aria-pressed')).toBe('true');
    await user.click(screen.getByRole('switch', { name: 'Rush' }));
    await sign();

    await user.click(saveButton());
    const number = await screen.findByTestId('envelope-number');

    const jobs = await db.jobs.toArray();
    expect(jobs).toHaveLength(1);
    const job = jobs[0];
    if (!job) throw new Error('no job');
    expect(number.textContent).toBe(job.envelopeNumber);
    expect(job.envelopeNumber).toMatch(/^[A-Z][0-9A-Z]-0001$/);
    expect(job.preprinted).toBe(false);
    expect(job.customer).toEqual({ name: 'Anna Lindqvist', phone: '+46 70 123 45 67' });
    expect(job.item).toEqual({
      kind: 'ring',
      description: 'Yellow metal ring with one white stone',
      alloyId: 'au14y',
      stamps: 'Stamp illegible',
      stones: [{ count: 1, kind: 'white stone', sizeMm: 5.2 }],
    });
    expect(job.condition).toMatchObject({
      wornProngs: true,
      thinShank: true,
      looseStones: false,
      other: 'old solder seam',
    });
    expect(job.services).toHaveLength(1);
    const sizing = job.services[0];
    expect(sizing?.kind).toBe('ring_sizing_up');
    expect(sizing?.details.current_size).toBeCloseTo(usToMm(6), 2);
    expect(sizing?.details.target_size).toBeCloseTo(usToMm(7), 2);
    expect(job.promisedDate).toBe(addDays(localDay(), 7));
    expect(job.rush).toBe(true);
    expect(job.intakeWeightG).toBe(3.42);
    expect(job.insuranceValueCents).toBe(150000);
    expect(job.statedValueCents).toBe(120050);
    expect(job.estimateCents).toBe(8500);
    expect(job.intakeSignatureSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(job.opened.by).toBe(mia.id);

    const signature = await db.photos.get(job.intakeSignatureSha256 ?? '');
    expect(signature).toMatchObject({ jobId: job.id, mimeType: 'image/svg+xml' });
    const opened = (await db.events.toArray()).filter((e) => e.type === 'job.opened');
    expect(opened).toHaveLength(1);
    expect(opened[0]?.actor).toBe(mia.id);
    expect(sessionStorage.getItem(INTAKE_DRAFT_KEY)).toBeNull();

    await user.click(screen.getByRole('link', { name: 'Print envelope label' }));
    expect(await screen.findByText(`Label of ${job.id}`)).toBeTruthy();
  });

  it('takes a pre-printed envelope code from a scanner: its Enter moves on and saves nothing', async () => {
    const user = setupUser();
    await signedIn();
    renderIntake();
    await user.click(await screen.findByRole('radio', { name: 'Pre-printed envelope' }));
    const code = screen.getByLabelText('Envelope code');
    expect(document.activeElement).toBe(code);
    await user.type(code, 'env-1234{Enter}');
    expect(document.activeElement).toBe(screen.getByLabelText("Customer's name"));
    expect(screen.queryByRole('alert', { name: /Not saved/ })).toBeNull();
    expect(await db.jobs.count()).toBe(0);

    await user.click(screen.getByRole('switch', { name: 'Several pieces in this visit' }));
    expect(screen.getByRole('group', { name: 'Job N of M' }).textContent).toContain('Job−1+of−2+');
    await fillMinimal(user);
    await user.click(saveButton());

    expect((await screen.findByTestId('envelope-number')).textContent).toBe('ENV-1234');
    expect(screen.getByText('Pre-printed envelope')).toBeTruthy();
    expect(screen.getByText('Job 1 of 2')).toBeTruthy();
    const [job] = await db.jobs.toArray();
    expect(job).toMatchObject({
      envelopeNumber: 'ENV-1234',
      preprinted: true,
      part: { index: 1, of: 2 },
    });

    // The second piece of the visit: same customer and day, a new envelope and a new signature.
    await user.click(screen.getByRole('button', { name: 'Next piece: job 2 of 2' }));
    expect(screen.getByLabelText<HTMLInputElement>("Customer's name").value).toBe('Bo Ek');
    expect(screen.getByRole('group', { name: 'Job N of M' }).textContent).toContain('Job−2+of−2+');
    expect(screen.queryByText('Signed.')).toBeNull();
    expect(screen.getByLabelText<HTMLInputElement>('Description').value).toBe('');
  });

  it('keeps the draft through a reload, without the signature, and says so', async () => {
    const user = setupUser();
    await signedIn();
    const first = renderIntake();
    await user.type(await screen.findByLabelText("Customer's name"), 'Anna Lindqvist');
    await user.click(screen.getByRole('radio', { name: 'Earrings' }));
    await user.click(screen.getByRole('button', { name: 'Loose stones' }));
    await user.click(screen.getByRole('button', { name: '+ Ring sizing down' }));
    await user.type(screen.getByLabelText('Current size'), '8');
    await user.type(screen.getByLabelText('Intake weight (g)'), '2,5');
    await sign();
    first.unmount();

    renderIntake();
    expect(await screen.findByText(/Draft restored/)).toBeTruthy();
    expect(
      screen.getByText('A signature is never kept in a draft: ask the customer to sign again.'),
    ).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>("Customer's name").value).toBe('Anna Lindqvist');
    expect(screen.getByRole('radio', { name: 'Earrings' }).getAttribute('aria-checked')).toBe(
      'true',
    );
    expect(screen.getByRole('button', { name: 'Loose stones' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(screen.getByLabelText<HTMLInputElement>('Intake weight (g)').value).toBe('2,5');
    expect(screen.getByRole('listitem', { name: 'Ring sizing down' })).toBeTruthy();
    expect(screen.getByText(/US 8 · UK/)).toBeTruthy();
    expect(screen.queryByText('Signed.')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Start over' }));
    expect(screen.getByLabelText<HTMLInputElement>("Customer's name").value).toBe('');
    expect(sessionStorage.getItem(INTAKE_DRAFT_KEY)).toBeNull();
  });

  it('shows why the save was refused and keeps everything typed', async () => {
    const user = setupUser();
    const mia = await signedIn();
    renderIntake();
    await fillMinimal(user);
    // Another save already opened this very job (say, before a crash cleared the draft).
    const draft = JSON.parse(sessionStorage.getItem(INTAKE_DRAFT_KEY) ?? '{}') as { jobId: string };
    await act(async () => {
      await openJob(
        db,
        {
          jobId: draft.jobId,
          customer: { name: 'Bo Ek' },
          item: { kind: 'chain', description: 'white metal chain', stones: [] },
          condition: {
            wornProngs: false,
            looseStones: false,
            chippedStones: false,
            missingStones: false,
            thinShank: false,
            kinks: false,
            brokenClasp: false,
          },
          services: [{ kind: 'cleaning', details: {} }],
          promisedDate: addDays(localDay(), 1),
          rush: false,
          intakeWeightG: 8.1,
        },
        mia.id,
      );
    });

    await user.click(saveButton());
    const summary = await screen.findByRole('alert', { name: 'Not saved' });
    expect(summary.textContent).toContain(
      'This job was already opened: open it from the jobs list.',
    );
    expect(screen.getByLabelText<HTMLInputElement>("Customer's name").value).toBe('Bo Ek');
    expect(await db.jobs.count()).toBe(1);
    expect(screen.queryByTestId('envelope-number')).toBeNull();
  });
  it('opens on the pre-printed envelope a scan sent it (?envelope=), then forgets the address', async () => {
    const user = setupUser();
    await signedIn();
    renderIntake('/intake?envelope=ENV-4711');
    const preprinted = await screen.findByRole('radio', { name: 'Pre-printed envelope' });
    expect(preprinted.getAttribute('aria-checked')).toBe('true');
    expect(screen.getByLabelText<HTMLInputElement>('Envelope code').value).toBe('ENV-4711');
    // Read once into the form (and its draft): a reload after saving must not bring it back.
    await waitFor(() => {
      expect(screen.getByTestId('location').textContent).toBe('/intake');
    });
    expect(screen.queryByText(/Draft restored/)).toBeNull();

    await fillMinimal(user);
    await user.click(saveButton());
    expect((await screen.findByTestId('envelope-number')).textContent).toBe('ENV-4711');
    const [job] = await db.jobs.toArray();
    expect(job).toMatchObject({ envelopeNumber: 'ENV-4711', preprinted: true });
  });

  it('asks who is there first, and still takes the envelope from the scan afterwards', async () => {
    const user = setupUser();
    await addPerson('Mia Berg', '2468');
    renderIntake('/intake?envelope=ENV-9');
    await user.click(await screen.findByRole('button', { name: 'Mia Berg' }));
    for (const digit of '2468') await user.click(screen.getByRole('button', { name: digit }));
    expect((await screen.findByLabelText<HTMLInputElement>('Envelope code')).value).toBe('ENV-9');
  });

  it('with a draft, the scanned envelope wins for the envelope only and says so', async () => {
    const user = setupUser();
    await signedIn();
    const first = renderIntake();
    await user.click(await screen.findByRole('radio', { name: 'Pre-printed envelope' }));
    await user.type(screen.getByLabelText('Envelope code'), 'ENV-1');
    await user.click(screen.getByRole('switch', { name: 'Several pieces in this visit' }));
    await user.type(screen.getByLabelText("Customer's name"), 'Anna Lindqvist');
    await user.click(screen.getByRole('radio', { name: 'Ring' }));
    first.unmount();

    const second = renderIntake('/intake?envelope=ENV-2');
    expect(await screen.findByText(/Draft restored/)).toBeTruthy();
    expect(
      screen.getByText(/The envelope is the one just scanned, not ENV-1 as in the draft\./),
    ).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Envelope code').value).toBe('ENV-2');
    // Everything else typed for the customer is kept, "job N of M" included.
    expect(screen.getByLabelText<HTMLInputElement>("Customer's name").value).toBe('Anna Lindqvist');
    expect(screen.getByRole('radio', { name: 'Ring' }).getAttribute('aria-checked')).toBe('true');
    expect(screen.getByRole('group', { name: 'Job N of M' }).textContent).toContain('Job−1+of−2+');
    await waitFor(() => {
      expect(
        (JSON.parse(sessionStorage.getItem(INTAKE_DRAFT_KEY) ?? '{}') as { envelope?: unknown })
          .envelope,
      ).toEqual({ mode: 'preprinted', code: 'ENV-2', part: { index: 1, of: 2 } });
    });
    second.unmount();

    // A draft on a new app number just gets the scanned envelope: nothing to say about a code.
    sessionStorage.clear();
    const third = renderIntake();
    await user.type(await screen.findByLabelText("Customer's name"), 'Bo Ek');
    third.unmount();
    renderIntake('/intake?envelope=ENV-3');
    expect(await screen.findByText(/Draft restored/)).toBeTruthy();
    expect(screen.queryByText(/just scanned/)).toBeNull();
    expect(screen.getByLabelText<HTMLInputElement>('Envelope code').value).toBe('ENV-3');
    expect(screen.getByLabelText<HTMLInputElement>("Customer's name").value).toBe('Bo Ek');
  });

  it('takes an envelope scanned while the form is open, keeping what was typed', async () => {
    const user = setupUser();
    await signedIn();
    renderIntake('/intake', 'ENV-8');
    await user.type(await screen.findByLabelText("Customer's name"), 'Bo Ek');
    await user.click(screen.getByRole('button', { name: 'Open a new job on envelope ENV-8' }));
    expect(
      screen.getByRole('radio', { name: 'Pre-printed envelope' }).getAttribute('aria-checked'),
    ).toBe('true');
    expect(screen.getByLabelText<HTMLInputElement>('Envelope code').value).toBe('ENV-8');
    expect(screen.getByLabelText<HTMLInputElement>("Customer's name").value).toBe('Bo Ek');
    await waitFor(() => {
      expect(screen.getByTestId('location').textContent).toBe('/intake');
    });

    // After a save, the next scan starts the next piece on its envelope.
    await fillMinimal(user);
    await user.click(saveButton());
    expect((await screen.findByTestId('envelope-number')).textContent).toBe('ENV-8');
    await user.click(screen.getByRole('button', { name: 'Open a new job on envelope ENV-8' }));
    expect(screen.queryByTestId('envelope-number')).toBeNull();
    expect(screen.getByLabelText<HTMLInputElement>('Envelope code').value).toBe('ENV-8');
    expect(screen.getByLabelText<HTMLInputElement>("Customer's name").value).toBe('');
  });

  it('photographs the piece at intake: the photos stay through a reload and go with the job', async () => {
    const user = setupUser();
    await signedIn();
    const first = renderIntake();
    const section = await screen.findByRole('region', { name: 'Photos of the piece' });
    expect(await within(section).findByText('No photos yet.')).toBeTruthy();
    const tags = await within(section).findByRole('radiogroup', { name: 'What the photo shows' });
    expect(within(tags).getByRole('radio', { name: 'Intake' }).getAttribute('aria-checked')).toBe(
      'true',
    );
    // Node's File, like the stubbed Blob above: the capture tells a picked file from a camera frame
    // by `instanceof Blob`.
    const files = [1, 2].map(
      (i) =>
        new NodeFile([`photo ${i}`], `IMG_${i}.jpg`, { type: 'image/jpeg' }) as unknown as File,
    );
    await user.upload(within(section).getByLabelText('Pick existing photos'), files);
    expect(await within(section).findByText('2 photos saved on this tablet.')).toBeTruthy();
    expect(
      await within(section).findByRole('button', { name: 'Intake photo 2 of 2' }),
    ).toBeTruthy();
    // Nothing else typed yet: the photos alone keep the draft, so a reload finds them again.
    const draftJobId = (
      JSON.parse(sessionStorage.getItem(INTAKE_DRAFT_KEY) ?? '{}') as { jobId?: string }
    ).jobId;
    expect(draftJobId).toBeTruthy();
    first.unmount();

    renderIntake();
    expect(await screen.findByText(/Draft restored/)).toBeTruthy();
    const again = screen.getByRole('region', { name: 'Photos of the piece' });
    expect(await within(again).findByRole('button', { name: 'Intake photo 1 of 2' })).toBeTruthy();

    await fillMinimal(user);
    await user.click(saveButton());
    await screen.findByTestId('envelope-number');
    const [job] = await db.jobs.toArray();
    expect(job?.id).toBe(draftJobId);
    expect(job?.photos.map((p) => p.tag)).toEqual(['intake', 'intake']);
  });

  it('shows the sizes of a restored ring sizing in their boxes', async () => {
    const user = setupUser();
    await signedIn();
    const first = renderIntake();
    await user.click(await screen.findByRole('button', { name: '+ Ring sizing up' }));
    await user.type(screen.getByLabelText('Current size'), '6¼');
    await user.type(screen.getByLabelText('Target size'), '7 1/2');
    first.unmount();

    renderIntake();
    expect(await screen.findByText(/Draft restored/)).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Current size').value).toBe('6¼');
    expect(screen.getByLabelText<HTMLInputElement>('Target size').value).toBe(
      ringSizeViews(usToMm(7.5)).us,
    );
  });
});
