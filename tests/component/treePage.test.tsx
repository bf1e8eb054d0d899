// The tree page over a real Dexie on fake-indexeddb, with the real casting operations: a tree built,
// weighed, invested, burnt out, cast and weighed out as a caster does it, and what is refused.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  addJobToTree,
  db,
  investTree,
  issueMetal,
  recordCast,
  setLossThreshold,
  setTreeStep,
  startBurnout,
  startTree,
  weighOut,
  weighTree,
} from '../../src/db';
import { cToF, formatDuration } from '../../src/domain/casting/burnout';
import {
  flaskTempRuleOfThumb,
  investmentFor,
  metalForTree,
  metalLoss,
} from '../../src/domain/casting/castingMath';
import { treeCode } from '../../src/domain/casting/tree';
import type { AlloyId } from '../../src/domain/metals';
import type { TreeStepId } from '../../src/protocol/casting';
import { useSession } from '../../src/stores/sessionStore';
import { job, openTestJob } from './jobPageHelpers';
import { renderApp } from './renderApp';
import { signedIn } from './staffHelpers';

const HOUR_MS = 3_600_000;

afterEach(() => {
  // The wall clock is set by some tests (setSystemTime with real timers: Dexie's stay real).
  vi.useRealTimers();
});

/** A job whose service is lost-wax casting in `alloy`, opened the app's way. */
function castingJob(actor: string, alloy: AlloyId = 'au14y') {
  return openTestJob(actor, {
    services: [{ kind: 'lost_wax_casting', details: { alloy } }],
  });
}

async function tree(treeId: string) {
  const found = await db.trees.get(treeId);
  if (!found) throw new Error(`No tree ${treeId}`);
  return found;
}

