// The casting room's home (/casting) and the shop's casting settings, over a real Dexie on
// fake-indexeddb: trees made with the real casting operations, listed by stage; a tree started from
// the alloy buttons; burnout programs and the loss threshold set in Settings.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { describe, expect, it } from 'vitest';
import {
  addJobToTree,
  applyEvents,
  db,
  getShop,
  investTree,
  issueMetal,
  recordCast,
  startBurnout,
  startTree,
  weighOut,
} from '../../src/db';
import { formatStamp } from '../../src/domain/clock';
import { treeCode } from '../../src/domain/casting/tree';
import { newUlid } from '../../src/domain/ids';
import type { AlloyId } from '../../src/domain/metals';
import { CastingScreen } from '../../src/screens/casting/CastingScreen';
import { useSession } from '../../src/stores/sessionStore';
import { DEVICE_B, event } from '../support/events';
import { openTestJob } from './jobPageHelpers';
import { renderApp } from './renderApp';
import { signedIn } from './staffHelpers';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A tree of `alloyId` with one wax on it per envelope returned. */
async function treeWithWaxes(
  actor: string,
  alloyId: AlloyId,
  waxes: number,
): Promise<{ treeId: string; envelopes: string[]; jobIds: string[] }> {
  const treeId = await startTree(db, { alloyId }, actor);
  const envelopes: string[] = [];
  const jobIds: string[] = [];
  for (let i = 0; i < waxes; i += 1) {
    const { jobId, envelopeNumber } = await openTestJob(actor, {
      services: [{ kind: 'lost_wax_casting', details: { alloy: alloyId } }],
    });
    await addJobToTree(db, { treeId, jobId }, actor);
    envelopes.push(envelopeNumber);
    jobIds.push(jobId);
  }
  return { treeId, envelopes, jobIds };
}

async function invest(actor: string, treeId: string, flaskId: string): Promise<void> {
  await investTree(
    db,
    {
      treeId,
      flaskId,
      flaskSize: '3.5x4',
      investment: 'gypsum',
      powderG: 600,
      waterMl: 228,
      mixedAtMs: Date.now() - HOUR,
      workingMinutes: 9.5,
    },
    actor,
  );
}

async function castIt(actor: string, treeId: string): Promise<void> {
  await startBurnout(
    db,
    { treeId, programId: '8h', soakTempC: 650, atMs: Date.now() - 9 * HOUR },
    actor,
  );
  await issueMetal(db, { treeId, grams: 60, source: 'fresh' }, actor);
  await recordCast(
    db,
    {
      treeId,
      atMs: Date.now() - HOUR,
      flaskTempC: 650,
      castingTempC: 1000,
      machine: 'Vacuum caster',
    },
    actor,
  );
}

function renderCasting() {
  function TreeProbe() {
    const { treeId } = useParams();
    return <p>Tree page of {treeId}</p>;
  }
  return render(
    <MemoryRouter initialEntries={['/casting']}>
      <Routes>
        <Route path="/casting" element={<CastingScreen />} />
        <Route path="/casting/trees/:treeId" element={<TreeProbe />} />
      </Routes>
    </MemoryRouter>,
  );
}

function tab(name: RegExp): HTMLElement {
  return screen.getByRole('tab', { name });
}

