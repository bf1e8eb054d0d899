// The accountant's CSV over real ledger events, recorded with the real operations on fake-indexeddb:
// a row for every event, RFC 4180 quoting, the formula guard, corrections beside what they corrected.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openJob } from '../../src/db/jobOperations';
import {
  correctMovement,
  depositScrap,
  getLedger,
  issueMetalFromStock,
  receiveMetal,
  recordMetalUsed,
  sealLot,
  sendLot,
  setScale,
  settleLot,
  weighIn,
} from '../../src/db/ledgerOperations';
import { ledgerEvents, listScales } from '../../src/db/ledgerQueries';
import { treeCode } from '../../src/domain/casting/tree';
import { localDay } from '../../src/domain/dates';
import { newUlid } from '../../src/domain/ids';
import {
  CSV_COLUMNS,
  ledgerCsv,
  ledgerCsvFilename,
  type LedgerNames,
} from '../../src/domain/ledger/csv';
import type { StoredEvent } from '../../src/protocol/events';
import type { HolderData } from '../../src/protocol/ledger';
import { openedData } from '../support/events';
import { freshDatabases } from '../support/databases';

/** The value a test counts on being there: a clear failure when it is not. */
function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error('expected a value');
  return value;
}

const freshDb = freshDatabases('loupe-csv');

const MIA = newUlid();
const ANA = newUlid();
/** Someone whose name a spreadsheet would take for a formula. */
const EVE = newUlid();
const BENCH: HolderData = { kind: 'bench', id: 'bench_1' };
const PERSON: HolderData = { kind: 'person', id: ANA };
const TREE: HolderData = { kind: 'tree', id: newUlid() };
const SUPPLIER = 'Hoover & Strong, Inc.';
const NASTY_SUPPLIER = '=HYPERLINK("http://x.example","click")';

