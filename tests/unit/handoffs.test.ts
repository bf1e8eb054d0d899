// Hand-offs you can defend: the custody trail's states, work out at trade shops, where a piece was
// last and what a safe count finds (pure, over folded jobs); then the db operations over fake-indexeddb.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addStaff,
  eventsOfJob,
  eventsOfStream,
  getShop,
  LoupeDB,
  openJob,
  recordEvent,
  setStaffActive,
  type OpenJobInput,
} from '../../src/db';
import {
  cancelSafeCount,
  confirmCustody,
  countIntoSafe,
  finishSafeCount,
  handOn,
  safeCountInProgress,
  startSafeCount,
} from '../../src/db/handoffOperations';
import {
  awaitingFor,
  custodyTrail,
  lastWhere,
  safeCountOutcome,
  SAFE,
  shopPlace,
  tradePlaceId,
} from '../../src/domain/handoffs';
import { newUlid } from '../../src/domain/ids';
import type { JobState } from '../../src/domain/job';
import { foldJob } from '../../src/domain/projection';
import type { StoredEvent } from '../../src/protocol/events';
import { SHOP_STREAM_ID } from '../../src/protocol/streams';
import { event, openedData, openedEvent, stampAt } from '../support/events';

const MIA = 'staff-mia';
const JO = 'staff-jo';
const KOVAC = newUlid();
const BENCH_2 = { kind: 'place' as const, id: 'bench_2', label: 'Bench 2' };
const toMia = { kind: 'staff' as const, id: MIA, label: 'Mia Berg' };
const toJo = { kind: 'staff' as const, id: JO, label: 'Jo Smith' };

function fold(events: readonly StoredEvent[]): JobState {
  const job = foldJob(events);
  if (!job) throw new Error('no job');
  return job;
}

const names = new Map([
  [MIA, 'Mia Berg'],
  [JO, 'Jo Smith'],
]);
const nameOf = (id: string) => names.get(id);

/** A job taken in by Mia, handed to Jo by Mia, to bench 2 by Jo, and back to Mia by Jo. */
function handedAround() {
  const { jobId, opened } = openedEvent();
  const toJoMove = event(jobId, 'custody.moved', { to: toJo }, stampAt(1), MIA);
  const toBench = event(jobId, 'custody.moved', { to: BENCH_2 }, stampAt(2), JO);
  const backToMia = event(jobId, 'custody.moved', { to: toMia, note: 'for QC' }, stampAt(3), JO);
  return { jobId, opened, toJoMove, toBench, backToMia };
}

