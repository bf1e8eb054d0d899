// What a timer is on, in words: the service's name, or the whole job; and when it ran.
import { dayText, localDay } from '../../../../domain/dates';
import type { JobState } from '../../../../domain/job';
import { clockOfDay } from '../../../../domain/time/format';
import type { Timer } from '../../../../domain/time/timers';
import { serviceName } from '../../../label/labelText';

export const WHOLE_JOB_LABEL = 'Whole job';

/** "Ring sizing up", "Polishing (cancelled)", or "Whole job" for a timer on no one service. */
export function targetName(job: Pick<JobState, 'services'>, serviceId: string | null): string {
  if (serviceId === null) return WHOLE_JOB_LABEL;
  const service = job.services.find((s) => s.id === serviceId);
  if (!service) return 'A service this tablet does not have';
  return `${serviceName(service.kind)}${service.cancelled ? ' (cancelled)' : ''}`;
}

/** "09:05" today, "Mon 20 Nov 09:05" another day: when a timer started. */
export function momentText(ms: number, today: string): string {
  const day = localDay(new Date(ms));
  return day === today ? clockOfDay(ms) : `${dayText(day, { year: false })} ${clockOfDay(ms)}`;
}

/** "09:05–10:30" (a span within a day); "09:05–now" while it runs. */
export function spanText(startMs: number, endMs: number | null): string {
  return `${clockOfDay(startMs)}–${endMs === null ? 'now' : clockOfDay(endMs)}`;
}

/** "Running", "Paused", "Stopped": said in words, never by colour alone. */
export function phaseText(timer: Timer): string {
  return timer.phase === 'running' ? 'Running' : timer.phase === 'paused' ? 'Paused' : 'Stopped';
}