/**
 * Parses RFC 4180 strictly: records end in CRLF, a bare line break is only allowed inside quotes,
 * and a quoted field's quotes are doubled. Every record must have as many fields as the header.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (c === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (c === '\n' || c === '\r' || c === '"') {
      throw new Error(`Bare ${JSON.stringify(c)} outside quotes at ${i}`);
    } else {
      field += c;
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('The last record does not end in CRLF');
  return records;
}

type CsvRow = Record<(typeof CSV_COLUMNS)[number][1], string>;

function rowsOf(text: string): CsvRow[] {
  const [header, ...records] = parseCsv(text);
  expect(header).toEqual(CSV_COLUMNS.map(([, h]) => h));
  return records.map((r) => {
    expect(r).toHaveLength(CSV_COLUMNS.length);
    return Object.fromEntries(must(header).map((h, i) => [h, must(r[i])])) as CsvRow;
  });
}

/** A few weeks of the ledger, as the bench and the office record it. */
async function ledger() {
  const db = freshDb();
  await setScale(
    db,
    { scaleId: 'bench', name: 'Bench scale', readabilityG: 0.01, toleranceG: 0.02, retired: false },
    MIA,
  );
  await setScale(
    db,
    {
      scaleId: 'floor',
      name: 'Floor scale, 0.1 g',
      readabilityG: 0.1,
      toleranceG: 0.2,
      retired: false,
    },
    MIA,
  );
  const ids = {} as Record<
    | 'received'
    | 'nasty'
    | 'toBench'
    | 'toAna'
    | 'wrong'
    | 'correction'
    | 'toTree'
    | 'short'
    | 'over'
    | 'used'
    | 'filings'
    | 'sweeps'
    | 'sprues',
    string
  >;
  const first = async (p: Promise<{ id: string }[]>) => must((await p)[0]).id;
  ids.received = await first(
    receiveMetal(
      db,
      {
        alloyId: 'au14y',
        grams: 100,
        form: 'grain',
        supplier: SUPPLIER,
        supplierLot: 'INV 2026/77',
      },
      MIA,
    ),
  );
  ids.nasty = await first(
    receiveMetal(db, { alloyId: 'pt950', grams: 20, form: 'grain', supplier: NASTY_SUPPLIER }, EVE),
  );
  ids.toBench = await first(
    issueMetalFromStock(db, { alloyId: 'au14y', grams: 10, to: BENCH }, MIA),
  );
  ids.toAna = await first(issueMetalFromStock(db, { alloyId: 'au14y', grams: 5, to: PERSON }, MIA));
  ids.wrong = await first(issueMetalFromStock(db, { alloyId: 'au14y', grams: 3, to: PERSON }, MIA));
  ids.correction = await first(
    correctMovement(db, { eventId: ids.wrong, reason: 'Meant for Bench 2, "not" Ana' }, MIA),
  );
  ids.toTree = await first(issueMetalFromStock(db, { alloyId: 'pt950', grams: 2, to: TREE }, MIA));
  ids.short = must(
    (
      await weighIn(
        db,
        {
          place: BENCH,
          alloyId: 'au14y',
          session: 'closing',
          weighedG: 9.7,
          scaleId: 'floor',
          note: '-0.30 g: filings\nnot swept',
        },
        MIA,
      )
    ).events[0],
  ).id;
  ids.over = must(
    (
      await weighIn(
        db,
        {
          place: PERSON,
          alloyId: 'au14y',
          session: 'opening',
          weighedG: 5.05,
          note: 'A jump ring',
        },
        ANA,
      )
    ).events[0],
  ).id;
  const { envelope: _e, services: _s, ...intake } = openedData();
  const job = await openJob(
    db,
    {
      ...intake,
      services: [{ kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } }],
    },
    MIA,
  );
  ids.used = await first(
    recordMetalUsed(db, { alloyId: 'au14y', grams: 0.18, from: BENCH, jobId: job.jobId }, MIA),
  );
  ids.filings = await first(
    depositScrap(db, { alloyId: 'au14y', kind: 'bench_filings', grams: 1.2, from: BENCH }, MIA),
  );
  ids.sweeps = await first(
    depositScrap(db, { alloyId: 'au14y', kind: 'floor_sweeps', grams: 30 }, MIA),
  );
  ids.sprues = await first(
    depositScrap(
      db,
      { alloyId: 'pt950', kind: 'sprues_buttons', grams: 1.5, from: TREE, treeId: TREE.id },
      MIA,
    ),
  );
  const lotId = await sealLot(db, { potIds: ['gold-14k/clean'], sealNumber: 'S-101' }, MIA);
  await sendLot(
    db,
    {
      lotId,
      sentOn: '2026-12-02',
      refiner: 'United Refining',
      takenBy: 'Brinks courier',
      grossG: 1.4,
      sealNumber: 'S-101',
    },
    MIA,
  );
  await settleLot(
    db,
    { lotId, settledOn: '2026-12-20', assayPermille: 580, fineCreditedG: 0.65, feesCents: 1250 },
    MIA,
  );
  const names: LedgerNames = {
    staff: { [MIA]: 'Mia Berg', [ANA]: 'Ana Lindqvist', [EVE]: '=2+3' },
    scales: await listScales(db),
    benches: { bench_1: 'Bench 1' },
    corrected: (await getLedger(db)).corrected,
  };
  return { db, ids, lotId, jobId: job.jobId, names, events: await ledgerEvents(db) };
}

function byId(rows: CsvRow[], id: string): CsvRow {
  const found = rows.filter((r) => r['Event id'] === id);
  expect(found).toHaveLength(1);
  return must(found[0]);
}

