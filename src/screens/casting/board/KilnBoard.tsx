// The kiln board: every flask in the kiln as a big card, its alarms, and the screen kept on.
import { useEffect, useId, useState } from 'react';
import { useTreesInStages } from '../../../db';
import { burnoutStatus } from '../../../domain/casting/burnout';
import type { TreeStage, TreeState } from '../../../domain/casting/tree';
import {
  askNotificationPermission,
  notificationPermission,
  unlockAlarmSound,
  type NotificationPermissionState,
} from './alarmSound';
import { FlaskCard } from './FlaskCard';
import { useKilnAlarms, type KilnAlarms } from './useKilnAlarms';
import { useNow } from '../../../components/useNow';
import { useWakeLock, type WakeLockState } from './useWakeLock';
import './casting.css';

const IN_THE_KILN: readonly TreeStage[] = ['kiln'];

/** Every second: an alarm rings within a second of its moment, and minutes tick over on time. */
const BOARD_TICK_MS = 1000;

/** Ready flasks first (they wait on the caster), then the soonest stage end, paused ones last. */
function boardOrder(trees: readonly TreeState[], nowMs: number): TreeState[] {
  const rank = (t: TreeState): [number, number] => {
    const s = burnoutStatus(t.burnout, nowMs);
    if (!s) return [3, 0];
    if (s.state === 'ready') return [0, s.readyAtMs ?? 0];
    if (s.state === 'running') return [1, s.stageEndsAtMs ?? 0];
    return [2, s.pausedSinceMs ?? 0];
  };
  return trees
    .map((t) => ({ t, r: rank(t) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || (a.t.id < b.t.id ? -1 : 1))
    .map((x) => x.t);
}

export function KilnBoard() {
  const headingId = useId();
  const trees = useTreesInStages(IN_THE_KILN);
  const now = useNow(BOARD_TICK_MS);
  const alarms = useKilnAlarms(trees, now);
  const inKiln = (trees?.length ?? 0) > 0;
  const wake = useWakeLock(inKiln);

  // Browsers let a page sound only after a touch: the first touch anywhere readies the beep.
  useEffect(() => {
    document.addEventListener('pointerdown', unlockAlarmSound, { capture: true });
    return () => document.removeEventListener('pointerdown', unlockAlarmSound, { capture: true });
  }, []);

  return (
    <section className="kiln-board" aria-labelledby={headingId}>
      <div className="kiln-board-head">
        <h2 id={headingId}>Kiln</h2>
        <NotificationControl />
      </div>
      <AlarmBanner alarms={alarms} />
      {trees !== undefined &&
        (inKiln ? (
          <>
            <WakeLockLine state={wake} />
            <div className="kiln-cards">
              {boardOrder(trees, now).map((t) => (
                <FlaskCard key={t.id} tree={t} nowMs={now} />
              ))}
            </div>
          </>
        ) : (
          <p className="kiln-empty">
            No flask in the kiln. Invest a tree and start its burnout from the tree&apos;s page: its
            flask shows here with what to set the kiln to and when it is ready.
          </p>
        ))}
    </section>
  );
}

function AlarmBanner({ alarms }: { alarms: KilnAlarms }) {
  const baseId = useId();
  if (alarms.pending.length === 0) return null;
  return (
    <div className="kiln-alarm" role="alert">
      {alarms.pending.map((p, i) => {
        const titleId = `${baseId}-${i}`;
        const earlier = p.atMsList.length - 1;
        return (
          <div key={p.key} className="kiln-alarm-item" data-alarm={p.alarm.kind}>
            <div className="kiln-alarm-words">
              <p id={titleId} className="kiln-alarm-title">
                {p.words.title}
              </p>
              <p className="kiln-alarm-body">{p.words.body}</p>
              {earlier > 0 && (
                <p className="kiln-alarm-earlier">
                  {earlier === 1
                    ? 'One earlier alarm of this flask was missed too.'
                    : `${earlier} earlier alarms of this flask were missed too.`}
                </p>
              )}
            </div>
            <button
              type="button"
              className="button button-primary kiln-got-it"
              aria-describedby={titleId}
              onClick={() => alarms.acknowledge(p.tree.id)}
            >
              Got it
            </button>
          </div>
        );
      })}
    </div>
  );
}

function WakeLockLine({ state }: { state: WakeLockState }) {
  const text = (() => {
    switch (state.kind) {
      case 'on':
        return 'Screen stays on while the kiln board is open.';
      case 'asking':
        return 'Asking the tablet to keep the screen on…';
      case 'unsupported':
        return "This browser cannot keep the screen on: set the tablet's auto-lock to Never while a flask is in the kiln.";
      case 'off':
        return `The screen may turn off: ${state.reason}. Alarms that pass while it is off ring when it wakes.`;
      case 'idle':
        return null;
    }
  })();
  if (text === null) return null;
  return (
    <p className={state.kind === 'on' ? 'kiln-wake muted' : 'kiln-wake kiln-wake-off'}>{text}</p>
  );
}

/** Asks for notifications only when tapped; says so when the browser blocks them. */
function NotificationControl() {
  const [permission, setPermission] = useState<NotificationPermissionState>(notificationPermission);
  if (permission === 'unsupported' || permission === 'granted') return null;
  if (permission === 'denied') {
    return (
      <p className="kiln-notify muted">
        Notifications are blocked for Loupe in this browser&apos;s settings: alarms show here and
        beep.
      </p>
    );
  }
  return (
    <button
      type="button"
      className="button kiln-notify"
      onClick={() => {
        unlockAlarmSound();
        void askNotificationPermission().then(setPermission);
      }}
    >
      Allow notifications
    </button>
  );
}