describe('custodyTrail', () => {
  it('says which moves are confirmed, awaiting, or to a place, the last one current', () => {
    const { jobId, opened, toJoMove, toBench, backToMia } = handedAround();
    const confirmed = event(
      jobId,
      'custody.confirmed',
      { moveEventId: toJoMove.id, method: 'pin' },
      stampAt(1.5),
      JO,
    );
    const trail = custodyTrail(fold([opened, toJoMove, toBench, backToMia, confirmed]));
    expect(trail.map((t) => [t.move.eventId, t.state, t.current])).toEqual([
      [
        toJoMove.id,
        { kind: 'confirmed', by: JO, method: 'pin', at: confirmed.at, eventId: confirmed.id },
        false,
      ],
      [toBench.id, { kind: 'place' }, false],
      [backToMia.id, { kind: 'awaiting', receiverId: MIA }, true],
    ]);
    expect(awaitingFor(fold([opened, toJoMove, toBench, backToMia, confirmed]), MIA)).toEqual([
      expect.objectContaining({ eventId: backToMia.id }),
    ]);
    expect(awaitingFor(fold([opened, toJoMove, toBench, backToMia, confirmed]), JO)).toEqual([]);
  });

  it('counts only a confirmation by the person the piece was handed to', () => {
    const { jobId, opened, toJoMove } = handedAround();
    // Mia "confirms" for Jo: proves nothing, so it stays awaiting Jo.
    const byGiver = event(
      jobId,
      'custody.confirmed',
      { moveEventId: toJoMove.id, method: 'pin' },
      stampAt(2),
      MIA,
    );
    const job = fold([opened, toJoMove, byGiver]);
    expect(custodyTrail(job)[0]?.state).toEqual({ kind: 'awaiting', receiverId: JO });
    expect(awaitingFor(job, JO)).toHaveLength(1);
  });

  it('lets the earliest of two confirmations stand, from either tablet, in any order', () => {
    const { jobId, opened, toJoMove } = handedAround();
    const first = event(
      jobId,
      'custody.confirmed',
      { moveEventId: toJoMove.id, method: 'badge' },
      stampAt(2),
      JO,
    );
    const second = event(
      jobId,
      'custody.confirmed',
      { moveEventId: toJoMove.id, method: 'pin' },
      stampAt(3),
      JO,
    );
    for (const order of [
      [opened, toJoMove, first, second],
      [second, first, toJoMove, opened],
    ]) {
      expect(custodyTrail(fold(order))[0]?.state).toMatchObject({
        kind: 'confirmed',
        method: 'badge',
        eventId: first.id,
      });
    }
  });

  it('keeps a confirmation whose move has not synced in yet until the move arrives', () => {
    const { jobId, opened, toJoMove } = handedAround();
    const confirmed = event(
      jobId,
      'custody.confirmed',
      { moveEventId: toJoMove.id, method: 'pin' },
      stampAt(2),
      JO,
    );
    expect(custodyTrail(fold([opened, confirmed]))).toEqual([]);
    expect(custodyTrail(fold([opened, confirmed, toJoMove]))[0]?.state.kind).toBe('confirmed');
  });

  it('needs no confirmation of a move a person made to themselves', () => {
    const { jobId, opened } = handedAround();
    const took = event(jobId, 'custody.moved', { to: toMia }, stampAt(1), MIA);
    const job = fold([opened, took]);
    expect(custodyTrail(job)[0]?.state).toEqual({ kind: 'taken' });
    expect(awaitingFor(job, MIA)).toEqual([]);
  });

  it('is the same for the same events in any order, and for lists in any order', () => {
    const { jobId, opened, toJoMove, toBench, backToMia } = handedAround();
    const events = [
      opened,
      toJoMove,
      toBench,
      backToMia,
      event(
        jobId,
        'custody.confirmed',
        { moveEventId: toJoMove.id, method: 'pin' },
        stampAt(4),
        JO,
      ),
      event(
        jobId,
        'custody.confirmed',
        { moveEventId: backToMia.id, method: 'badge' },
        stampAt(5),
        MIA,
      ),
      event(
        jobId,
        'custody.confirmed',
        { moveEventId: toJoMove.id, method: 'badge' },
        stampAt(6),
        JO,
      ),
    ];
    const expected = custodyTrail(fold(events));
    expect(expected.map((t) => t.state.kind)).toEqual(['confirmed', 'place', 'confirmed']);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
        (shuffled) => {
          const job = fold(shuffled);
          expect(custodyTrail(job)).toEqual(expected);
          // The trail sorts for itself: a row whose lists came in another order reads the same.
          const reversed = {
            ...job,
            custody: job.custody.slice().reverse(),
            custodyConfirmations: job.custodyConfirmations.slice().reverse(),
          };
          expect(custodyTrail(reversed)).toEqual(expected);
        },
      ),
    );
  });
});

function tradeSent(jobId: string, at: string, name = 'Kovac Setting') {
  return event(
    jobId,
    'trade.sent',
    {
      tradeShopId: KOVAC,
      tradeShopName: name,
      work: 'Reset the centre stone',
      takenBy: 'Ivo Kovac',
      sentDate: '2026-11-23',
      expectedBack: '2026-11-30',
      insuranceValueCents: 120_000,
    },
    at,
  );
}