describe('Casting room: trees by stage', () => {
  it('lists trees in tabs by stage, each row naming its code, alloy, waxes, flask and stage', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const building = await treeWithWaxes(mia.id, 'ag925', 2);
    const invested = await treeWithWaxes(mia.id, 'au14y', 1);
    await invest(mia.id, invested.treeId, 'F3');
    const kiln = await treeWithWaxes(mia.id, 'au18y', 1);
    await invest(mia.id, kiln.treeId, 'F5');
    await startBurnout(
      db,
      { treeId: kiln.treeId, programId: '8h', soakTempC: 620, atMs: Date.now() - HOUR },
      mia.id,
    );
    const cast = await treeWithWaxes(mia.id, 'ag925', 1);
    await invest(mia.id, cast.treeId, 'F8');
    await castIt(mia.id, cast.treeId);
    const done = await treeWithWaxes(mia.id, 'ag925', 1);
    await invest(mia.id, done.treeId, 'F9');
    await castIt(mia.id, done.treeId);
    await weighOut(
      db,
      {
        treeId: done.treeId,
        castings: [{ jobId: done.jobIds[0] ?? '', grams: 4.2 }],
        buttonG: 40,
        spruesG: 15,
        buttonTo: 'stock',
        spruesTo: 'stock',
      },
      mia.id,
    );
    // Started on another tablet two days ago and synced here: in progress, but not today's.
    const oldTreeId = newUlid();
    await applyEvents(
      db,
      [
        event(
          oldTreeId,
          'tree.started',
          { alloyId: 'pt950' },
          formatStamp({ ms: Date.now() - 2 * DAY, counter: 0, device: DEVICE_B }),
        ),
      ],
      { local: false },
    );

    renderCasting();
    const code = (id: string) => treeCode({ id });

    // In progress: being built and invested, newest first.
    expect(
      await screen.findByRole('tab', { name: 'In progress (3)', selected: true }),
    ).toBeTruthy();
    const progress = screen.getByRole('tabpanel');
    const rows = within(progress).getAllByRole('link');
    expect(rows.map((r) => r.querySelector('.cast-row-code')?.textContent)).toEqual([
      code(invested.treeId),
      code(building.treeId),
      code(oldTreeId),
    ]);
    const buildingRow = within(progress).getByRole('link', {
      name: new RegExp(code(building.treeId)),
    });
    expect(buildingRow.getAttribute('href')).toBe(`/casting/trees/${building.treeId}`);
    expect(within(buildingRow).getByText('Sterling silver')).toBeTruthy();
    expect(within(buildingRow).getByText(`2 waxes: ${building.envelopes.join(', ')}`)).toBeTruthy();
    expect(within(buildingRow).getByText('No flask yet')).toBeTruthy();
    expect(within(buildingRow).getByText('Being built')).toBeTruthy();
    const investedRow = within(progress).getByRole('link', {
      name: new RegExp(code(invested.treeId)),
    });
    expect(within(investedRow).getByText('14k yellow gold')).toBeTruthy();
    expect(within(investedRow).getByText(`1 wax: ${invested.envelopes[0] ?? ''}`)).toBeTruthy();
    expect(within(investedRow).getByText('Flask F3')).toBeTruthy();
    expect(within(investedRow).getByText('Invested')).toBeTruthy();
    const oldRow = within(progress).getByRole('link', { name: new RegExp(code(oldTreeId)) });
    expect(within(oldRow).getByText('No waxes yet')).toBeTruthy();

    await user.click(tab(/^In the kiln/));
    const kilnPanel = screen.getByRole('tabpanel');
    const kilnRows = within(kilnPanel).getAllByRole('link');
    expect(kilnRows).toHaveLength(1);
    expect(within(kilnRows[0] as HTMLElement).getByText(code(kiln.treeId))).toBeTruthy();
    expect(within(kilnRows[0] as HTMLElement).getByText('Flask F5')).toBeTruthy();
    expect(within(kilnRows[0] as HTMLElement).getByText('In the kiln')).toBeTruthy();
    // The board above shows the same flask as a card.
    expect(screen.getByRole('article', { name: 'Flask F5' })).toBeTruthy();

    // Cast: cast and not weighed out (the weighed-out tree is in no stage tab).
    await user.click(tab(/^Cast/));
    const castRows = within(screen.getByRole('tabpanel')).getAllByRole('link');
    expect(castRows).toHaveLength(1);
    expect(within(castRows[0] as HTMLElement).getByText(code(cast.treeId))).toBeTruthy();
    expect(within(castRows[0] as HTMLElement).getByText('Cast, to weigh out')).toBeTruthy();

    // Today: every tree started since local midnight, whatever its stage; not the synced old one.
    await user.click(tab(/^Today/));
    expect(tab(/^Today/).textContent).toBe('Today (5)');
    const todayCodes = within(screen.getByRole('tabpanel'))
      .getAllByRole('link')
      .map((r) => r.querySelector('.cast-row-code')?.textContent);
    expect(todayCodes).toHaveLength(5);
    expect(todayCodes).toContain(code(done.treeId));
    expect(todayCodes).not.toContain(code(oldTreeId));
    expect(within(screen.getByRole('tabpanel')).getByText('Weighed out')).toBeTruthy();
  });

  it('says what to do when a list is empty', async () => {
    const user = userEvent.setup();
    await signedIn('Mia Berg');
    renderCasting();
    expect(await screen.findByText(/No tree is being built or waiting in its flask/)).toBeTruthy();
    expect(screen.getByText(/No flask in the kiln\. Invest a tree/)).toBeTruthy();
    await user.click(tab(/^In the kiln/));
    expect(screen.getByText(/Start the burnout from an invested tree’s page/)).toBeTruthy();
    await user.click(tab(/^Cast/));
    expect(screen.getByText(/Nothing cast is waiting to be weighed out/)).toBeTruthy();
    await user.click(tab(/^Today/));
    expect(screen.getByText(/No tree started today yet/)).toBeTruthy();
  });
});