/** The section of the page for one stage of the work. */
function section(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

/** Waits for `name` to be the stage at hand (open, first, tagged Now), and returns its section. */
async function current(name: string, timeout = 1000): Promise<HTMLElement> {
  await waitFor(
    () => {
      expect(within(section(name)).getByText('Now')).toBeTruthy();
    },
    { timeout },
  );
  return section(name);
}

/** "14:05" for a wall-clock moment, worked out here apart from the page. */
function hhmm(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

describe('Tree page: a tree from wax to weigh-out', () => {
  it('builds, weighs, invests, burns out, casts and weighs out a tree, ticking the jobs’ steps', async () => {
    const user = userEvent.setup();
    // Half past midnight today, so the whole 8 h day of the tree is on one day whenever the test
    // runs (a ready time past midnight reads "2 Dec 00:08", not "00:08").
    const t0 = new Date().setHours(0, 30, 0, 0);
    vi.setSystemTime(t0);
    const mia = await signedIn('Mia Berg');
    const first = await castingJob(mia.id);
    const second = await castingJob(mia.id);
    const treeId = await startTree(db, { alloyId: 'au14y' }, mia.id);
    renderApp(`/casting/trees/${treeId}`);
    /** Ticks one of the tree's steps in a section, and waits for the tree to say so. */
    const tick = async (where: string, name: string, stepId: TreeStepId) => {
      await user.click(within(section(where)).getByRole('checkbox', { name }));
      await waitFor(async () => {
        expect((await tree(treeId)).steps[stepId]?.done).toBe(true);
      });
    };

    // ---- Waxes: typed by envelope number (lower case, a space for the dash, as a person types it).
    expect(await screen.findByRole('heading', { level: 2, name: /^T-/ })).toBeTruthy();
    expect(screen.getByRole('link', { name: '← Casting room' }).getAttribute('href')).toBe(
      '/casting',
    );
    const envelope = within(section('Waxes')).getByLabelText('Envelope number');
    await user.type(envelope, `${first.envelopeNumber.toLowerCase().replace('-', ' ')}{Enter}`);
    await within(section('Waxes')).findByRole('link', { name: first.envelopeNumber });
    expect((envelope as HTMLInputElement).value).toBe('');
    await user.type(envelope, `${second.envelopeNumber}{Enter}`);
    await within(section('Waxes')).findByRole('link', { name: second.envelopeNumber });
    expect((await tree(treeId)).jobIds).toEqual([first.jobId, second.jobId]);
    // The header names the envelopes on the tree.
    const header = screen.getByRole('heading', { level: 2, name: /^T-/ }).closest('header');
    if (!header) throw new Error('no tree header');
    expect(within(header).getByRole('link', { name: first.envelopeNumber })).toBeTruthy();

    await tick('Waxes', 'Waxes cleaned up', 'wax_cleanup');
    await tick('Waxes', 'Waxes sprued', 'sprue');
    // The last of the three closes the section: the page moves on to the weighing.
    await tick('Waxes', 'Tree built', 'tree');

    // ---- Weigh: the metal needed follows the typing. The waxes section is now summed up.
    const weigh = await current('Weigh the tree');
    expect(within(section('Waxes')).getByText(/2 waxes: .* 3 of 3 steps ticked\./)).toBeTruthy();
    await user.type(within(weigh).getByLabelText('Tree on its base'), '12.50');
    expect(
      within(weigh).getByText('Enter both weights to see the metal to weigh out.'),
    ).toBeTruthy();
    await user.type(within(weigh).getByLabelText('Base alone'), '4');
    const figures = within(weigh).getByLabelText('Metal needed');
    expect(within(figures).getByText('8.50 g')).toBeTruthy();
    await user.type(within(weigh).getByLabelText('Base alone'), '.50');
    const expected = metalForTree(12.5, 4.5, 'au14y');
    if (!expected.ok) throw new Error('metalForTree refused the weights');
    expect(expected.rounded).toEqual({ waxG: 8, metalG: 104.56, buttonG: 10.46, totalG: 115.02 });
    const figure = (label: string) =>
      within(figures).getByText(label, { exact: false }).closest('div')?.querySelector('dd')
        ?.textContent;
    expect(figure('Wax')).toBe('8.00 g');
    expect(figure('Metal (14k yellow gold × 13.07)')).toBe('104.56 g');
    expect(figure('Button (~10 %)')).toBe('10.46 g');
    expect(figure('Total to weigh out')).toBe('115.02 g');
    await user.click(within(weigh).getByRole('button', { name: 'Save the weighing' }));

    // ---- Metal: issued against the 115.02 g needed.
    const metal = await current('Metal');
    expect(within(metal).getByText('115.02 g still to issue.')).toBeTruthy();
    await user.type(within(metal).getByLabelText('Metal issued'), '100');
    await user.click(within(metal).getByRole('button', { name: 'Issue metal' }));
    expect(await within(metal).findByText('15.02 g still to issue.')).toBeTruthy();
    await user.type(within(metal).getByLabelText('Metal issued'), '15.02');
    await user.click(within(metal).getByRole('radio', { name: 'Reused button and sprues' }));
    await user.click(within(metal).getByRole('button', { name: 'Issue metal' }));

    // ---- Flask: the tag upper-cased as typed, the powder and water for the size shown.
    const flask = await current('Flask');
    const metalDone = section('Metal');
    expect(within(metalDone).getByText('115.02 g of 115.02 g issued in 2 weighings.')).toBeTruthy();
    await user.click(within(metalDone).getByRole('button', { name: 'Show Metal' }));
    const issues = within(section('Metal')).getByRole('list', { name: 'Metal issued so far' });
    expect(
      within(issues)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringMatching(/^100\.00 g Fresh grain · issued by Mia Berg/),
      expect.stringMatching(/^15\.02 g Reused button and sprues · issued by Mia Berg/),
    ]);
    await user.type(within(flask).getByLabelText('Flask ID'), 'f12');
    expect(within(flask).getByLabelText<HTMLInputElement>('Flask ID').value).toBe('F12');
    await user.click(within(flask).getByRole('radio', { name: '2.5 × 2.5 in' }));
    const fine = investmentFor('2.5x2.5', 40);
    const powder = within(flask).getByLabelText<HTMLInputElement>('Powder');
    const water = within(flask).getByLabelText<HTMLInputElement>('Water');
    expect([powder.value, water.value]).toEqual([String(fine.powderG), String(fine.waterMl)]);
    await user.click(within(flask).getByRole('radio', { name: '38 large' }));
    const large = investmentFor('2.5x2.5', 38);
    expect([powder.value, water.value]).toEqual([String(large.powderG), String(large.waterMl)]);
    expect(large.waterMl).not.toBe(fine.waterMl);
    await user.click(within(flask).getByRole('button', { name: 'Mixed now' }));

    // Mixed: the working time counts down from 9:30, the bench set from 2 h.
    const working = await within(section('Flask')).findByLabelText('Working time left');
    expect(within(working).getByRole('timer').textContent).toBe('9:30');
    const benchSet = within(section('Flask')).getByLabelText('Bench set left');
    expect(within(benchSet).getByRole('timer').textContent).toBe('2 h 00 min');
    expect(within(benchSet).getByText(`left · ready at ${hhmm(t0 + 2 * HOUR_MS)}`)).toBeTruthy();
    expect(
      within(section('Flask')).getByRole('link', { name: 'Print flask tag' }).getAttribute('href'),
    ).toBe('/casting/flasks/F12/tag');
    const invested = (await tree(treeId)).invested;
    expect(invested).toMatchObject({
      flaskId: 'F12',
      flaskSize: '2.5x2.5',
      investment: 'gypsum',
      powderG: large.powderG,
      waterMl: large.waterMl,
      mixedAtMs: t0,
      workingMinutes: 9.5,
    });
    await tick('Flask', 'Vacuumed', 'vacuum');

    // ---- Burnout, two hours later: the 6 h program for this flask first, the soak by the rule.
    const t1 = t0 + 2 * HOUR_MS;
    vi.setSystemTime(t1);
    const burnout = await current('Burnout');
    const sixHours = await within(burnout).findByRole('radio', { name: /^6 h burnout/ });
    expect(sixHours.getAttribute('aria-checked')).toBe('true');
    const rule = flaskTempRuleOfThumb('au14y');
    const soak = within(burnout).getByLabelText<HTMLInputElement>('Flask temperature for the soak');
    expect(soak.value).toBe(String(rule.flaskTempC));
    expect(within(burnout).getByText(rule.note)).toBeTruthy();
    await user.click(within(burnout).getByRole('button', { name: 'Start burnout' }));

    const kiln = await within(section('Burnout')).findByLabelText('Kiln now');
    expect(within(kiln).getByText('Running')).toBeTruthy();
    expect(within(kiln).getByText('Stage 1 of 4')).toBeTruthy();
    expect(within(kiln).getByText('Wax out')).toBeTruthy();
    expect(within(kiln).getByText(`149 °C (${cToF(149)} °F)`)).toBeTruthy();
    expect(within(kiln).getByText(formatDuration(2 * HOUR_MS))).toBeTruthy();
    expect(within(kiln).getByText(hhmm(t1 + 6 * HOUR_MS))).toBeTruthy();
    const records = within(section('Burnout')).getByRole('list', { name: 'Burnout record' });
    expect(records.textContent).toContain(`Started 6 h burnout, soak at ${rule.flaskTempC} °C`);
    expect(records.textContent).toContain('Mia Berg');

    // ---- Six hours on the burnout is through: the cast is the stage at hand.
    vi.setSystemTime(t1 + 6 * HOUR_MS + 60_000);
    const cast = await current('Cast', 3000);
    expect(within(section('Burnout')).getByText('Done')).toBeTruthy();
    const flaskTemp = within(cast).getByLabelText<HTMLInputElement>('Flask temperature');
    expect(flaskTemp.value).toBe(String(rule.flaskTempC));
    expect(
      within(cast).getByText(
        `Rule of thumb: cast the flask about 200 °C below the metal’s melting point — about ${rule.flaskTempC} °C.`,
      ),
    ).toBeTruthy();
    expect(
      within(cast).getByText(`14k yellow gold melts at about ${rule.meltingPointC} °C.`),
    ).toBeTruthy();
    await user.clear(within(cast).getByLabelText('Casting temperature'));
    await user.type(within(cast).getByLabelText('Casting temperature'), '960');
    await user.type(within(cast).getByLabelText('Casting machine'), 'Vacuum caster');
    await user.click(within(cast).getByRole('button', { name: 'Record the cast' }));
    await within(section('Cast')).findByText('Vacuum caster');
    expect(localStorage.getItem('loupe.casting.lastMachine')).toBe('Vacuum caster');
    await tick('Cast', 'Quenched', 'quench');
    await tick('Cast', 'Devested', 'devest');
    await tick('Cast', 'Cut off the tree', 'cut_off');

    // ---- Weigh-out: one field per job; 2.02 g of 115.02 g missing is over the shop's 1 %.
    const out = await current('Weigh-out');
    await user.type(within(out).getByLabelText(`${first.envelopeNumber} casting`), '52.00');
    await user.type(within(out).getByLabelText(`${second.envelopeNumber} casting`), '46.00');
    await user.type(within(out).getByLabelText('Button'), '10.00');
    await user.type(within(out).getByLabelText('Sprues'), '5.00');
    const spruesGo = within(out).getByRole('radiogroup', { name: 'Sprues go' });
    await user.click(within(spruesGo).getByRole('radio', { name: '14k yellow gold scrap pot' }));
    await user.click(within(out).getByRole('button', { name: 'Save the weigh-out' }));

    const loss = metalLoss({ issuedG: 115.02, castingsG: 98, buttonG: 10, spruesG: 5 }, 1);
    expect(loss.flagged).toBe(true);
    const alert = await within(section('Weigh-out')).findByRole('alert', { name: 'Metal loss' });
    expect(alert.textContent).toContain(`loss 2.02 g (${Number(loss.lossPct.toFixed(2))} %)`);
    expect(alert.textContent).toContain('Check this cast.');
    expect(alert.textContent).toContain(loss.reason ?? '');
    expect(screen.getByText('Weighed out', { selector: '.tp-stage' })).toBeTruthy();

    // ---- Each job's casting checklist says what the tree does, with its values.
    for (const [j, good] of [
      [first, 52],
      [second, 46],
    ] as const) {
      const steps = (await job(j.jobId)).services[0]?.steps ?? {};
      const values = (id: string) => (steps[id]?.done ? steps[id].values : undefined);
      expect(values('wax_cleanup')).toEqual({});
      expect(values('sprue')).toEqual({});
      expect(values('tree')).toEqual({ flask_id: 'F12' });
      expect(values('weigh_tree')).toEqual({ wax_weight_g: 8 });
      // The tree's record keeps the grams and ml, not the ratio button: the job's ratio is read back
      // from them (108 ml to 283 g is 38.2, not the 38 chosen).
      expect(values('invest')).toEqual({
        investment: 'gypsum',
        water_ratio_pct: Math.round((large.waterMl / large.powderG) * 1000) / 10,
      });
      expect(values('burnout')).toEqual({
        program: '6h',
        program_name: '6 h burnout',
        burnout_top_temp_c: 732,
      });
      expect(values('cast')).toEqual({
        alloy: 'au14y',
        metal_issued_g: 115.02,
        flask_temp_c: rule.flaskTempC,
        casting_temp_c: 960,
      });
      expect(values('quench')).toEqual({});
      expect(values('devest')).toEqual({});
      expect(values('cut_off')).toEqual({ button_weight_g: 15, good_weight_g: good });
      // The button went back to stock, the sprues to the scrap pot.
      expect(values('return_to_stock')).toEqual({ returned_to_stock_g: 10 });
      expect(steps.cut_off?.by).toBe(mia.id);
    }

    // ---- The history has every record, in order, with who.
    const history = within(screen.getByRole('region', { name: 'History' })).getAllByRole(
      'listitem',
    );
    const lines = history.map((li) => li.textContent);
    expect(lines[0]).toContain('Mia Berg started the tree in 14k yellow gold');
    expect(lines.some((l) => l.includes(`put ${first.envelopeNumber} on the tree`))).toBe(true);
    expect(lines.some((l) => l.includes('weighed the tree: 12.50 g on a 4.50 g base'))).toBe(true);
    expect(lines.some((l) => l.includes('invested flask F12'))).toBe(true);
    expect(lines.at(-1)).toContain(`weighed out ${first.envelopeNumber} 52.00 g`);
    // A whole day in the casting room, typed and tapped: more than the default 5 s on a slow runner.
  }, 30_000);
});

/** A 14k yellow tree of two casting jobs taken by the real operations up to and including the cast. */
async function castTree(actor: string, issued = 115.02) {
  const a = await castingJob(actor);
  const b = await castingJob(actor);
  const treeId = await startTree(db, { alloyId: 'au14y' }, actor);
  await addJobToTree(db, { treeId, jobId: a.jobId }, actor);
  await addJobToTree(db, { treeId, jobId: b.jobId }, actor);
  await weighTree(db, { treeId, grossG: 12.5, baseG: 4.5 }, actor);
  await issueMetal(db, { treeId, grams: issued, source: 'fresh' }, actor);
  const now = Date.now();
  await investTree(
    db,
    {
      treeId,
      flaskId: 'F7',
      flaskSize: '2.5x2.5',
      investment: 'gypsum',
      powderG: 283,
      waterMl: 113,
      mixedAtMs: now - 9 * HOUR_MS,
      workingMinutes: 9.5,
    },
    actor,
  );
  await startBurnout(
    db,
    { treeId, programId: '6h', soakTempC: 679, atMs: now - 7 * HOUR_MS },
    actor,
  );
  await recordCast(
    db,
    { treeId, atMs: now - HOUR_MS, flaskTempC: 679, castingTempC: 960, machine: 'Centrifuge' },
    actor,
  );
  for (const stepId of ['quench', 'devest', 'cut_off'] as const) {
    await setTreeStep(db, { treeId, stepId, done: true }, actor);
  }
  return { treeId, a, b };
}

describe('Tree page: weigh-out and loss', () => {
  it('shows a loss within the threshold unflagged, and flags it once the shop lowers the threshold', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { treeId, a, b } = await castTree(mia.id);
    renderApp(`/casting/trees/${treeId}`);
    const out = await current('Weigh-out');

    // A refusal keeps what was typed: the second job's casting is missing.
    await user.type(within(out).getByLabelText(`${a.envelopeNumber} casting`), '50.00');
    await user.type(within(out).getByLabelText('Button'), '10');
    await user.type(within(out).getByLabelText('Sprues'), '4.52');
    await user.click(within(out).getByRole('button', { name: 'Save the weigh-out' }));
    expect(
      within(out).getByText(`Enter the casting of ${b.envelopeNumber} in grams (0 if it failed).`),
    ).toBeTruthy();
    expect(within(out).getByLabelText<HTMLInputElement>('Button').value).toBe('10');

    // 115.02 issued, 114.52 back: 0.50 g (0.43 %) is within 1 %.
    await user.type(within(out).getByLabelText(`${b.envelopeNumber} casting`), '50.00');
    await user.click(within(out).getByRole('button', { name: 'Save the weigh-out' }));
    const status = await within(section('Weigh-out')).findByRole('status', { name: 'Metal loss' });
    expect(status.textContent).toContain('loss 0.50 g (0.43 %)');
    expect(status.textContent).toContain('Within the 1 % the shop allows.');

    await setLossThreshold(db, 0.4, mia.id);
    const alert = await within(section('Weigh-out')).findByRole('alert', { name: 'Metal loss' });
    expect(alert.textContent).toContain('more than the 0.4 % allowed');
  });

  it('flags more metal back than was issued', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { treeId, a, b } = await castTree(mia.id, 100);
    renderApp(`/casting/trees/${treeId}`);
    const out = await screen.findByRole('region', { name: 'Weigh-out' });
    await user.type(within(out).getByLabelText(`${a.envelopeNumber} casting`), '50');
    await user.type(within(out).getByLabelText(`${b.envelopeNumber} casting`), '50');
    await user.type(within(out).getByLabelText('Button'), '8');
    await user.type(within(out).getByLabelText('Sprues'), '0');
    await user.click(within(out).getByRole('button', { name: 'Save the weigh-out' }));
    const alert = await within(section('Weigh-out')).findByRole('alert', { name: 'Metal loss' });
    expect(alert.textContent).toContain('8.00 g more came back than was issued');
  });
});