describe('trade shops and where a piece was last', () => {
  it('names the last holder, the trade shop it is out at, or who took it in', () => {
    const { jobId, opened, toJoMove, toBench } = handedAround();
    expect(lastWhere(fold([opened]), nameOf)).toBe('Mia Berg (took it in)');
    expect(lastWhere(fold([opened]), () => undefined)).toBe('Not handed on since intake');
    expect(lastWhere(fold([opened, toJoMove]), nameOf)).toBe('Jo Smith');
    // Renamed since, or not on the list here: the name the move recorded.
    expect(lastWhere(fold([opened, toJoMove]), () => undefined)).toBe('Jo Smith');
    expect(lastWhere(fold([opened, toJoMove, toBench]), nameOf)).toBe('Bench 2');
    const sent = tradeSent(jobId, stampAt(3));
    const toTrade = event(
      jobId,
      'custody.moved',
      { to: { kind: 'place', id: tradePlaceId(KOVAC), label: 'Kovac Setting' } },
      stampAt(3),
    );
    expect(lastWhere(fold([opened, toJoMove, sent, toTrade]), nameOf)).toBe('Out at Kovac Setting');
    const long = tradeSent(jobId, stampAt(4), 'K'.repeat(60));
    expect(lastWhere(fold([opened, long]), nameOf)).toBe(`Out at ${'K'.repeat(60)}`);
  });
});

describe('safeCountOutcome', () => {
  it('lists the open jobs not scanned with where they were last, trade shops apart', () => {
    const inSafe = openedEvent({ envelope: { number: 'K7-0001', preprinted: false } });
    const atBench = openedEvent({ envelope: { number: 'K7-0003', preprinted: false } });
    const out = openedEvent({ envelope: { number: 'K7-0002', preprinted: false } });
    const gone = openedEvent({ envelope: { number: 'K7-0004', preprinted: false } });
    const voided = openedEvent({ envelope: { number: 'K7-0005', preprinted: false } });
    const jobs = [
      fold([inSafe.opened]),
      fold([atBench.opened, event(atBench.jobId, 'custody.moved', { to: BENCH_2 }, stampAt(1))]),
      fold([out.opened, tradeSent(out.jobId, stampAt(1))]),
      fold([gone.opened, event(gone.jobId, 'status.changed', { status: 'collected' }, stampAt(1))]),
      fold([voided.opened, event(voided.jobId, 'job.voided', { reason: 'Twice' }, stampAt(1))]),
    ];
    expect(safeCountOutcome(jobs, [inSafe.jobId], nameOf)).toEqual({
      missing: [{ jobId: atBench.jobId, envelopeNumber: 'K7-0003', lastWhere: 'Bench 2' }],
      outAtTrade: [
        {
          jobId: out.jobId,
          envelopeNumber: 'K7-0002',
          tradeShopName: 'Kovac Setting',
          sentDate: '2026-11-23',
          expectedBack: '2026-11-30',
        },
      ],
    });
    // Back from the trade shop and not scanned: missing like any other, last where it came back.
    const sent = tradeSent(out.jobId, stampAt(1));
    const back = fold([
      out.opened,
      sent,
      event(
        out.jobId,
        'trade.returned',
        { sentEventId: sent.id, returnedDate: '2026-11-29', condition: 'Fine' },
        stampAt(2),
      ),
      event(out.jobId, 'custody.moved', { to: toJo }, stampAt(2)),
    ]);
    expect(safeCountOutcome([back], [], nameOf)).toEqual({
      missing: [{ jobId: out.jobId, envelopeNumber: 'K7-0002', lastWhere: 'Jo Smith' }],
      outAtTrade: [],
    });
  });
});

// ---- The operations, over a real Dexie database ----

const opened: LoupeDB[] = [];
let n = 0;
function freshDb(startMs = Date.parse('2026-11-23T17:00:00Z')): { db: LoupeDB; tick: () => void } {
  let now = startMs;
  const db = new LoupeDB(`loupe-handoffs-${Date.now()}-${n++}`, { wallClock: () => now });
  opened.push(db);
  return {
    db,
    tick: () => {
      now += 60_000;
    },
  };
}
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function intake(overrides: Partial<OpenJobInput> = {}): OpenJobInput {
  const { envelope: _e, services: _s, ...rest } = openedData();
  return {
    ...rest,
    services: [{ kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } }],
    ...overrides,
  };
}

