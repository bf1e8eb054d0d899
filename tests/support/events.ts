// Builders of valid events for tests: a job opened on a tablet, and what happens to it after.
import { formatStamp } from '../../src/domain/clock';
import { newUlid } from '../../src/domain/ids';
import type { EventData, EventType, StoredEvent } from '../../src/protocol/events';

export const DEVICE_A = 'aaaaaaaaaaaaaaaa';
export const DEVICE_B = 'bbbbbbbbbbbbbbbb';
export const T0 = Date.parse('2026-11-23T09:00:00.000Z');

let counter = 0;
/** A stamp `minutes` after T0 on `device`; a unique counter keeps stamps of one test distinct. */
export function stampAt(minutes: number, device = DEVICE_A, count = counter++ % 0xffff): string {
  return formatStamp({ ms: T0 + minutes * 60_000, counter: count, device });
}

export function openedData(
  overrides: Partial<EventData<'job.opened'>> = {},
): EventData<'job.opened'> {
  return {
    envelope: { number: 'K7-0042', preprinted: false },
    customer: { name: 'Anna Lindqvist', phone: '+46 70 123 45 67' },
    item: {
      kind: 'ring',
      description: 'Yellow metal ring with one white stone',
      alloyId: 'au14y',
      stamps: '585',
      stones: [{ count: 1, kind: 'white stone', sizeMm: 5 }],
    },
    condition: {
      wornProngs: true,
      looseStones: false,
      chippedStones: false,
      missingStones: false,
      thinShank: false,
      kinks: false,
      brokenClasp: false,
    },
    services: [
      {
        id: newUlid(),
        kind: 'ring_sizing_up',
        details: { current_size: 16.51, target_size: 17.32 },
      },
    ],
    promisedDate: '2026-11-30',
    rush: false,
    intakeWeightG: 3.42,
    ...overrides,
  };
}

export function event<T extends EventType>(
  jobId: string,
  type: T,
  data: EventData<T>,
  at: string = stampAt(1),
  actor = 'staff-mia',
): StoredEvent {
  const device = at.slice(-16);
  return { id: newUlid(T0), jobId, type, at, actor, device, data: data };
}

/** A job.opened event and its job id. */
export function openedEvent(
  overrides: Partial<EventData<'job.opened'>> = {},
  at: string = stampAt(0),
): { jobId: string; opened: StoredEvent; serviceId: string } {
  const jobId = newUlid(T0);
  const data = openedData(overrides);
  const opened = event(jobId, 'job.opened', data, at);
  return { jobId, opened, serviceId: data.services[0]?.id ?? '' };
}