describe('Tree page: what is refused', () => {
  it('shows addJobToTree’s refusals as they come, and adds from the list of waiting waxes', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const white = await castingJob(mia.id, 'au18w');
    const sizing = await openTestJob(mia.id);
    const elsewhere = await castingJob(mia.id);
    const waiting = await castingJob(mia.id);
    const other = await startTree(db, { alloyId: 'au14y' }, mia.id);
    await addJobToTree(db, { treeId: other, jobId: elsewhere.jobId }, mia.id);
    const treeId = await startTree(db, { alloyId: 'au14y' }, mia.id);
    renderApp(`/casting/trees/${treeId}`);

    const waxes = await screen.findByRole('region', { name: 'Waxes' });
    const envelope = within(waxes).getByLabelText('Envelope number');
    const refusal = async (typed: string, message: RegExp) => {
      await user.clear(envelope);
      await user.type(envelope, `${typed}{Enter}`);
      expect((await within(waxes).findByRole('alert')).textContent).toMatch(message);
      // What was typed stays, to be corrected.
      expect((envelope as HTMLInputElement).value).toBe(typed);
    };
    await refusal(white.envelopeNumber, /is to be cast in another alloy \(au18w\)/);
    await refusal(sizing.envelopeNumber, /has no lost-wax casting service/);
    await refusal(elsewhere.envelopeNumber, new RegExp(`is on tree ${treeCode({ id: other })}`));
    await refusal('ZZ-9999', /No job on envelope ZZ-9999 on this tablet/);
    await refusal(`${window.location.origin}/f/F3`, /That is flask F3’s tag, not an envelope/);
    expect((await tree(treeId)).jobIds).toEqual([]);

    // The waiting list: open casting jobs on no tree, this alloy first; the one on a tree is not there.
    const list = within(waxes).getByRole('group', { name: 'Waxes waiting for a tree' });
    const names = within(list)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(names[0]).toContain(waiting.envelopeNumber);
    expect(names.some((n) => n.includes(white.envelopeNumber))).toBe(true);
    expect(names.some((n) => n.includes(elsewhere.envelopeNumber))).toBe(false);
    expect(names.some((n) => n.includes(sizing.envelopeNumber))).toBe(false);
    await user.click(
      within(list).getByRole('button', { name: new RegExp(waiting.envelopeNumber) }),
    );
    await within(waxes).findByRole('link', { name: waiting.envelopeNumber });
    expect((await tree(treeId)).jobIds).toEqual([waiting.jobId]);
    // A job's label link scanned into the field (a wedge scanner types it) adds that job.
    const labelJob = await castingJob(mia.id);
    await user.clear(envelope);
    await user.type(envelope, `${window.location.origin}/j/${labelJob.jobId}{Enter}`);
    await within(waxes).findByRole('link', { name: labelJob.envelopeNumber });
  });

  it('adds a wax scanned by a wedge scanner with no field tapped, staying on the tree', async () => {
    const mia = await signedIn('Mia Berg');
    const scanned = await castingJob(mia.id);
    const treeId = await startTree(db, { alloyId: 'au14y' }, mia.id);
    renderApp(`/casting/trees/${treeId}`);
    const waxes = await screen.findByRole('region', { name: 'Waxes' });
    // The form that claims the scans shows once the person signed in is read.
    await within(waxes).findByLabelText('Envelope number');
    // A scanner "types" the envelope number in one fast burst and presses Enter, at the page: 5 ms
    // a key on the scanner's clock, however busy the machine running the tests is.
    let ms = performance.now();
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (ms += 5));
    for (const key of [...Array.from(scanned.envelopeNumber), 'Enter'])
      fireEvent.keyDown(document.body, { key });
    clock.mockRestore();
    await within(waxes).findByRole('link', { name: scanned.envelopeNumber });
    expect((await tree(treeId)).jobIds).toEqual([scanned.jobId]);
    expect(screen.queryByRole('heading', { name: `Job page ${scanned.jobId}` })).toBeNull();
  });

  it('takes a wax off only with a reason, and keeps it struck through', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const wax = await castingJob(mia.id);
    const treeId = await startTree(db, { alloyId: 'au14y' }, mia.id);
    await addJobToTree(db, { treeId, jobId: wax.jobId }, mia.id);
    renderApp(`/casting/trees/${treeId}`);
    const waxes = await screen.findByRole('region', { name: 'Waxes' });
    await user.click(await within(waxes).findByRole('button', { name: 'Take off…' }));
    const takeOff = within(waxes).getByRole('button', {
      name: `Take ${wax.envelopeNumber} off the tree`,
    });
    await user.click(takeOff);
    expect((await within(waxes).findByRole('alert')).textContent).toBe(
      'Say why the wax comes off the tree.',
    );
    await user.type(within(waxes).getByLabelText(/Why does .* come off\?/), 'Broken sprue');
    await user.click(takeOff);
    expect(await within(waxes).findByText(/taken off by Mia Berg .*: Broken sprue/)).toBeTruthy();
    expect(
      within(waxes).getByRole('link', { name: wax.envelopeNumber }).closest('li')?.className,
    ).toContain('tp-removed');
    expect((await tree(treeId)).jobIds).toEqual([]);
  });

  it('refuses a flask that holds another tree, keeping the form as typed', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const busy = await castTree(mia.id);
    const wax = await castingJob(mia.id);
    const treeId = await startTree(db, { alloyId: 'au14y' }, mia.id);
    await addJobToTree(db, { treeId, jobId: wax.jobId }, mia.id);
    for (const stepId of ['wax_cleanup', 'sprue', 'tree'] as const) {
      await setTreeStep(db, { treeId, stepId, done: true }, mia.id);
    }
    await weighTree(db, { treeId, grossG: 6, baseG: 4 }, mia.id);
    await issueMetal(db, { treeId, grams: 30, source: 'fresh' }, mia.id);
    renderApp(`/casting/trees/${treeId}`);
    const flask = await screen.findByRole('region', { name: 'Flask' });
    await user.type(within(flask).getByLabelText('Flask ID'), 'f7');
    await user.click(within(flask).getByRole('radio', { name: '3.5 × 4 in' }));
    await user.click(within(flask).getByRole('button', { name: 'Mixed now' }));
    expect((await within(flask).findByRole('alert')).textContent).toBe(
      `Flask F7 holds tree ${treeCode({ id: busy.treeId })} (cast).`,
    );
    expect(within(flask).getByLabelText<HTMLInputElement>('Flask ID').value).toBe('F7');
    const amounts = investmentFor('3.5x4', 40);
    expect(within(flask).getByLabelText<HTMLInputElement>('Powder').value).toBe(
      String(amounts.powderG),
    );
  });

  it('shows the tree to nobody signed in, but records nothing until someone signs in', async () => {
    const mia = await signedIn('Mia Berg');
    const treeId = await startTree(db, { alloyId: 'au14y' }, mia.id);
    useSession.getState().signOut();
    renderApp(`/casting/trees/${treeId}`);
    expect(await screen.findByText('Sign in to record work on this tree.')).toBeTruthy();
    const waxes = section('Waxes');
    expect(within(waxes).queryByLabelText('Envelope number')).toBeNull();
    for (const tick of within(waxes).getAllByRole<HTMLButtonElement>('checkbox')) {
      expect(tick.disabled).toBe(true);
    }
  });

  it('says kindly that this tablet has no such tree', async () => {
    await signedIn('Mia Berg');
    renderApp('/casting/trees/01KAQ0000000000000000000ZZ');
    expect(await screen.findByText('This tablet does not have that tree yet.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Casting room' }).getAttribute('href')).toBe(
      '/casting',
    );
  });
});