describe('Casting room: starting a tree', () => {
  it('starts a tree in the alloy tapped and opens its page', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    renderCasting();
    await user.click(await screen.findByRole('button', { name: 'Start a tree' }));
    const picker = screen.getByRole('region', { name: 'Start a tree: which alloy?' });
    expect(await within(picker).findByRole('group', { name: 'Silver' })).toBeTruthy();
    await user.click(within(picker).getByRole('button', { name: 'Sterling silver' }));

    const page = await screen.findByText(/^Tree page of /);
    const trees = await db.trees.toArray();
    expect(trees).toHaveLength(1);
    expect(trees[0]?.alloyId).toBe('ag925');
    expect(trees[0]?.started.by).toBe(mia.id);
    expect(page.textContent).toBe(`Tree page of ${trees[0]?.id ?? ''}`);
  });

  it('asks who is there before starting a tree, and records nothing until then', async () => {
    const user = userEvent.setup();
    await signedIn('Mia Berg');
    useSession.getState().signOut();
    renderCasting();
    await user.click(await screen.findByRole('button', { name: 'Start a tree' }));
    expect(await screen.findByRole('button', { name: /Mia Berg/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sterling silver' })).toBeNull();
    expect(await db.trees.count()).toBe(0);
  });
});

describe('Settings: casting', () => {
  async function castingSection(): Promise<HTMLElement> {
    renderApp('/settings');
    return screen.findByRole('region', { name: 'Casting' });
  }

  it('lists the built-in programs with their schedules and the default loss threshold', async () => {
    await signedIn('Mia Berg');
    const section = await castingSection();
    const builtIn = within(section).getByRole('list', { name: 'Built-in burnout programs' });
    const six = within(builtIn).getByText('6 h burnout').closest('li') as HTMLElement;
    expect(
      within(six).getByText(
        '2 h at 149 °C, 1 h at 371 °C, 2 h at 732 °C, 1 h soak at casting temperature (up to 788 °C)',
      ),
    ).toBeTruthy();
    expect(within(builtIn).getAllByRole('listitem')).toHaveLength(4);
    expect(within(builtIn).queryByRole('button')).toBeNull();
    expect(within(section).getByText('1 %')).toBeTruthy();
    expect(within(section).getByText(/\(the default\)/)).toBeTruthy();
  });

  it('sets the loss threshold, and refuses one out of range', async () => {
    const user = userEvent.setup();
    await signedIn('Mia Berg');
    const section = await castingSection();
    const input = within(section).getByLabelText('Flag a tree above this loss (%)');
    await user.clear(input);
    await user.type(input, '25');
    await user.click(within(section).getByRole('button', { name: 'Save loss threshold' }));
    expect((await within(section).findByRole('alert')).textContent).toMatch(
      /Set the loss threshold between 0.1 % and 10 %/,
    );
    expect((await getShop(db)).lossThresholdPct).toBeNull();

    await user.clear(within(section).getByLabelText('Flag a tree above this loss (%)'));
    await user.type(within(section).getByLabelText('Flag a tree above this loss (%)'), '1,5');
    await user.click(within(section).getByRole('button', { name: 'Save loss threshold' }));
    expect(await within(section).findByText('1.5 %')).toBeTruthy();
    expect((await getShop(db)).lossThresholdPct).toBe(1.5);
  });

  it('refuses a stage above 788 °C with the reason, then adds a valid program, lists it and retires it', async () => {
    const user = userEvent.setup();
    await signedIn('Mia Berg');
    const section = await castingSection();
    const form = within(section).getByRole('form', { name: 'Add a program' });
    const inForm = within(form);

    await user.type(inForm.getByLabelText('Program name'), 'Quick silver flasks');
    await user.click(inForm.getByRole('button', { name: '2.5 × 2.5 in' }));
    await user.type(inForm.getByLabelText('Stage 1 name'), 'Wax out');
    await user.type(inForm.getByLabelText('Stage 1 °C'), '150');
    await user.type(inForm.getByLabelText('Stage 1 minutes'), '90');
    await user.click(inForm.getByRole('button', { name: 'Add a stage' }));
    await user.type(inForm.getByLabelText('Stage 2 name'), 'Full burnout');
    await user.type(inForm.getByLabelText('Stage 2 °C'), '789');
    await user.type(inForm.getByLabelText('Stage 2 minutes'), '120');
    await user.click(inForm.getByRole('button', { name: 'Add a stage' }));
    await user.type(inForm.getByLabelText('Stage 3 name'), 'Soak');
    await user.type(inForm.getByLabelText('Stage 3 °C'), '700');
    await user.type(inForm.getByLabelText('Stage 3 minutes'), '60');
    await user.click(inForm.getByRole('button', { name: 'Add program' }));

    expect((await inForm.findByRole('alert')).textContent).toBe(
      'Stage 2 (“Full burnout”) is set to 789 °C (1452 °F): gypsum-bonded investment breaks down above 788 °C (1450 °F). Set it to 788 °C or lower.',
    );
    expect(inForm.getByLabelText('Stage 2 °C').getAttribute('aria-invalid')).toBe('true');
    expect(inForm.getByLabelText('Stage 1 °C').getAttribute('aria-invalid')).toBe('false');
    expect((await getShop(db)).programs).toHaveLength(0);
    expect(within(section).getByText('None yet.')).toBeTruthy();

    const hot = inForm.getByLabelText('Stage 2 °C');
    await user.clear(hot);
    await user.type(hot, '732');
    await user.click(inForm.getByRole('button', { name: 'Add program' }));
    expect(await inForm.findByText(/^Added Quick silver flasks/)).toBeTruthy();

    const own = within(section).getByRole('list', { name: "The shop's own burnout programs" });
    const row = within(own).getByText('Quick silver flasks').closest('li') as HTMLElement;
    expect(
      within(row).getByText(
        '1 h 30 min at 150 °C, 2 h at 732 °C, 1 h soak at casting temperature (up to 700 °C)',
      ),
    ).toBeTruthy();
    expect(within(row).getByText(/2\.5 × 2\.5 in flasks/)).toBeTruthy();
    const stored = (await getShop(db)).programs;
    expect(stored).toHaveLength(1);
    expect(stored[0]?.program.stages.map((s) => [s.tempC, s.minutes, s.soak ?? false])).toEqual([
      [150, 90, false],
      [732, 120, false],
      [700, 60, true],
    ]);

    await user.click(within(row).getByRole('button', { name: 'Retire…' }));
    await user.click(within(row).getByRole('button', { name: 'Retire Quick silver flasks' }));
    await waitFor(async () => expect((await getShop(db)).programs[0]?.retired).toBe(true));
    expect(await within(row).findByText(/^Retired/)).toBeTruthy();
  });

  it('lets nobody signed in change the casting settings', async () => {
    await signedIn('Mia Berg');
    useSession.getState().signOut();
    const section = await castingSection();
    expect(
      within(section).getByText(/Sign in \(top right\) to change the loss threshold/),
    ).toBeTruthy();
    expect(within(section).queryByRole('form', { name: 'Add a program' })).toBeNull();
    expect(within(section).queryByLabelText('Flag a tree above this loss (%)')).toBeNull();
  });
});