describe('the ledger as CSV', () => {
  it('has a header and a row for every ledger event, oldest first, CRLF-ended', async () => {
    const { events, names } = await ledger();
    const text = ledgerCsv(events, names);
    const rows = rowsOf(text);
    expect(rows.map((r) => r['Event id'])).toEqual(events.map((e) => e.id));
    expect(text.endsWith('\r\n')).toBe(true);
    for (const [r, e] of rows.map((r, i) => [r, must(events[i])] as const)) {
      const instant = new Date(Date.parse(e.at.slice(0, 24)));
      expect(r['UTC time']).toBe(instant.toISOString());
      expect(r.Date).toBe(localDay(instant));
      expect(r.Time).toMatch(/^\d{2}:\d{2}:\d{2}$/);
      expect(r.Device).toBe(e.device);
    }
  });

  it('names the accounts, the people and the scale of each movement', async () => {
    const { events, names, ids, jobId } = await ledger();
    const rows = rowsOf(ledgerCsv(events, names));
    expect(byId(rows, ids.received)).toMatchObject({
      Movement: 'Received from supplier',
      Alloy: '14k yellow gold',
      Grams: '100.000',
      'Fine g': '58.500',
      From: 'Supplier',
      To: 'Stock',
      Who: 'Mia Berg',
      // Weighed on no scale named: the operation names the shop's first one.
      Scale: 'Bench scale',
      Form: 'grain',
      Supplier: SUPPLIER,
      'Supplier lot': 'INV 2026/77',
    });
    expect(byId(rows, ids.toBench)).toMatchObject({
      From: 'Stock',
      To: 'Bench 1',
      Grams: '10.000',
    });
    expect(byId(rows, ids.toAna)).toMatchObject({ To: 'Ana Lindqvist' });
    expect(byId(rows, ids.toTree)).toMatchObject({
      Alloy: 'Platinum 950',
      To: `Tree ${treeCode(TREE)}`,
      Tree: treeCode(TREE),
      'Fine g': '1.900',
    });
    expect(byId(rows, ids.short)).toMatchObject({
      Movement: 'Weigh-in (closing)',
      From: 'Bench 1',
      To: 'Loss',
      Grams: '0.300',
      Scale: 'Floor scale, 0.1 g',
      'Book g': '10.000',
      'Weighed g': '9.700',
      'Tolerance g': '0.200',
      'Beyond tolerance': 'short',
    });
    expect(byId(rows, ids.over)).toMatchObject({
      Movement: 'Weigh-in (opening)',
      Who: 'Ana Lindqvist',
      From: 'Ana Lindqvist',
      To: 'Loss',
      Grams: '-0.050',
      'Fine g': '-0.029',
      Scale: 'Bench scale',
      'Beyond tolerance': 'over',
    });
    expect(byId(rows, ids.used)).toMatchObject({
      Movement: 'Used in a job',
      To: "Customer's piece",
      'Job id': jobId,
      Envelope: '',
    });
    // With the job on this tablet, its envelope number too.
    const withEnvelope = rowsOf(ledgerCsv(events, { ...names, envelopes: { [jobId]: 'K7-0042' } }));
    expect(byId(withEnvelope, ids.used)).toMatchObject({ 'Job id': jobId, Envelope: 'K7-0042' });
    expect(byId(rows, ids.filings)).toMatchObject({
      From: 'Bench 1',
      To: '14k gold, clean scrap',
      'Scrap kind': 'Bench filings',
    });
    expect(byId(rows, ids.sweeps)).toMatchObject({
      From: 'Shop floor and dust',
      To: '14k gold, sweeps',
    });
    expect(byId(rows, ids.sprues)).toMatchObject({
      From: `Tree ${treeCode(TREE)}`,
      To: 'Platinum, clean scrap',
      Tree: treeCode(TREE),
    });
  });

  it('gives the lots their seal, refiner, settlement and fees', async () => {
    const { events, names, lotId } = await ledger();
    const rows = rowsOf(ledgerCsv(events, names)).filter((r) => r['Lot id'] === lotId);
    expect(rows.map((r) => r.Movement)).toEqual([
      'Lot sealed',
      'Lot sent to refiner',
      'Lot settled by refiner',
    ]);
    expect(rows[0]).toMatchObject({
      From: '14k gold, clean scrap',
      To: 'Refining lot',
      Grams: '1.200',
      'Estimated fine g': '0.702',
      'Seal number': 'S-101',
    });
    expect(rows[1]).toMatchObject({
      To: 'Refiner',
      Refiner: 'United Refining',
      'Taken by': 'Brinks courier',
      'Gross g': '1.400',
      'Sent or settled on': '2026-12-02',
      Grams: '',
    });
    expect(rows[2]).toMatchObject({ 'Assay ‰': '580', 'Fine credited g': '0.650', Fees: '12.50' });
  });

  it('keeps a corrected movement, says what corrected it, and shows the correction reversing it', async () => {
    const { events, names, ids } = await ledger();
    const rows = rowsOf(ledgerCsv(events, names));
    expect(byId(rows, ids.wrong)).toMatchObject({
      Movement: 'Issued from stock',
      From: 'Stock',
      To: 'Ana Lindqvist',
      Grams: '3.000',
      'Corrected by': ids.correction,
    });
    expect(byId(rows, ids.correction)).toMatchObject({
      Movement: 'Correction of: Issued from stock',
      From: 'Ana Lindqvist',
      To: 'Stock',
      Grams: '3.000',
      Corrects: ids.wrong,
      'Correction reason': 'Meant for Bench 2, "not" Ana',
      'Corrected by': '',
    });
  });

  it('names a correction made after the exported period, from the ledger’s corrections', async () => {
    const { events, names, ids } = await ledger();
    const before = events.filter((e) => e.id !== ids.correction);
    expect(byId(rowsOf(ledgerCsv(before, names)), ids.wrong)['Corrected by']).toBe(ids.correction);
    const { corrected: _c, ...withoutMap } = names;
    expect(byId(rowsOf(ledgerCsv(before, withoutMap)), ids.wrong)['Corrected by']).toBe('');
  });

  it('quotes fields with commas, quotes and line breaks, doubling the quotes', async () => {
    const { events, names, ids } = await ledger();
    const text = ledgerCsv(events, names);
    expect(text).toContain(`,"${SUPPLIER}",`);
    expect(text).toContain(',"Meant for Bench 2, ""not"" Ana",');
    expect(text).toContain(',"Floor scale, 0.1 g",');
    expect(text).toContain(`"'-0.30 g: filings\nnot swept"`);
    expect(byId(rowsOf(text), ids.short).Note).toBe("'-0.30 g: filings\nnot swept");
  });

  it('guards text a spreadsheet would run as a formula, and never a number', async () => {
    const { events, names, ids } = await ledger();
    const text = ledgerCsv(events, names);
    const nasty = byId(rowsOf(text), ids.nasty);
    expect(nasty.Supplier).toBe(`'${NASTY_SUPPLIER}`);
    expect(nasty.Who).toBe("'=2+3");
    expect(text).toContain(`,"'=HYPERLINK(""http://x.example"",""click"")",`);
    // The found-over weigh-in's negative grams stay numbers: no apostrophe, no quotes.
    expect(text).toContain(',-0.050,-0.029,');
    for (const formula of ['=', '+', '-', '@']) {
      const guardedText = ledgerCsv(events, {
        ...names,
        staff: { ...names.staff, [MIA]: `${formula}SUM(A1)` },
      });
      expect(byId(rowsOf(guardedText), ids.received).Who).toBe(`'${formula}SUM(A1)`);
    }
  });

  it('writes numbers unquoted with a dot decimal, to the milligram', async () => {
    const { events, names } = await ledger();
    const rows = rowsOf(ledgerCsv(events, names));
    const numeric = [
      'Grams',
      'Fine g',
      'Book g',
      'Weighed g',
      'Tolerance g',
      'Estimated fine g',
      'Gross g',
      'Fine credited g',
    ] as const;
    for (const row of rows) {
      for (const column of numeric) expect(row[column]).toMatch(/^(-?\d+\.\d{3})?$/);
      expect(row.Fees).toMatch(/^(\d+\.\d{2})?$/);
    }
  });

  it('gives an event this version cannot read a row of its own', async () => {
    const { events, names } = await ledger();
    const future: StoredEvent = {
      ...must(events[0]),
      id: newUlid(),
      type: 'metal.melted',
      data: { grams: 3 },
    };
    const rows = rowsOf(ledgerCsv([...events, future], names));
    expect(rows).toHaveLength(events.length + 1);
    expect(byId(rows, future.id)).toMatchObject({ Movement: 'metal.melted', Who: 'Mia Berg' });
    expect(byId(rows, future.id).Note).toMatch(/cannot read/);
  });

  it('gives a lot sealed from two pots a row for each, so each alloy adds up', async () => {
    const db = freshDb();
    await depositScrap(db, { alloyId: 'au14y', kind: 'lemel', grams: 4 }, MIA);
    await depositScrap(db, { alloyId: 'au18w', kind: 'lemel', grams: 2.5 }, MIA);
    const lotId = await sealLot(db, { potIds: ['gold-14k/clean', 'gold-18k/clean'] }, MIA);
    const events = await ledgerEvents(db);
    const rows = rowsOf(ledgerCsv(events, { staff: {}, scales: [], benches: {} }));
    const sealed = rows.filter((r) => r['Lot id'] === lotId);
    expect(new Set(sealed.map((r) => r['Event id'])).size).toBe(1);
    expect(sealed.map((r) => [r.From, r.Alloy, r.Grams, r['Fine g']])).toEqual([
      ['14k gold, clean scrap', '14k yellow gold', '4.000', '2.340'],
      ['18k gold, clean scrap', '18k white gold', '2.500', '1.875'],
    ]);
    expect(rows).toHaveLength(events.length + 1);
  });

  it('is a header alone for an empty period, and names its file by the period', () => {
    expect(rowsOf(ledgerCsv([], { staff: {}, scales: [], benches: {} }))).toEqual([]);
    expect(ledgerCsvFilename('2026-12-01', '2026-12-31')).toBe(
      'loupe-metal-ledger-2026-12-01-2026-12-31.csv',
    );
  });
});