async function shopOf(db: LoupeDB) {
  const mia = await addStaff(db, { name: 'Mia Berg', role: 'jeweler', pin: '2468' }, null);
  const jo = await addStaff(db, { name: 'Jo Smith', role: 'assistant', pin: '1357' }, mia.id);
  const a = await openJob(db, intake(), mia.id);
  const b = await openJob(db, intake(), mia.id);
  return { mia, jo, a, b };
}

const staffTarget = (p: { id: string; name: string }) =>
  ({ kind: 'staff', id: p.id, label: p.name }) as const;

async function getJobRow(db: LoupeDB, jobId: string): Promise<JobState> {
  const job = await db.jobs.get(jobId);
  if (!job) throw new Error('no job');
  return job;
}

describe('handOn', () => {
  it('moves every scanned piece to the person, recorded by the giver, awaiting the receiver', async () => {
    const { db } = freshDb();
    const { mia, jo, a, b } = await shopOf(db);
    await handOn(db, { jobIds: [a.jobId, b.jobId], to: staffTarget(jo), note: ' tray 4 ' }, mia.id);
    for (const jobId of [a.jobId, b.jobId]) {
      const job = await getJobRow(db, jobId);
      expect(job.custody.map((c) => [c.to, c.by, c.note])).toEqual([
        [{ kind: 'staff', id: jo.id, label: 'Jo Smith' }, mia.id, 'tray 4'],
      ]);
      expect(awaitingFor(job, jo.id)).toHaveLength(1);
    }
  });

  it('records the person by the name on the staff list and the place by the shop’s label', async () => {
    const { db } = freshDb();
    const { mia, jo, a } = await shopOf(db);
    await handOn(db, { jobIds: [a.jobId], to: { kind: 'staff', id: jo.id, label: 'x' } }, mia.id);
    await handOn(db, { jobIds: [a.jobId], to: { kind: 'place', id: 'safe', label: 'y' } }, mia.id);
    expect((await getJobRow(db, a.jobId)).custody.map((c) => c.to.label)).toEqual([
      'Jo Smith',
      'Safe',
    ]);
  });

  it('refuses all of them when one is collected, voided, or already with that person', async () => {
    const { db } = freshDb();
    const { mia, jo, a, b } = await shopOf(db);
    await recordEvent(
      db,
      { jobId: b.jobId, type: 'job.voided', data: { reason: 'Twice' } },
      mia.id,
    );
    await expect(
      handOn(db, { jobIds: [a.jobId, b.jobId], to: staffTarget(jo) }, mia.id),
    ).rejects.toThrow(`Envelope ${b.envelopeNumber} is voided (Twice). Nothing was handed on.`);
    expect((await getJobRow(db, a.jobId)).custody).toEqual([]);

    const c = await openJob(db, intake(), mia.id);
    await handOn(db, { jobIds: [c.jobId], to: staffTarget(jo) }, mia.id);
    await expect(
      handOn(db, { jobIds: [a.jobId, c.jobId], to: staffTarget(jo) }, mia.id),
    ).rejects.toThrow(`Jo Smith has envelope ${c.envelopeNumber} already. Nothing was handed on.`);
    expect((await getJobRow(db, a.jobId)).custody).toEqual([]);

    // Collected on another tablet, synced in: the piece went home.
    const d = await openJob(db, intake(), mia.id);
    await recordEvent(
      db,
      { jobId: d.jobId, type: 'status.changed', data: { status: 'collected' } },
      mia.id,
    );
    await expect(handOn(db, { jobIds: [d.jobId], to: SAFE }, mia.id)).rejects.toThrow(
      `Envelope ${d.envelopeNumber} was collected: the piece went home with the customer. Nothing was handed on.`,
    );
  });

  it('refuses a person no longer on the staff, an unknown place, a trade shop and no envelope', async () => {
    const { db } = freshDb();
    const { mia, jo, a } = await shopOf(db);
    await setStaffActive(db, jo.id, false, mia.id);
    await expect(handOn(db, { jobIds: [a.jobId], to: staffTarget(jo) }, mia.id)).rejects.toThrow(
      'Jo Smith is no longer on the staff: hand it to someone else.',
    );
    await expect(
      handOn(db, { jobIds: [a.jobId], to: { kind: 'place', id: 'attic', label: 'Attic' } }, mia.id),
    ).rejects.toThrow('This shop has no place “Attic”.');
    await expect(
      handOn(
        db,
        {
          jobIds: [a.jobId],
          to: { kind: 'place', id: tradePlaceId(KOVAC), label: 'Kovac Setting' },
        },
        mia.id,
      ),
    ).rejects.toThrow(/with its send form/);
    await expect(handOn(db, { jobIds: [], to: SAFE }, mia.id)).rejects.toThrow(
      'Scan an envelope first.',
    );
    expect((await getJobRow(db, a.jobId)).custody).toEqual([]);
  });
});

