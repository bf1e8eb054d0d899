// Says plainly when this tablet's clock disagrees with the shop server's, with both times and what
// to do: a wrong clock would otherwise stamp every change with the wrong time.
import { clockIsWrong, useClockCheck, type ClockCheck } from '../db/syncStatus';
import { describeDuration } from '../domain/clock';
import './clockWarning.css';

const when = (ms: number) =>
  new Date(ms).toLocaleString([], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

export function ClockWarning({ check }: { check: ClockCheck }) {
  const ahead = check.offsetMs < 0;
  return (
    <div className="clock-warning" role="alert">
      <strong>This tablet’s clock is wrong.</strong> At the last sync it read{' '}
      {when(check.tabletTime)}, while the shop server’s read {when(check.serverTime)}:{' '}
      {describeDuration(Math.abs(check.offsetMs))} {ahead ? 'ahead' : 'behind'}. Set the date and
      time in the tablet’s settings (turn on “Set automatically”), then sync again. Nothing recorded
      here is lost: changes are given the shop’s time when they reach the server.
    </div>
  );
}

/** The banner under the header, on every screen, while the clock is wrong. */
export function ClockBanner() {
  const check = useClockCheck();
  return clockIsWrong(check) ? <ClockWarning check={check} /> : null;
}
