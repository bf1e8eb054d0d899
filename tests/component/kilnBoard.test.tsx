// The kiln board over a real Dexie on fake-indexeddb: trees put in the kiln with the real casting
// operations, the board read at chosen instants of the wall clock (vi.setSystemTime), alarms and the
// screen wake lock.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addJobToTree, db, investTree, pauseBurnout, startBurnout, startTree } from '../../src/db';
import { treeCode } from '../../src/domain/casting/tree';
import { KilnBoard } from '../../src/screens/casting/board/KilnBoard';
import { ALARM_MEMORY_KEY } from '../../src/screens/casting/board/alarmMemory';
import { openTestJob } from './jobPageHelpers';
import { signedIn } from './staffHelpers';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** 08:00 local time: the 6 h program's stages end at 10:00, 11:00 and 13:00; ready at 14:00. */
const T0 = new Date(2026, 10, 23, 8, 0, 0).getTime();

const onNavigator: string[] = [];

/** Gives jsdom's navigator a browser API it lacks (wakeLock, vibrate), until the test ends. */
function giveNavigator(name: string, value: unknown): void {
  Object.defineProperty(navigator, name, { value, configurable: true, writable: true });
  onNavigator.push(name);
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  for (const name of onNavigator.splice(0)) {
    Reflect.deleteProperty(navigator, name);
  }
});

/** A silver tree on flask `flaskId` whose 6 h burnout (soak 650 °C) started at `startMs`. */
async function treeInKiln(
  actor: string,
  flaskId = 'F12',
  startMs = T0,
): Promise<{ treeId: string; code: string }> {
  const { jobId } = await openTestJob(actor, {
    services: [{ kind: 'lost_wax_casting', details: { alloy: 'ag925' } }],
  });
  const treeId = await startTree(db, { alloyId: 'ag925' }, actor);
  await addJobToTree(db, { treeId, jobId }, actor);
  await investTree(
    db,
    {
      treeId,
      flaskId,
      flaskSize: '2.5x2.5',
      investment: 'gypsum',
      powderG: 300,
      waterMl: 114,
      mixedAtMs: startMs - 2 * HOUR,
      workingMinutes: 9.5,
    },
    actor,
  );
  await startBurnout(db, { treeId, programId: '6h', soakTempC: 650, atMs: startMs }, actor);
  return { treeId, code: treeCode({ id: treeId }) };
}

/** The wall clock stands at `ms` (only Date is faked: Dexie and fake-indexeddb keep real timers). */
function clockAt(ms: number): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(ms);
}

