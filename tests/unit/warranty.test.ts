// Warranty days per service and until when a collected job's services are covered (domain/warranty.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_KINDS, type ServiceKind } from '../../src/domain/checklists';
import { formatStamp } from '../../src/domain/clock';
import type { JobState } from '../../src/domain/job';
import { foldJob } from '../../src/domain/projection';
import {
  DEFAULT_WARRANTY_DAYS,
  daysLeft,
  jobWarranty,
  openRedoEnvelope,
  pickupDay,
  warrantyDaysFor,
} from '../../src/domain/warranty';
import { newUlid } from '../../src/domain/ids';
import type { EventData, StoredEvent } from '../../src/protocol/events';
import { DEVICE_A, event, openedData } from '../support/events';

// The pick-up day is read on the tablet's calendar: pin one with a DST change (29 Mar and 25 Oct
// 2026), so the tables below mean the same on any machine.
const zoneBefore = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Stockholm';
});
afterAll(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

let counter = 0;
function stampOf(iso: string): string {
  return formatStamp({ ms: Date.parse(iso), counter: counter++, device: DEVICE_A });
}

type Service = EventData<'job.opened'>['services'][number];

function service(kind: ServiceKind): Service {
  const details: Service['details'] =
    kind === 'ring_sizing_up'
      ? { current_size: 16.51, target_size: 17.32 }
      : kind === 'ring_sizing_down'
        ? { current_size: 17.32, target_size: 16.51 }
        : {};
  return { id: newUlid(), kind, details };
}

/** A job of these services, opened in the morning and, when `pickedUpAt` is given, collected then. */
function job(
  kinds: readonly ServiceKind[],
  pickedUpAt: string | null,
  more: (jobId: string, services: Service[]) => StoredEvent[] = () => [],
): JobState {
  const jobId = newUlid();
  const services = kinds.map(service);
  const opened = event(jobId, 'job.opened', openedData({ services }), stampOf('2026-01-02T08:00Z'));
  const events = [opened, ...more(jobId, services)];
  if (pickedUpAt !== null) {
    events.push(event(jobId, 'status.changed', { status: 'collected' }, stampOf(pickedUpAt)));
  }
  const folded = foldJob(events);
  if (!folded) throw new Error('expected a job');
  return folded;
}

describe('warrantyDaysFor: the built-in days and the shop’s own', () => {
  it.each([
    ['ring_sizing_up', 30],
    ['ring_sizing_down', 30],
    ['polishing', 30],
    ['rhodium_plating', 30],
    ['prong_retipping', 90],
    ['stone_tightening', 90],
    ['chain_soldering', 90],
    ['clasp_replacement', 90],
    ['lost_wax_casting', 90],
    ['cleaning', 0],
  ] as const)('%s: %i days by default (DOMAIN.md)', (kind, days) => {
    expect(DEFAULT_WARRANTY_DAYS[kind]).toBe(days);
    expect(warrantyDaysFor(kind, {})).toBe(days);
  });

  it('has a default for every kind of service', () => {
    expect(Object.keys(DEFAULT_WARRANTY_DAYS).sort()).toEqual([...SERVICE_KINDS].sort());
  });

  it.each([
    ['polishing', { polishing: 14 }, 14],
    ['prong_retipping', { prong_retipping: 180 }, 180],
    ['ring_sizing_up', { ring_sizing_up: 0 }, 0],
    ['cleaning', { cleaning: 7 }, 7],
    // Another kind changed leaves this one at its default.
    ['chain_soldering', { polishing: 14 }, 90],
  ] as const)('%s with the shop’s %o: %i days', (kind, shopDays, days) => {
    expect(warrantyDaysFor(kind, shopDays)).toBe(days);
  });
});

describe('jobWarranty: from the pick-up day, until the last day covered', () => {
  it.each([
    // [service, pick-up instant (UTC), from, until] in Europe/Stockholm
    ['ring_sizing_up', '2026-12-01T10:00Z', '2026-12-01', '2026-12-31'],
    ['polishing', '2026-01-31T10:00Z', '2026-01-31', '2026-03-02'], // past February's end
    ['rhodium_plating', '2028-02-01T10:00Z', '2028-02-01', '2028-03-02'], // a leap year
    ['prong_retipping', '2026-11-15T10:00Z', '2026-11-15', '2027-02-13'], // into the next year
    ['chain_soldering', '2026-12-31T10:00Z', '2026-12-31', '2027-03-31'],
    // 30 days across the change to summer time (29 Mar 2026): still the same day of the month after.
    ['ring_sizing_down', '2026-03-20T10:00Z', '2026-03-20', '2026-04-19'],
    // 90 days across the change back (25 Oct 2026).
    ['clasp_replacement', '2026-09-01T10:00Z', '2026-09-01', '2026-11-30'],
    // 00:30 local time on 29 Mar (23:30 UTC the day before): the day is the shop's, not UTC's.
    ['stone_tightening', '2026-03-28T23:30Z', '2026-03-29', '2026-06-27'],
    // 00:30 summer time on 30 Mar is 22:30 UTC on the 29th.
    ['polishing', '2026-03-29T22:30Z', '2026-03-30', '2026-04-29'],
    // Just after midnight on New Year's Day, local time.
    ['ring_sizing_up', '2026-12-31T23:30Z', '2027-01-01', '2027-01-31'],
  ] as const)('%s picked up at %s: from %s until %s', (kind, at, from, until) => {
    const [w] = jobWarranty(job([kind], at), {}, from);
    expect(w).toMatchObject({ kind, from, until, covered: true });
  });

  it('covers the last day and not the day after', () => {
    const picked = job(['ring_sizing_up', 'prong_retipping'], '2026-12-01T10:00Z');
    const table = [
      ['2026-12-01', true, true],
      ['2026-12-30', true, true],
      ['2026-12-31', true, true],
      ['2027-01-01', false, true],
      ['2027-03-01', false, true],
      ['2027-03-02', false, false],
    ] as const;
    for (const [today, sizing, prongs] of table) {
      const [a, b] = jobWarranty(picked, {}, today);
      expect([today, a?.covered, b?.covered]).toEqual([today, sizing, prongs]);
    }
  });

  it('counts the days left, today included', () => {
    const [w] = jobWarranty(job(['polishing'], '2026-12-01T10:00Z'), {}, '2026-12-01');
    if (!w) throw new Error('expected a warranty');
    expect(daysLeft(w, '2026-12-01')).toBe(31);
    expect(daysLeft(w, '2026-12-31')).toBe(1);
    expect(daysLeft(w, '2027-01-01')).toBe(0);
  });

  it('follows the shop’s days', () => {
    const picked = job(['polishing', 'prong_retipping'], '2026-12-01T10:00Z');
    const [polish, prongs] = jobWarranty(
      picked,
      { polishing: 60, prong_retipping: 14 },
      '2027-01-20',
    );
    expect(polish).toMatchObject({ days: 60, until: '2027-01-30', covered: true });
    expect(prongs).toMatchObject({ days: 14, until: '2026-12-15', covered: false });
  });

  it('gives no warranty for 0 days: no last day, never covered', () => {
    const picked = job(['cleaning', 'polishing'], '2026-12-01T10:00Z');
    const [cleaning, polishing] = jobWarranty(picked, { polishing: 0 }, '2026-12-01');
    expect(cleaning).toMatchObject({ days: 0, from: '2026-12-01', until: null, covered: false });
    expect(polishing).toMatchObject({ days: 0, until: null, covered: false });
    if (cleaning) expect(daysLeft(cleaning, '2026-12-01')).toBe(0);
  });

  it('has no dates before pick-up: the warranty starts when the piece goes home', () => {
    for (const status of ['received', 'in_progress', 'qc', 'ready', 'on_hold'] as const) {
      const open = job(['ring_sizing_up'], null, (jobId) => [
        event(jobId, 'status.changed', { status }, stampOf('2026-01-03T10:00Z')),
      ]);
      expect(pickupDay(open)).toBeNull();
      expect(jobWarranty(open, {}, '2026-01-03')).toEqual([
        expect.objectContaining({ days: 30, from: null, until: null, covered: false }),
      ]);
    }
  });

  it('gives a job voided before pick-up no warranty; a voiding after it is refused', () => {
    const voided = job(['ring_sizing_up'], null, (jobId) => [
      event(jobId, 'job.voided', { reason: 'Opened twice' }, stampOf('2026-01-02T09:00Z')),
    ]);
    expect(jobWarranty(voided, {}, '2026-01-02')).toEqual([
      expect.objectContaining({ from: null, until: null, covered: false }),
    ]);
    const afterPickup = job(['ring_sizing_up'], '2026-12-01T10:00Z', (jobId) => [
      event(jobId, 'job.voided', { reason: 'Too late' }, stampOf('2026-12-02T09:00Z')),
    ]);
    expect(jobWarranty(afterPickup, {}, '2026-12-02')).toEqual([
      expect.objectContaining({ from: '2026-12-01', until: '2026-12-31', covered: true }),
    ]);
  });

  it('leaves cancelled services out: they were not done', () => {
    const picked = job(['ring_sizing_up', 'polishing'], '2026-12-01T10:00Z', (jobId, s) => [
      event(
        jobId,
        'service.cancelled',
        { serviceId: s[1]?.id ?? '', reason: 'Customer declined' },
        stampOf('2026-11-20T10:00Z'),
      ),
    ]);
    const list = jobWarranty(picked, {}, '2026-12-01');
    expect(list.map((w) => [w.serviceId, w.kind])).toEqual([
      [picked.services[0]?.id, 'ring_sizing_up'],
    ]);
  });
});

describe('openRedoEnvelope: a piece already back for a warranty redo', () => {
  function claimed(redoJobId: string, redoEnvelope: string): JobState {
    return job(['ring_sizing_up'], '2026-12-01T10:00Z', (jobId, s) => [
      event(
        jobId,
        'warranty.claimed',
        { redoJobId, redoEnvelope, serviceIds: [s[0]?.id ?? ''], reason: 'Too tight' },
        stampOf('2026-12-05T10:00Z'),
      ),
    ]);
  }

  it.each([
    ['still open', null, 'K7-0050'],
    ['collected', '2026-12-10T10:00Z', null],
  ] as const)('a redo %s: %s', (_what, redoPickedUp, expected) => {
    const redo = job(['ring_sizing_up'], redoPickedUp);
    const original = claimed(redo.id, 'K7-0050');
    expect(openRedoEnvelope(original, (id) => (id === redo.id ? redo : undefined))).toBe(expected);
  });

  it('counts a voided redo as closed, and one not on this tablet yet as open', () => {
    const voided = job(['ring_sizing_up'], null, (jobId) => [
      event(jobId, 'job.voided', { reason: 'Opened twice' }, stampOf('2026-01-02T09:00Z')),
    ]);
    expect(openRedoEnvelope(claimed(voided.id, 'K7-0051'), () => voided)).toBeNull();
    expect(openRedoEnvelope(claimed(newUlid(), 'K7-0052'), () => undefined)).toBe('K7-0052');
    expect(openRedoEnvelope(job(['polishing'], '2026-12-01T10:00Z'), () => undefined)).toBeNull();
  });
});