describe('confirmCustody', () => {
  it('records the receiver’s confirmation as the receiver, once', async () => {
    const { db } = freshDb();
    const { mia, jo, a } = await shopOf(db);
    const [move] = await handOn(db, { jobIds: [a.jobId], to: staffTarget(jo) }, mia.id);
    if (!move) throw new Error('no move');
    await confirmCustody(db, { jobId: a.jobId, moveEventId: move.id, method: 'pin' }, jo.id);
    const job = await getJobRow(db, a.jobId);
    expect(custodyTrail(job)[0]?.state).toMatchObject({
      kind: 'confirmed',
      by: jo.id,
      method: 'pin',
    });
    const confirmed = (await eventsOfJob(db, a.jobId)).filter(
      (e) => e.type === 'custody.confirmed',
    );
    expect(confirmed.map((e) => [e.actor, e.data])).toEqual([
      [jo.id, { moveEventId: move.id, method: 'pin' }],
    ]);
    await expect(
      confirmCustody(db, { jobId: a.jobId, moveEventId: move.id, method: 'badge' }, jo.id),
    ).rejects.toThrow(`Jo Smith already confirmed envelope ${a.envelopeNumber}.`);
  });

  it('refuses anyone but the receiver, a move to a place, and a retired receiver', async () => {
    const { db } = freshDb();
    const { mia, jo, a } = await shopOf(db);
    const [move] = await handOn(db, { jobIds: [a.jobId], to: staffTarget(jo) }, mia.id);
    const [toSafe] = await handOn(db, { jobIds: [a.jobId], to: SAFE }, mia.id);
    if (!move || !toSafe) throw new Error('no move');
    await expect(
      confirmCustody(db, { jobId: a.jobId, moveEventId: move.id, method: 'pin' }, mia.id),
    ).rejects.toThrow(
      `Envelope ${a.envelopeNumber} was handed to Jo Smith, not to Mia Berg: only they confirm it.`,
    );
    await expect(
      confirmCustody(db, { jobId: a.jobId, moveEventId: toSafe.id, method: 'pin' }, jo.id),
    ).rejects.toThrow(`Envelope ${a.envelopeNumber} went to Safe: a place confirms nothing.`);
    await expect(
      confirmCustody(db, { jobId: a.jobId, moveEventId: newUlid(), method: 'pin' }, jo.id),
    ).rejects.toThrow(/no such hand-off/);
    await setStaffActive(db, jo.id, false, mia.id);
    await expect(
      confirmCustody(db, { jobId: a.jobId, moveEventId: move.id, method: 'pin' }, jo.id),
    ).rejects.toThrow('Jo Smith is no longer on the staff: hand it to someone else.');
    expect((await getJobRow(db, a.jobId)).custodyConfirmations).toEqual([]);
  });
});