describe('Tree page: the kiln', () => {
  /** A tree of one wax, invested and vacuumed three hours ago: ready for its burnout. */
  async function investedTree(actor: string, alloyId: AlloyId = 'au14y', flaskId = 'F3') {
    const wax = await castingJob(actor, alloyId);
    const treeId = await startTree(db, { alloyId }, actor);
    await addJobToTree(db, { treeId, jobId: wax.jobId }, actor);
    await investTree(
      db,
      {
        treeId,
        flaskId,
        flaskSize: '3.5x4',
        investment: 'gypsum',
        powderG: 800,
        waterMl: 320,
        mixedAtMs: Date.now() - 3 * HOUR_MS,
        workingMinutes: 9.5,
      },
      actor,
    );
    await setTreeStep(db, { treeId, stepId: 'vacuum', done: true }, actor);
    return treeId;
  }

  it('pauses with a reason, resumes, and changes program from a stage, listing each', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const treeId = await investedTree(mia.id);
    renderApp(`/casting/trees/${treeId}`);
    const burnout = await current('Burnout');
    // The 3.5 × 4 in flask's program comes first and is chosen.
    const programs = await within(burnout).findAllByRole('radio');
    expect(programs[0]?.textContent).toMatch(/^8 h burnout/);
    expect(programs[0]?.getAttribute('aria-checked')).toBe('true');
    await user.click(within(burnout).getByRole('button', { name: 'Start burnout' }));

    await within(burnout).findByLabelText('Kiln now');
    await user.type(within(burnout).getByLabelText('Why pause?'), 'Kiln door open');
    await user.click(within(burnout).getByRole('button', { name: 'Pause burnout' }));
    const kiln = () => within(section('Burnout')).getByLabelText('Kiln now');
    await waitFor(() => {
      expect(within(kiln()).getByText('Paused')).toBeTruthy();
    });
    expect(within(kiln()).getByText('waits while paused')).toBeTruthy();
    await user.click(within(burnout).getByRole('button', { name: 'Resume burnout' }));
    await waitFor(() => {
      expect(within(kiln()).getByText('Running')).toBeTruthy();
    });

    await user.click(within(burnout).getByRole('button', { name: 'Change program…' }));
    const change = within(burnout).getByRole('form', { name: 'Change the burnout program' });
    await user.click(within(change).getByRole('radio', { name: /^12 h burnout/ }));
    await user.click(within(change).getByRole('radio', { name: /^4\. Full burnout/ }));
    await user.click(within(change).getByRole('button', { name: 'Change program' }));
    expect((await within(change).findByRole('alert')).textContent).toBe(
      'Say why the program changes: it is part of the casting record.',
    );
    await user.type(within(change).getByLabelText('Why change?'), 'Bigger flask than planned');
    await user.click(within(change).getByRole('button', { name: 'Change program' }));
    await waitFor(() => {
      expect(within(kiln()).getByText('Stage 4 of 5')).toBeTruthy();
    });
    expect(within(kiln()).getByText('Full burnout')).toBeTruthy();

    const records = within(section('Burnout')).getByRole('list', { name: 'Burnout record' });
    expect(
      within(records)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringMatching(/Started 8 h burnout, soak at 679 °C · Mia Berg/),
      expect.stringMatching(/Paused: Kiln door open · Mia Berg/),
      expect.stringMatching(/Resumed · Mia Berg/),
      expect.stringMatching(
        /Changed to 12 h burnout from stage 4 \(Full burnout\), soak at 679 °C: Bigger flask than planned · Mia Berg/,
      ),
    ]);
    expect((await tree(treeId)).burnout.map((r) => r.kind)).toEqual([
      'started',
      'paused',
      'resumed',
      'changed',
    ]);
  });

  it('refuses a soak hotter than the program allows, and says gypsum will not do for platinum', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const treeId = await investedTree(mia.id);
    const view = renderApp(`/casting/trees/${treeId}`);
    const burnout = await current('Burnout');
    await user.click(
      await within(burnout).findByRole('radio', { name: /^Stone-in-place burnout/ }),
    );
    const soak = within(burnout).getByLabelText<HTMLInputElement>('Flask temperature for the soak');
    // With stones in place the soak is never above 482 °C: the default follows the program.
    expect(soak.value).toBe('482');
    await user.clear(soak);
    await user.type(soak, '700');
    await user.click(within(burnout).getByRole('button', { name: 'Start burnout' }));
    expect((await within(burnout).findByRole('alert')).textContent).toMatch(
      /^The soak is set to 700 °C .* above 482 °C/,
    );
    expect((await tree(treeId)).burnout).toEqual([]);
    expect(soak.value).toBe('700');
    view.unmount();

    const platinum = await investedTree(mia.id, 'pt950', 'F4');
    renderApp(`/casting/trees/${platinum}`);
    const ptBurnout = await current('Burnout');
    expect((await within(ptBurnout).findByRole('alert')).textContent).toMatch(
      /^Gypsum will not do\. Platinum 950 melts at about 1780 °C/,
    );
    expect(
      within(ptBurnout).getByLabelText<HTMLInputElement>('Flask temperature for the soak').value,
    ).toBe('');
  });

  it('takes a scanned flask tag into the flask field as its id, without pressing Mixed now', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const wax = await castingJob(mia.id);
    const treeId = await startTree(db, { alloyId: 'au14y' }, mia.id);
    await addJobToTree(db, { treeId, jobId: wax.jobId }, mia.id);
    renderApp(`/casting/trees/${treeId}`);
    await current('Waxes');
    await user.click(within(section('Flask')).getByRole('button', { name: 'Show Flask' }));
    const flask = section('Flask');
    // Everything else is chosen, so an Enter that pressed "Mixed now" would invest the tree.
    await user.click(within(flask).getByRole('radio', { name: '2.5 × 2.5 in' }));
    const field = within(flask).getByLabelText<HTMLInputElement>('Flask ID');
    await user.type(field, `${window.location.origin}/f/f9{Enter}`);
    expect(field.value).toBe('F9');
    expect((await tree(treeId)).invested).toBeNull();
  });
});

