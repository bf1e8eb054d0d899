// The head office's shop summary as a pure fold of stored events: statuses, late jobs, trade shops
// and metal, read with the app's own folds, the same for any arrival order.
import { describe, expect, it } from 'vitest';
import { localDay } from '../../src/domain/dates';
import { newUlid } from '../../src/domain/ids';
import type { StoredEvent } from '../../src/protocol/events';
import { LEDGER_STREAM_ID, SHOP_STREAM_ID } from '../../src/protocol/streams';
import {
  LATE_JOBS_SHOWN,
  PIECES_OUT_SHOWN,
  summariseShop,
} from '../../src/server/office/shopSummary';
import { event, openedData, stampAt } from '../support/events';

/** Noon UTC: the same local day in every time zone from UTC−11 to UTC+11. */
const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const TODAY = localDay(new Date(NOW));

let minute = 0;
const next = () => stampAt((minute += 1));

/** A job opened with this envelope, promised day and item, and the events that follow it. */
function job(
  envelope: string,
  promisedDate: string,
  description = 'Yellow metal ring with one white stone',
): { jobId: string; events: StoredEvent[] } {
  const data = openedData({
    envelope: { number: envelope, preprinted: false },
    promisedDate,
    item: { ...openedData().item, description },
  });
  const jobId = newUlid();
  return { jobId, events: [event(jobId, 'job.opened', data, next())] };
}

function moved(
  jobId: string,
  ...statuses: ('in_progress' | 'qc' | 'ready' | 'collected' | 'on_hold')[]
) {
  return statuses.map((status) =>
    event(
      jobId,
      'status.changed',
      status === 'on_hold' ? { status, reason: 'Waiting for stone' } : { status },
      next(),
    ),
  );
}

function ledger(type: Parameters<typeof event>[1], data: unknown): StoredEvent {
  return event(LEDGER_STREAM_ID, type, data as never, next());
}