describe('the safe count', () => {
  it('moves each scanned envelope into the safe once, says a second scan, and survives a reload', async () => {
    const { db } = freshDb();
    const { mia, a, b } = await shopOf(db);
    await handOn(db, { jobIds: [b.jobId], to: SAFE }, mia.id);
    const started = await startSafeCount(db, mia.id);
    expect(await startSafeCount(db, mia.id)).toEqual(started);

    expect(await countIntoSafe(db, { jobId: a.jobId }, mia.id)).toMatchObject({
      moved: true,
      duplicate: false,
    });
    // Already in the safe (put there before the count): counted, nothing moved.
    expect(await countIntoSafe(db, { jobId: b.jobId }, mia.id)).toMatchObject({
      moved: false,
      duplicate: false,
    });
    expect(await countIntoSafe(db, { jobId: a.jobId }, mia.id)).toMatchObject({
      moved: false,
      duplicate: true,
    });
    expect((await getJobRow(db, a.jobId)).custody.map((c) => c.to)).toEqual([SAFE]);

    // What a reload finds: the same count, from the database.
    expect(await safeCountInProgress(db)).toEqual({ ...started, scanned: [a.jobId, b.jobId] });
    await cancelSafeCount(db);
    expect(await safeCountInProgress(db)).toBeNull();
  });

  it('refuses a voided job’s envelope and counts nothing', async () => {
    const { db } = freshDb();
    const { mia, a } = await shopOf(db);
    await startSafeCount(db, mia.id);
    await recordEvent(
      db,
      { jobId: a.jobId, type: 'job.voided', data: { reason: 'Twice' } },
      mia.id,
    );
    await expect(countIntoSafe(db, { jobId: a.jobId }, mia.id)).rejects.toThrow(
      `Envelope ${a.envelopeNumber} is voided (Twice). It is not counted.`,
    );
    expect((await safeCountInProgress(db))?.scanned).toEqual([]);
    expect((await getJobRow(db, a.jobId)).custody).toEqual([]);
  });

  it('records the open jobs not scanned, with where each was last, on the shop’s stream', async () => {
    const { db, tick } = freshDb();
    const { mia, jo, a, b } = await shopOf(db);
    const c = await openJob(db, intake(), mia.id);
    const out = await openJob(db, intake(), mia.id);
    await handOn(db, { jobIds: [b.jobId], to: staffTarget(jo) }, mia.id);
    await recordEvent(
      db,
      {
        jobId: out.jobId,
        type: 'trade.sent',
        data: {
          tradeShopId: KOVAC,
          tradeShopName: 'Kovac Setting',
          work: 'Reset the stone',
          takenBy: 'Ivo Kovac',
          sentDate: '2026-11-23',
          expectedBack: '2026-11-30',
        },
      },
      mia.id,
    );
    const { startedAtMs } = await startSafeCount(db, mia.id);
    await countIntoSafe(db, { jobId: a.jobId }, mia.id);
    tick();
    const finished = await finishSafeCount(db, { startedAtMs, scanned: [a.jobId, a.jobId] }, jo.id);

    expect(finished.missing).toEqual(
      [
        { jobId: b.jobId, envelopeNumber: b.envelopeNumber, lastWhere: 'Jo Smith' },
        { jobId: c.jobId, envelopeNumber: c.envelopeNumber, lastWhere: 'Mia Berg (took it in)' },
      ].sort((x, y) =>
        x.envelopeNumber.localeCompare(y.envelopeNumber, undefined, { numeric: true }),
      ),
    );
    expect(finished.outAtTrade.map((o) => [o.jobId, o.tradeShopName])).toEqual([
      [out.jobId, 'Kovac Setting'],
    ]);
    const stored = (await eventsOfStream(db, SHOP_STREAM_ID)).filter(
      (e) => e.type === 'safe.counted',
    );
    expect(stored.map((e) => [e.actor, e.data])).toEqual([
      [
        jo.id,
        {
          startedAtMs,
          finishedAtMs: startedAtMs + 60_000,
          scanned: [a.jobId],
          missing: finished.missing,
        },
      ],
    ]);
    const shop = await getShop(db);
    expect(shop.safeCounts.map((s) => [s.by, s.missing.length])).toEqual([[jo.id, 2]]);
    expect(await safeCountInProgress(db)).toBeNull();
  });
});

describe('shopPlace', () => {
  it('knows the shop’s places by id', () => {
    expect(shopPlace('safe')).toEqual(SAFE);
    expect(shopPlace('attic')).toBeUndefined();
  });
});
