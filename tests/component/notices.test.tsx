// Telling customers their piece is ready, on the tablet: the consent taken at intake, the job's
// panel of what the shop server did, and the shop's setting. Real Dexie on fake-indexeddb.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Blob as NodeBlob } from 'node:buffer';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyEvents, db, eventsOfJob, getShop, useJob } from '../../src/db';
import { formatStamp } from '../../src/domain/clock';
import { newUlid } from '../../src/domain/ids';
import type { StaffMember } from '../../src/domain/staff';
import type { StoredEvent } from '../../src/protocol/events';
import { SERVER_ACTOR } from '../../src/protocol/notices';
import { IntakeScreen } from '../../src/screens/intake/IntakeScreen';
import { NoticesPanel } from '../../src/screens/jobs/job/NoticesPanel';
import { NoticesSection } from '../../src/screens/settings/NoticesSection';
import { job, openTestJob } from './jobPageHelpers';
import { signedIn } from './staffHelpers';

const setupUser = () => userEvent.setup({ delay: null });
type User = ReturnType<typeof setupUser>;

const consentName = (name: string) => `Email ${name} when the piece is ready`;

beforeEach(() => {
  sessionStorage.clear();
  // jsdom has no pointer capture, and its Blob does not survive fake-indexeddb (intake.test.tsx).
  Element.prototype.setPointerCapture = () => undefined;
  vi.stubGlobal('Blob', NodeBlob);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('intake asks for consent', { timeout: 20_000 }, () => {
  function JobStub() {
    const { jobId = '' } = useParams();
    return <p>Job page of {jobId}</p>;
  }

  function renderIntake() {
    return render(
      <MemoryRouter initialEntries={['/intake']}>
        <Routes>
          <Route path="/intake" element={<IntakeScreen />} />
          <Route path="/jobs/:jobId" element={<JobStub />} />
          <Route path="/jobs/:jobId/label" element={<JobStub />} />
        </Routes>
      </MemoryRouter>,
    );
  }

  async function sign() {
    const pad = screen.getByRole('img', { name: 'Customer signs here' });
    fireEvent.pointerDown(pad, { pointerId: 1, clientX: 20, clientY: 120 });
    fireEvent.pointerMove(pad, { pointerId: 1, clientX: 140, clientY: 60 });
    fireEvent.pointerUp(pad, { pointerId: 1, clientX: 260, clientY: 130 });
    expect(await screen.findByText('Signed.')).toBeTruthy();
  }

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

  const save = (user: User) =>
    user.click(screen.getByRole('button', { name: 'Save and open job' }));

  async function savedCustomer() {
    await screen.findByTestId('envelope-number');
    const [only] = await db.jobs.toArray();
    return only?.customer;
  }

  it('offers the consent only with an email, unticked, and records it as ticked', async () => {
    const user = setupUser();
    await signedIn();
    renderIntake();
    await fillMinimal(user);
    expect(screen.queryByRole('checkbox', { name: consentName('Bo Ek') })).toBeNull();

    await user.type(screen.getByLabelText(/^Email/), 'bo@example');
    const consent = screen.getByRole('checkbox', { name: consentName('Bo Ek') });
    expect(consent.getAttribute('aria-checked')).toBe('false');
    await save(user);
    const summary = await screen.findByRole('alert', { name: /^Not saved yet/ });
    expect(within(summary).getByText(/^Customer's email: Not an email address/)).toBeTruthy();
    expect(await db.jobs.count()).toBe(0);

    await user.type(screen.getByLabelText(/^Email/), '.com');
    await user.click(consent);
    expect(consent.getAttribute('aria-checked')).toBe('true');
    await save(user);
    expect(await savedCustomer()).toEqual({
      name: 'Bo Ek',
      email: 'bo@example.com',
      notifyByEmail: true,
    });
  });

  it('records an email without consent when the box is left unticked', async () => {
    const user = setupUser();
    await signedIn();
    renderIntake();
    await fillMinimal(user);
    await user.type(screen.getByLabelText(/^Email/), 'bo@example.com');
    await save(user);
    expect(await savedCustomer()).toEqual({
      name: 'Bo Ek',
      email: 'bo@example.com',
      notifyByEmail: false,
    });
  });

  it('drops the consent when the email is erased', async () => {
    const user = setupUser();
    await signedIn();
    renderIntake();
    await fillMinimal(user);
    const email = screen.getByLabelText(/^Email/);
    await user.type(email, 'bo@example.com');
    await user.click(screen.getByRole('checkbox', { name: consentName('Bo Ek') }));
    await user.clear(email);
    expect(screen.queryByRole('checkbox', { name: consentName('Bo Ek') })).toBeNull();
    // A new address does not find the consent given for the old one.
    await user.type(email, 'ek@example.com');
    expect(
      screen.getByRole('checkbox', { name: consentName('Bo Ek') }).getAttribute('aria-checked'),
    ).toBe('false');
    await user.clear(email);
    await save(user);
    expect(await savedCustomer()).toEqual({ name: 'Bo Ek' });
  });
});

const SERVER_DEVICE = '5e5e5e5e5e5e5e5e';
let serverCount = 0;

/** A notice as the shop server records it, pulled onto this tablet. */
function notice(jobId: string, minutes: number, data: Record<string, unknown>): StoredEvent {
  const at = formatStamp({
    ms: Date.parse('2026-11-23T10:00:00.000Z') + minutes * 60_000,
    counter: serverCount++,
    device: SERVER_DEVICE,
  });
  return {
    id: newUlid(),
    jobId,
    type: 'notice.recorded',
    at,
    actor: SERVER_ACTOR,
    device: SERVER_DEVICE,
    data: { channel: 'email', trigger: 'ready', ...data },
  };
}

function LivePanel({ jobId, actor }: { jobId: string; actor: StaffMember | null }) {
  const found = useJob(jobId);
  if (!found) return null;
  return <NoticesPanel job={found} actor={actor} nameOf={(id) => id} />;
}

describe('the job panel', () => {
  it('shows the email, the consent and every attempt, newest first', async () => {
    const mia = await signedIn();
    const { jobId } = await openTestJob(mia.id, {
      customer: { name: 'Anna Lindqvist', email: 'anna@example.com', notifyByEmail: true },
    });
    const first = newUlid();
    const again = newUlid();
    await applyEvents(
      db,
      [
        notice(jobId, 1, {
          triggerEventId: first,
          status: 'failed',
          attempt: 1,
          to: 'anna@example.com',
          reason: 'The mail server refused it: 451 Try again later Will try again in 1 min.',
        }),
        notice(jobId, 2, {
          triggerEventId: first,
          status: 'sent',
          attempt: 2,
          to: 'anna@example.com',
        }),
        notice(jobId, 9, {
          triggerEventId: again,
          status: 'not_sent',
          attempt: 1,
          reason: 'The customer did not agree to be emailed when the piece is ready.',
        }),
      ],
      { local: false },
    );
    render(<LivePanel jobId={jobId} actor={mia} />);

    const panel = await screen.findByRole('region', { name: 'Telling the customer' });
    expect(within(panel).getByText('anna@example.com')).toBeTruthy();
    expect(within(panel).getByText(/agreed to be emailed when the piece is ready/)).toBeTruthy();
    const list = within(panel).getByRole('list', { name: /newest first/ });
    const items = within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(
      /^Not sent The customer did not agree to be emailed when the piece is ready\./,
    );
    expect(items[1]).toMatch(/^Sent to anna@example\.com, attempt 2\./);
    expect(items[2]).toMatch(
      /^Failed attempt 1, to anna@example\.com: The mail server refused it: 451 .* Tried again: see above\./,
    );
    // The shop has not turned emails on: the panel says so rather than leave it to guesswork.
    expect(await within(panel).findByText(/The shop does not email customers now/)).toBeTruthy();
  });

  it('changes the email and consent, keeping the rest of the customer', async () => {
    const user = setupUser();
    const mia = await signedIn();
    const { jobId } = await openTestJob(mia.id, {
      customer: { name: 'Anna Lindqvist', phone: '+46 70 123 45 67' },
    });
    render(<LivePanel jobId={jobId} actor={mia} />);
    expect(await screen.findByText(/^No email address/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Add an email' }));
    const email = screen.getByLabelText('Customer’s email');
    await user.type(email, 'anna@');
    await user.click(screen.getByRole('checkbox', { name: consentName('Anna Lindqvist') }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^Customer's email: Not an email address/,
    );
    expect((await eventsOfJob(db, jobId)).map((e) => e.type)).toEqual(['job.opened']);

    await user.type(email, 'example.com');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('anna@example.com')).toBeTruthy();
    expect((await job(jobId)).customer).toEqual({
      name: 'Anna Lindqvist',
      phone: '+46 70 123 45 67',
      email: 'anna@example.com',
      notifyByEmail: true,
    });
    const updated = (await eventsOfJob(db, jobId)).at(-1);
    // The customer is one field, last writer wins: the whole of it travels.
    expect(updated?.data).toEqual({
      changes: {
        customer: {
          name: 'Anna Lindqvist',
          phone: '+46 70 123 45 67',
          email: 'anna@example.com',
          notifyByEmail: true,
        },
      },
    });

    // Withdrawn consent, address kept.
    await user.click(screen.getByRole('button', { name: 'Change email or consent' }));
    await user.click(screen.getByRole('checkbox', { name: consentName('Anna Lindqvist') }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/did not agree to be emailed/)).toBeTruthy();
    expect((await job(jobId)).customer.notifyByEmail).toBe(false);
  });

  it('offers no change with nobody signed in', async () => {
    const mia = await signedIn();
    const { jobId } = await openTestJob(mia.id);
    render(<LivePanel jobId={jobId} actor={null} />);
    expect(await screen.findByRole('region', { name: 'Telling the customer' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add an email' })).toBeNull();
  });
});

describe('the shop setting', () => {
  it('saves "email customers" with the shop name, for the whole shop', async () => {
    const user = setupUser();
    await signedIn();
    render(<NoticesSection />);
    expect(await screen.findByText(/Not set yet/)).toBeTruthy();
    // Where the server's part is explained.
    expect(screen.getByText(/SMTP_HOST, SMTP_FROM… in the README/)).toBeTruthy();

    const toggle = screen.getByRole('switch', {
      name: 'Email customers when their piece is ready',
    });
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    await user.click(toggle);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Enter the shop's name/);
    expect((await getShop(db)).noticeSettings).toBeNull();

    await user.type(screen.getByLabelText('Shop name in the email'), '  Atelier   Rose ');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(async () => {
      expect((await getShop(db)).noticeSettings).toEqual({
        readyEmail: true,
        shopName: 'Atelier Rose',
      });
    });
    expect(
      await screen.findByText(/On: customers who agreed are emailed as “Atelier Rose”/),
    ).toBeTruthy();

    await user.click(toggle);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/^Off: no customer is emailed/)).toBeTruthy();
    expect((await getShop(db)).noticeSettings).toEqual({
      readyEmail: false,
      shopName: 'Atelier Rose',
    });
  });

  it('asks to sign in before it can be changed', async () => {
    render(<NoticesSection />);
    expect(await screen.findByText('Sign in (top right) to change it.')).toBeTruthy();
    expect(screen.queryByRole('switch')).toBeNull();
  });
});