describe('summariseShop', () => {
  it('says "no jobs" for a shop with no events', () => {
    const summary = summariseShop([], NOW);
    expect(summary).toMatchObject({
      computedAt: NOW,
      today: TODAY,
      events: 0,
      jobs: 0,
      voided: 0,
      late: [],
      moreLate: 0,
      outAtTradeShops: [],
      metals: [],
    });
    expect(summary.byStatus.map((s) => [s.label, s.count])).toEqual([
      ['Received', 0],
      ['In progress', 0],
      ['Waiting for QC', 0],
      ['Ready for pick-up', 0],
      ['Collected', 0],
      ['On hold', 0],
    ]);
  });

  it('counts jobs per status in the workflow order, voided jobs apart', () => {
    const a = job('A-1', '2026-12-10');
    const b = job('A-2', '2026-12-10');
    const c = job('A-3', '2026-12-10');
    const d = job('A-4', '2026-12-10');
    const e = job('A-5', '2026-12-10');
    const events = [
      ...a.events,
      ...b.events,
      ...moved(b.jobId, 'in_progress'),
      ...c.events,
      ...moved(c.jobId, 'in_progress', 'qc', 'ready', 'collected'),
      ...d.events,
      ...moved(d.jobId, 'on_hold'),
      ...e.events,
      event(e.jobId, 'job.voided', { reason: 'Opened twice' }, next()),
    ];
    const summary = summariseShop(events, NOW);
    expect(summary.byStatus.map((s) => [s.status, s.count])).toEqual([
      ['received', 1],
      ['in_progress', 1],
      ['qc', 0],
      ['ready', 0],
      ['collected', 1],
      ['on_hold', 1],
    ]);
    expect(summary).toMatchObject({ jobs: 4, voided: 1, events: events.length });
  });

  it('folds each job alike whatever order its events arrive in', () => {
    const a = job('B-1', '2026-11-20');
    const events = [...a.events, ...moved(a.jobId, 'in_progress', 'qc')];
    const forwards = summariseShop(events, NOW);
    const backwards = summariseShop([...events].reverse(), NOW);
    expect(backwards).toEqual(forwards);
    expect(forwards.byStatus.find((s) => s.status === 'qc')?.count).toBe(1);
    // Events of a job whose opening has not arrived: no job yet, as on a tablet.
    expect(summariseShop(moved(newUlid(), 'in_progress'), NOW).jobs).toBe(0);
  });

  it('lists open jobs past their promised day, newest-late first, and never a ready or done one', () => {
    const lateRing = job('C-1', '2026-11-30', 'Ring <b>bold</b>');
    const laterLate = job('C-2', '2026-11-25');
    const onHold = job('C-3', '2026-11-10');
    const dueToday = job('C-4', TODAY);
    const ready = job('C-5', '2026-11-01');
    const collected = job('C-6', '2026-11-01');
    const voided = job('C-7', '2026-11-01');
    const summary = summariseShop(
      [
        ...lateRing.events,
        ...laterLate.events,
        ...moved(laterLate.jobId, 'in_progress'),
        ...onHold.events,
        ...moved(onHold.jobId, 'on_hold'),
        ...dueToday.events,
        ...ready.events,
        ...moved(ready.jobId, 'in_progress', 'qc', 'ready'),
        ...collected.events,
        ...moved(collected.jobId, 'in_progress', 'qc', 'ready', 'collected'),
        ...voided.events,
        event(voided.jobId, 'job.voided', { reason: 'Mistake' }, next()),
      ],
      NOW,
    );
    expect(summary.late).toEqual([
      {
        jobId: lateRing.jobId,
        envelopeNumber: 'C-1',
        part: null,
        piece: 'Ring: Ring <b>bold</b>',
        promisedDate: '2026-11-30',
        daysLate: 1,
        status: 'received',
        statusLabel: 'Received',
        rush: false,
      },
      expect.objectContaining({ envelopeNumber: 'C-2', daysLate: 6, statusLabel: 'In progress' }),
      expect.objectContaining({ envelopeNumber: 'C-3', daysLate: 21, statusLabel: 'On hold' }),
    ]);
    expect(summary.moreLate).toBe(0);
  });

  it('lists at most LATE_JOBS_SHOWN late jobs and counts the rest', () => {
    const events = Array.from({ length: LATE_JOBS_SHOWN + 3 }, (_, i) =>
      job(`D-${i + 1}`, `2026-11-${String(i + 1).padStart(2, '0')}`),
    ).flatMap((j) => j.events);
    const summary = summariseShop(events, NOW);
    expect(summary.late).toHaveLength(LATE_JOBS_SHOWN);
    expect(summary.moreLate).toBe(3);
    // The newest late first: promised 23 Nov, then 22 Nov…; the three oldest are the ones counted.
    expect(summary.late[0]?.envelopeNumber).toBe(`D-${LATE_JOBS_SHOWN + 3}`);
    expect(summary.late.at(-1)?.envelopeNumber).toBe('D-4');
  });

  it('lists pieces out at trade shops by the shop name set now, until they come back', () => {
    const kovac = newUlid();
    const out = job('E-1', '2026-12-20');
    const back = job('E-2', '2026-12-20');
    const send = (jobId: string, sentDate: string, expectedBack: string) =>
      event(
        jobId,
        'trade.sent',
        {
          tradeShopId: kovac,
          tradeShopName: 'Kovac',
          work: 'Set the centre stone',
          takenBy: 'Ivan Kovac',
          sentDate,
          expectedBack,
        },
        next(),
      );
    const sentBack = send(back.jobId, '2026-11-20', '2026-11-25');
    const summary = summariseShop(
      [
        event(
          SHOP_STREAM_ID,
          'trade.shop_set',
          { tradeShopId: kovac, name: 'Kovac Setting', kind: 'setter', active: true },
          next(),
        ),
        ...out.events,
        send(out.jobId, '2026-11-24', '2026-11-28'),
        ...back.events,
        sentBack,
        event(
          back.jobId,
          'trade.returned',
          { sentEventId: sentBack.id, returnedDate: '2026-11-26', condition: 'Fine' },
          next(),
        ),
      ],
      NOW,
    );
    expect(summary.outAtTradeShops).toEqual([
      {
        tradeShopId: kovac,
        name: 'Kovac Setting',
        pieces: [
          {
            jobId: out.jobId,
            envelopeNumber: 'E-1',
            piece: 'Ring: Yellow metal ring with one white stone',
            work: 'Set the centre stone',
            sentDate: '2026-11-24',
            expectedBack: '2026-11-28',
            daysOut: 7,
            overdue: true,
            daysLate: 3,
          },
        ],
        more: 0,
        overdue: 1,
      },
    ]);
    expect(PIECES_OUT_SHOWN).toBeGreaterThan(1);
  });

  it('gives the metal ledger balances per alloy: safe, issued out and scrap pots', () => {
    const events = [
      ledger('metal.received', { alloyId: 'au14y', grams: 50, form: 'grain', supplier: 'Umicore' }),
      ledger('metal.received', {
        alloyId: 'ag925',
        grams: 100.1,
        form: 'sheet',
        supplier: 'Umicore',
      }),
      ledger('metal.issued', {
        alloyId: 'au14y',
        grams: 12.345,
        to: { kind: 'bench', id: 'bench1' },
      }),
      ledger('scrap.deposited', {
        potId: 'gold-14k/clean',
        alloyId: 'au14y',
        kind: 'bench_filings',
        grams: 0.2,
        from: { kind: 'bench', id: 'bench1' },
      }),
      ledger('metal.received', { alloyId: 'pt950', grams: 5, form: 'wire', supplier: 'Umicore' }),
    ];
    const pt = events.at(-1) as StoredEvent;
    events.push(
      ledger('metal.corrected', {
        eventId: pt.id,
        original: { type: 'metal.received', data: pt.data },
        reason: 'Entered twice',
      }),
    );
    const summary = summariseShop(events, NOW);
    expect(summary.metals).toEqual([
      {
        alloyId: 'au14y',
        alloyName: '14k yellow gold',
        stockG: 37.655,
        heldG: 12.145,
        scrapG: 0.2,
      },
      { alloyId: 'ag925', alloyName: 'Sterling silver', stockG: 100.1, heldG: 0, scrapG: 0 },
    ]);
    // The same balances in any order: the ledger's sums do not depend on it.
    expect(summariseShop([...events].reverse(), NOW).metals).toEqual(summary.metals);
  });
});
