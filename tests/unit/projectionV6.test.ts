// Projection version 6: the shop keeps its newest safe counts, and rows folded by version 5 (without
// the newer lists) are extended as if they had them.
import { describe, expect, it } from 'vitest';
import { newUlid } from '../../src/domain/ids';
import type { JobState } from '../../src/domain/job';
import { applyToJob, foldJob } from '../../src/domain/projection';
import {
  applyToShop,
  foldShop,
  SAFE_COUNTS_KEPT,
  type ShopState,
} from '../../src/domain/shopState';
import { SHOP_JOB_ID } from '../../src/protocol/events';
import { event, openedEvent, stampAt, T0 } from '../support/events';

function safeCount(minute: number) {
  return event(
    SHOP_JOB_ID,
    'safe.counted',
    { startedAtMs: T0 + minute, finishedAtMs: T0 + minute + 1, scanned: [], missing: [] },
    stampAt(minute),
  );
}

describe('the shop at version 6', () => {
  it(`keeps the newest ${SAFE_COUNTS_KEPT} safe counts in any arrival order`, () => {
    const counts = Array.from({ length: SAFE_COUNTS_KEPT + 5 }, (_, i) => safeCount(i + 1));
    const shop = foldShop(counts.slice().reverse());
    expect(shop.safeCounts).toHaveLength(SAFE_COUNTS_KEPT);
    expect(shop.safeCounts[0]?.startedAtMs).toBe(T0 + 6);
    expect(shop.safeCounts.at(-1)?.startedAtMs).toBe(T0 + SAFE_COUNTS_KEPT + 5);
  });

  it('extends a row folded before the newer fields existed', () => {
    const old = foldShop([]) as Partial<ShopState>;
    delete old.tradeShops;
    delete old.safeCounts;
    const shop = applyToShop(old as ShopState, [
      event(
        SHOP_JOB_ID,
        'trade.shop_set',
        { tradeShopId: newUlid(T0), name: 'Kovac Setting', kind: 'setter', active: true },
        stampAt(1),
      ),
    ]);
    expect(shop.tradeShops.map((t) => t.name)).toEqual(['Kovac Setting']);
    expect(shop.safeCounts).toEqual([]);
  });
});

describe('a job at version 6', () => {
  it('takes a trade shop’s return and a warranty claim after the pick-up: facts of the piece', () => {
    const { opened, jobId, serviceId } = openedEvent();
    const sent = event(
      jobId,
      'trade.sent',
      {
        tradeShopId: newUlid(T0),
        tradeShopName: 'Kovac Setting',
        work: 'Reset the stone',
        takenBy: 'Ana Kovac',
        sentDate: '2026-11-23',
        expectedBack: '2026-11-30',
      },
      stampAt(1),
    );
    const events = [
      opened,
      sent,
      event(jobId, 'status.changed', { status: 'collected', stoneCount: 1 }, stampAt(2)),
      event(
        jobId,
        'trade.returned',
        { sentEventId: sent.id, returnedDate: '2026-11-30', condition: 'Stone tight' },
        stampAt(3),
      ),
      event(
        jobId,
        'warranty.claimed',
        {
          redoJobId: newUlid(T0),
          redoEnvelope: 'K7-0050',
          serviceIds: [serviceId],
          reason: 'Loose',
        },
        stampAt(4),
      ),
    ];
    const job = foldJob(events);
    expect(job?.pickupStoneCount).toBe(1);
    expect(job?.tradeReturned.map((r) => r.condition)).toEqual(['Stone tight']);
    expect(job?.warrantyClaims.map((c) => c.redoEnvelope)).toEqual(['K7-0050']);
  });

  it('extends a row folded before the newer lists existed', () => {
    const { opened, jobId } = openedEvent();
    const old = foldJob([opened]) as Partial<JobState>;
    delete old.custodyConfirmations;
    delete old.notices;
    const job = applyToJob(old as JobState, [
      event(jobId, 'custody.confirmed', { moveEventId: opened.id, method: 'pin' }, stampAt(1)),
    ]);
    expect(job.custodyConfirmations.map((c) => c.method)).toEqual(['pin']);
    expect(job.notices).toEqual([]);
  });
});