/** The tablet wakes at `ms`: the board reads the clock again on visibilitychange. */
function wakeAt(ms: number): void {
  vi.setSystemTime(ms);
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Matches the innermost element reading `text` in full, bold numbers and all. */
function said(text: string) {
  return (_content: string, el: Element | null): boolean =>
    el !== null &&
    squash(el.textContent) === text &&
    !Array.from(el.children).some((child) => squash(child.textContent) === text);
}

function renderBoard() {
  return render(
    <MemoryRouter>
      <KilnBoard />
    </MemoryRouter>,
  );
}

function card(flask = 'F12'): Promise<HTMLElement> {
  return screen.findByRole('article', { name: `Flask ${flask}` });
}

describe('Kiln board: what the caster reads', () => {
  it('shows the stage, the kiln setting, time left, the next step and the ready time from the recorded start', async () => {
    const mia = await signedIn('Mia Berg');
    const { treeId, code } = await treeInKiln(mia.id);
    clockAt(T0 + 30 * MIN);
    renderBoard();

    const f12 = await card();
    const inCard = within(f12);
    expect(inCard.getByText('2.5 × 2.5 in')).toBeTruthy();
    expect(inCard.getByText(said(`${code} · Sterling silver · 6 h burnout`))).toBeTruthy();
    expect(inCard.getByText('Stage 1 of 4: Wax out')).toBeTruthy();
    expect(inCard.getByText(said('Set the kiln to 149 °C (300 °F)'))).toBeTruthy();
    expect(inCard.getByText('1 h 30 min')).toBeTruthy();
    expect(inCard.getByText('then 371 °C (700 °F) for 1 h')).toBeTruthy();
    expect(inCard.getByText(said('Ready to cast at 14:00'))).toBeTruthy();
    expect(inCard.getByRole('link', { name: `Open tree ${code}` }).getAttribute('href')).toBe(
      `/casting/trees/${treeId}`,
    );
    expect(screen.queryByRole('alert')).toBeNull();

    // Inside the third stage: the board is computed for the instant, not counted by ticks.
    // Read again the moment the tablet wakes (visibilitychange), not at the next tick.
    wakeAt(T0 + 5 * HOUR - 20 * MIN);
    expect(inCard.getByText('Stage 3 of 4: Full burnout')).toBeTruthy();
    expect(inCard.getByText(said('Set the kiln to 732 °C (1350 °F)'))).toBeTruthy();
    expect(inCard.getByText('20 min')).toBeTruthy();
    expect(inCard.getByText('then soak at 650 °C (1202 °F) for 1 h')).toBeTruthy();

    // In the soak, the last stage: the kiln is set to the run's own flask temperature.
    wakeAt(T0 + 5 * HOUR + 15 * MIN);
    expect(await inCard.findByText('Stage 4 of 4: Soak at casting temperature')).toBeTruthy();
    expect(inCard.getByText(said('Set the kiln to 650 °C (1202 °F)'))).toBeTruthy();
    expect(inCard.getByText('45 min')).toBeTruthy();
    expect(inCard.getByText('then ready to cast')).toBeTruthy();
  });

  it('shows a paused run as paused since when, its time left stopped, no ready time', async () => {
    const mia = await signedIn('Mia Berg');
    const { treeId } = await treeInKiln(mia.id);
    await pauseBurnout(db, { treeId, atMs: T0 + HOUR, reason: 'Kiln door open' }, mia.id);
    clockAt(T0 + 3 * HOUR);
    renderBoard();

    const f12 = await card();
    expect(f12.getAttribute('data-state')).toBe('paused');
    const inCard = within(f12);
    expect(inCard.getByText('Paused')).toBeTruthy();
    expect(inCard.getByText('Paused since 09:00')).toBeTruthy();
    expect(inCard.getByText(/: Kiln door open\. Resume it on the tree page/)).toBeTruthy();
    expect(inCard.getByText('Stage 1 of 4: Wax out')).toBeTruthy();
    expect(inCard.getByText(said('Set the kiln to 149 °C (300 °F)'))).toBeTruthy();
    expect(inCard.getByText('1 h 00 min')).toBeTruthy();
    expect(inCard.getByText(/left in this stage, stopped while paused/)).toBeTruthy();
    expect(inCard.queryByText(/^Ready to cast at/)).toBeNull();
    // Wax out would have ended at 10:00 had it run: a paused kiln rings for nothing.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('makes a ready flask stand out, first on the board, holding at the soak temperature', async () => {
    const mia = await signedIn('Mia Berg');
    await treeInKiln(mia.id, 'F12', T0);
    await treeInKiln(mia.id, 'F7', T0 + 2 * HOUR);
    clockAt(T0 + 6 * HOUR + 10 * MIN);
    renderBoard();

    const f12 = await card('F12');
    expect(f12.getAttribute('data-state')).toBe('ready');
    expect(f12.className).toContain('kiln-card-ready');
    const inCard = within(f12);
    expect(inCard.getByText('Ready to cast', { selector: '.kiln-badge' })).toBeTruthy();
    expect(inCard.getByText(said('Keep the kiln at 650 °C (1202 °F)'))).toBeTruthy();
    expect(inCard.getByText(/since 14:00/)).toBeTruthy();

    const f7 = await card('F7');
    expect(f7.getAttribute('data-state')).toBe('running');
    expect(within(f7).getByText('Stage 3 of 4: Full burnout')).toBeTruthy();
    expect(within(f7).getByText('50 min')).toBeTruthy();
    expect(within(f7).getByText(said('Ready to cast at 16:00'))).toBeTruthy();
    const order = screen.getAllByRole('article').map((a) => a.getAttribute('aria-labelledby'));
    expect(order[0]).toBe(f12.getAttribute('aria-labelledby'));

    const alert = screen.getByRole('alert');
    expect(
      within(alert).getByText(/^Flask F12 \(T-.{4}, Sterling silver\) is ready to cast$/),
    ).toBeTruthy();
    expect(
      within(alert).getByText('Ready since 14:00. The kiln holds it at 650 °C (1202 °F).'),
    ).toBeTruthy();
  });

  it('tells a tablet whose clock is behind the recorded start to check its clock', async () => {
    const mia = await signedIn('Mia Berg');
    await treeInKiln(mia.id);
    clockAt(T0 - 10 * MIN);
    renderBoard();
    const f12 = await card();
    expect(
      within(f12).getByText(/recorded to start at 08:00, later than this tablet's clock/),
    ).toBeTruthy();
  });

  it('says what to do when no flask is in the kiln, and keeps no wake lock', async () => {
    const request = vi.fn();
    giveNavigator('wakeLock', { request });
    renderBoard();
    expect(
      await screen.findByText(/No flask in the kiln\. Invest a tree and start its burnout/),
    ).toBeTruthy();
    expect(screen.queryByText(/Screen stays on/)).toBeNull();
    expect(request).not.toHaveBeenCalled();
  });
});

describe('Kiln board: alarms', () => {
  it('rings when a stage ends; "Got it" acknowledges it, and a remount does not ring again', async () => {
    const mia = await signedIn('Mia Berg');
    const { treeId, code } = await treeInKiln(mia.id);
    clockAt(T0 + 2 * HOUR - MIN);
    const first = renderBoard();
    const f12 = await card();
    expect(within(f12).getByText('1 min')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();

    wakeAt(T0 + 2 * HOUR + 5 * MIN);
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText(`Flask F12 (${code}, Sterling silver): Wax out is done`),
    ).toBeTruthy();
    expect(
      within(alert).getByText('Ended at 10:00. Set the kiln to 371 °C (700 °F) for Burn off.'),
    ).toBeTruthy();
    expect(within(f12).getByText('Stage 2 of 4: Burn off')).toBeTruthy();
    expect(within(f12).getByText(said('Set the kiln to 371 °C (700 °F)'))).toBeTruthy();
    expect(within(f12).getByText('55 min')).toBeTruthy();

    await userEvent.click(within(alert).getByRole('button', { name: 'Got it' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    // Remembered on this tablet by tree and the alarm's instant.
    const stored = JSON.parse(localStorage.getItem(ALARM_MEMORY_KEY) ?? '{}') as Record<
      string,
      number[]
    >;
    expect(stored[treeId]).toEqual([T0 + 2 * HOUR]);

    // A reload: the board comes back without ringing for what was acknowledged.
    first.unmount();
    renderBoard();
    expect(within(await card()).getByText('Stage 2 of 4: Burn off')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('rings after a reload for moments that passed while it slept and nobody acknowledged', async () => {
    const mia = await signedIn('Mia Berg');
    const { treeId } = await treeInKiln(mia.id);
    // Nobody was looking at 10:00 or 11:00: the tablet opens at 11:02.
    clockAt(T0 + 3 * HOUR + 2 * MIN);
    const first = renderBoard();
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(/: Burn off is done$/)).toBeTruthy();
    expect(
      within(alert).getByText('Ended at 11:00. Set the kiln to 732 °C (1350 °F) for Full burnout.'),
    ).toBeTruthy();
    expect(within(alert).getByText('One earlier alarm of this flask was missed too.')).toBeTruthy();

    // Not acknowledged: a reload rings again.
    first.unmount();
    const second = renderBoard();
    const again = await screen.findByRole('alert');
    await userEvent.click(within(again).getByRole('button', { name: 'Got it' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    const stored = JSON.parse(localStorage.getItem(ALARM_MEMORY_KEY) ?? '{}') as Record<
      string,
      number[]
    >;
    expect(stored[treeId]).toEqual([T0 + 2 * HOUR, T0 + 3 * HOUR]);

    // The next stage end, passed while the screen was off, rings on waking.
    second.unmount();
    renderBoard();
    await card();
    expect(screen.queryByRole('alert')).toBeNull();
    wakeAt(T0 + 5 * HOUR + MIN);
    const third = await screen.findByRole('alert');
    expect(within(third).getByText(/: Full burnout is done$/)).toBeTruthy();
    expect(
      within(third).getByText(
        'Ended at 13:00. Set the kiln to 650 °C (1202 °F) for Soak at casting temperature.',
      ),
    ).toBeTruthy();
    expect(within(third).queryByText(/earlier alarm/)).toBeNull();
  });

  it('beeps, vibrates and notifies once per alarm where the tablet can; asks for notifications only on a tap', async () => {
    const mia = await signedIn('Mia Berg');
    await treeInKiln(mia.id);

    const started: number[] = [];
    class FakeAudioContext {
      state = 'running';
      currentTime = 0;
      destination = {};
      createGain() {
        return {
          gain: { value: 1, setValueAtTime: vi.fn(), exponentialRampToValueAtTime: vi.fn() },
          connect: vi.fn(),
        };
      }
      createOscillator() {
        return {
          type: 'sine',
          frequency: { value: 0 },
          connect: vi.fn(),
          start: (at: number) => started.push(at),
          stop: vi.fn(),
        };
      }
      resume() {
        return Promise.resolve();
      }
    }
    const notifications: { title: string; options: NotificationOptions }[] = [];
    const requestPermission = vi.fn(() => {
      FakeNotification.permission = 'granted';
      return Promise.resolve('granted' as NotificationPermission);
    });
    class FakeNotification {
      static permission: NotificationPermission = 'default';
      static requestPermission = requestPermission;
      readonly title: string;
      constructor(title: string, options: NotificationOptions) {
        this.title = title;
        notifications.push({ title, options });
      }
    }
    const vibrate = vi.fn(() => true);
    vi.stubGlobal('AudioContext', FakeAudioContext);
    vi.stubGlobal('Notification', FakeNotification);
    giveNavigator('vibrate', vibrate);

    clockAt(T0 + HOUR);
    renderBoard();
    await card();
    // Never asked on load: only the button asks.
    expect(requestPermission).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Allow notifications' }));
    expect(requestPermission).toHaveBeenCalledTimes(1);
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Allow notifications' })).toBeNull(),
    );
    expect(vibrate).not.toHaveBeenCalled();
    const beforeAlarm = started.length;

    wakeAt(T0 + 2 * HOUR + MIN);
    await screen.findByRole('alert');
    await waitFor(() => expect(vibrate).toHaveBeenCalledTimes(1));
    // Three beeps on top of whatever the unlocking touch played.
    expect(started.length - beforeAlarm).toBeGreaterThanOrEqual(3);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]?.title).toMatch(/^Flask F12 .*: Wax out is done$/);
    expect(notifications[0]?.options.body).toBe(
      'Ended at 10:00. Set the kiln to 371 °C (700 °F) for Burn off.',
    );

    // The next tick at the same alarm rings nothing new.
    wakeAt(T0 + 2 * HOUR + 2 * MIN);
    await screen.findByRole('alert');
    expect(vibrate).toHaveBeenCalledTimes(1);
    expect(notifications).toHaveLength(1);
  });
});

describe('Kiln board: the screen stays on', () => {
  it('says so when the browser cannot keep the screen on', async () => {
    const mia = await signedIn('Mia Berg');
    await treeInKiln(mia.id);
    clockAt(T0 + HOUR);
    renderBoard();
    await card();
    expect(screen.getByText(/This browser cannot keep the screen on/)).toBeTruthy();
  });

  it('holds a wake lock while a flask is in the kiln, asks again on waking, releases it on leaving', async () => {
    const mia = await signedIn('Mia Berg');
    await treeInKiln(mia.id);
    const sentinels: { released: boolean; release: () => Promise<void>; fire: () => void }[] = [];
    const request = vi.fn((type: string) => {
      expect(type).toBe('screen');
      let onRelease: () => void = () => undefined;
      const sentinel = {
        released: false,
        release: vi.fn(() => {
          sentinel.released = true;
          return Promise.resolve();
        }),
        addEventListener: (_type: 'release', listener: () => void) => {
          onRelease = listener;
        },
        fire: () => {
          sentinel.released = true;
          onRelease();
        },
      };
      sentinels.push(sentinel);
      return Promise.resolve(sentinel);
    });
    giveNavigator('wakeLock', { request });

    clockAt(T0 + HOUR);
    const board = renderBoard();
    await card();
    expect(await screen.findByText('Screen stays on while the kiln board is open.')).toBeTruthy();
    expect(request).toHaveBeenCalledTimes(1);

    // The browser drops the lock when the tablet sleeps; on waking it is asked for again.
    act(() => sentinels[0]?.fire());
    expect(await screen.findByText(/The screen may turn off/)).toBeTruthy();
    wakeAt(T0 + 2 * HOUR - 5 * MIN);
    await waitFor(() => expect(request).toHaveBeenCalledTimes(2));
    expect(await screen.findByText('Screen stays on while the kiln board is open.')).toBeTruthy();

    board.unmount();
    expect(sentinels[1]?.release).toHaveBeenCalledTimes(1);
  });
});