describe('Flask tag and flask link', () => {
  it('prints the flask’s tag with its id, tree, alloy, waxes, invested time and QR link', async () => {
    const mia = await signedIn('Mia Berg');
    const { treeId, a, b } = await castTree(mia.id);
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const user = userEvent.setup();
    renderApp('/casting/flasks/F7/tag');
    const tag = await screen.findByTestId('flask-tag');
    await within(tag).findByText(treeCode({ id: treeId }));
    expect(within(tag).getByText('F7', { selector: '.flask-tag-id' })).toBeTruthy();
    expect(within(tag).getByText('14k yellow gold')).toBeTruthy();
    expect(tag.textContent).toContain(`${a.envelopeNumber} · ${b.envelopeNumber}`);
    const qr = within(tag).getByRole('img', { name: 'Scan to open the tree in flask F7' });
    expect(qr.getAttribute('data-qr-payload')).toBe(`${window.location.origin}/f/F7`);
    await user.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
    expect(
      screen
        .getByRole('link', { name: `Back to tree ${treeCode({ id: treeId })}` })
        .getAttribute('href'),
    ).toBe(`/casting/trees/${treeId}`);
  });

  it('opens the tree in a scanned flask, and says kindly when no tree here is in it', async () => {
    const mia = await signedIn('Mia Berg');
    const { treeId } = await castTree(mia.id);
    const first = renderApp('/f/f7');
    expect(
      await screen.findByRole('heading', { level: 2, name: treeCode({ id: treeId }) }),
    ).toBeTruthy();
    first.unmount();
    renderApp('/f/F99?from=loupe.local');
    expect(await screen.findByText('No tree on this tablet is in flask F99.')).toBeTruthy();
    expect(screen.getByText(/It may not be synced yet/)).toBeTruthy();
    expect(
      screen.getByText('The tag was printed by the Loupe server at loupe.local.'),
    ).toBeTruthy();
  });
});

describe('Job page: casting panel', () => {
  it('shows the job’s tree with flask, metal, its casting and the tree’s loss', async () => {
    const mia = await signedIn('Mia Berg');
    const { treeId, a, b } = await castTree(mia.id);
    await weighOut(
      db,
      {
        treeId,
        castings: [
          { jobId: a.jobId, grams: 52 },
          { jobId: b.jobId, grams: 46 },
        ],
        buttonG: 10,
        spruesG: 5,
        buttonTo: 'stock',
        spruesTo: 'scrap',
      },
      mia.id,
    );
    renderApp(`/jobs/${a.jobId}`);
    const panel = await screen.findByRole('region', { name: 'Casting' });
    const line = await within(panel).findByRole('listitem');
    expect(
      within(line).getByRole('link', { name: `Tree ${treeCode({ id: treeId })}` }),
    ).toBeTruthy();
    expect(line.textContent).toContain(
      'Weighed out · 14k yellow gold · flask F7 · wax 8.00 g (whole tree) · metal issued 115.02 g',
    );
    expect(line.textContent).toContain('This casting 52.00 g');
    expect(line.textContent).toMatch(/tree loss 2\.02 g \(1\.76 %\) — flagged/);
  });

  it('says a casting job is not on a tree yet, and shows nothing for a job with no casting', async () => {
    const mia = await signedIn('Mia Berg');
    const casting = await castingJob(mia.id);
    const sizing = await openTestJob(mia.id);
    const view = renderApp(`/jobs/${casting.jobId}`);
    const panel = await screen.findByRole('region', { name: 'Casting' });
    expect(within(panel).getByText(/Not on a tree yet/)).toBeTruthy();
    view.unmount();
    renderApp(`/jobs/${sizing.jobId}`);
    await screen.findByRole('heading', { level: 2, name: sizing.envelopeNumber });
    expect(screen.queryByRole('region', { name: 'Casting' })).toBeNull();
  });
});
