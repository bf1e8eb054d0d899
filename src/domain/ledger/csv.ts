// The accountant's CSV of the metal ledger: every movement, with who, when and on which scale, read
// through the legs the fold sums; a corrected movement stays, beside the correction that undid it.
import { treeCode } from '../casting/tree';
import { stampMs } from '../clock';
import { localDay } from '../dates';
import { alloyById, isAlloyId, type AlloyId } from '../metals';
import { readStoredEvent, type LoupeEvent, type StoredEvent } from '../../protocol/events';
import type { ScaleData } from '../../protocol/ledger';
import {
  holderOf,
  JOBS,
  LOSS,
  placeAccount,
  potOf,
  RECOVERED,
  STOCK,
  SUPPLIERS,
  type Account,
} from './accounts';
import {
  correctedMovement,
  movementLegs,
  reversed,
  sealLegs,
  type Leg,
  type Movement,
} from './legs';
import { correctionsOf } from './report';
import { scaleById, toleranceFlag } from './scales';
import { potById, SCRAP_KIND_INFO } from './scrap';

/** What the CSV needs to say names instead of ids; the screen passes what the tablet knows. */
export interface LedgerNames {
  /** Staff names by id (everyone ever on the list: the history names them). */
  staff: Readonly<Record<string, string>>;
  /** Every scale the shop has set, retired ones too. */
  scales: readonly ScaleData[];
  /** Bench labels by id: 'bench_1' → 'Bench 1'. */
  benches: Readonly<Record<string, string>>;
  /**
   * Movements corrected, id → correction (the ledger's `corrected`): names a correction recorded
   * after the exported period. The exported events' own corrections are read from them too.
   */
  corrected?: Readonly<Record<string, string>>;
  /** Envelope numbers by job id, for the jobs this tablet holds: what the accountant looks up. */
  envelopes?: Readonly<Record<string, string>>;
}

/** The CSV's columns, in order, with their header. */
export const CSV_COLUMNS = [
  ['date', 'Date'],
  ['time', 'Time'],
  ['utc', 'UTC time'],
  ['eventId', 'Event id'],
  ['movement', 'Movement'],
  ['alloy', 'Alloy'],
  ['grams', 'Grams'],
  ['fineG', 'Fine g'],
  ['from', 'From'],
  ['to', 'To'],
  ['who', 'Who'],
  ['scale', 'Scale'],
  ['bookG', 'Book g'],
  ['weighedG', 'Weighed g'],
  ['toleranceG', 'Tolerance g'],
  ['beyond', 'Beyond tolerance'],
  ['form', 'Form'],
  ['scrapKind', 'Scrap kind'],
  ['jobId', 'Job id'],
  ['envelope', 'Envelope'],
  ['tree', 'Tree'],
  ['supplier', 'Supplier'],
  ['supplierLot', 'Supplier lot'],
  ['lotId', 'Lot id'],
  ['sealNumber', 'Seal number'],
  ['estimatedFineG', 'Estimated fine g'],
  ['refiner', 'Refiner'],
  ['takenBy', 'Taken by'],
  ['grossG', 'Gross g'],
  ['refinerDate', 'Sent or settled on'],
  ['assay', 'Assay ‰'],
  ['fineCreditedG', 'Fine credited g'],
  ['fees', 'Fees'],
  ['corrects', 'Corrects'],
  ['correctedBy', 'Corrected by'],
  ['reason', 'Correction reason'],
  ['note', 'Note'],
  ['device', 'Device'],
] as const;

type Column = (typeof CSV_COLUMNS)[number][0];

/** A number as the CSV writes it: digits, a dot, a minus sign; never quoted, never guarded. */
interface NumberCell {
  number: string;
}
type Cell = string | NumberCell;
type Row = Partial<Record<Column, Cell>>;

/** Exact milligrams as grams with three decimals: "12.345", "-0.020", "0.000". */
function mgCell(mg: number): NumberCell {
  const abs = Math.abs(Math.round(mg));
  const text = `${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
  return { number: mg < 0 && abs > 0 ? `-${text}` : text };
}

function gramsCell(g: number): NumberCell {
  return mgCell(Math.round(g * 1000));
}

/** Fine grams of exact milligrams of an alloy, to the milligram. */
function fineCell(mg: number, alloyId: AlloyId): NumberCell {
  return mgCell(Math.round((mg * alloyById(alloyId).fineness) / 1000));
}

function plainNumber(n: number): NumberCell {
  return { number: String(n) };
}

/** Cents in the shop's money, with two decimals: "12.50". */
function moneyCell(cents: number): NumberCell {
  const abs = Math.abs(cents);
  return {
    number: `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`,
  };
}

/**
 * A text cell made safe to open in a spreadsheet: text starting with = + - @ (or a tab or carriage
 * return) is a formula to Excel and Sheets, so it gets a leading apostrophe (OWASP, "CSV Injection").
 */
function guarded(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, and its quotes doubled. */
function field(cell: Cell | undefined): string {
  if (cell === undefined) return '';
  const text = typeof cell === 'string' ? guarded(cell) : cell.number;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** An account in words: "Stock", "Bench 1", a person's name, "Tree T-ABCD", "14k gold, clean scrap". */
export function accountName(account: Account, names: LedgerNames): string {
  switch (account) {
    case STOCK:
      return 'Stock';
    case SUPPLIERS:
      return 'Supplier';
    case JOBS:
      return "Customer's piece";
    case LOSS:
      return 'Loss';
    case RECOVERED:
      return 'Shop floor and dust';
  }
  const holder = holderOf(account);
  if (holder?.kind === 'person') return names.staff[holder.id] ?? `Person ${holder.id}`;
  if (holder?.kind === 'bench') return names.benches[holder.id] ?? holder.id;
  if (holder?.kind === 'tree') return `Tree ${treeCode(holder)}`;
  const pot = potOf(account);
  if (pot !== null) return potById(pot)?.label ?? `Scrap pot ${pot}`;
  return account;
}

const MOVEMENT_WORDS = {
  'metal.received': 'Received from supplier',
  'metal.issued': 'Issued from stock',
  'metal.returned': 'Returned to stock',
  'metal.used': 'Used in a job',
  'metal.weighed_in': 'Weigh-in',
  'scrap.deposited': 'Scrap deposited',
  'lot.sealed': 'Lot sealed',
  'lot.sent': 'Lot sent to refiner',
  'lot.settled': 'Lot settled by refiner',
  'metal.corrected': 'Correction',
} as const;

const SESSION_WORDS = { opening: 'opening', closing: 'closing', count: 'count' } as const;

/** A movement's type in words: "Issued from stock", "Weigh-in (closing)". */
function movementWords(m: Movement): string {
  if (m.type === 'metal.weighed_in') return `Weigh-in (${SESSION_WORDS[m.data.session]})`;
  return MOVEMENT_WORDS[m.type];
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/** When an event was recorded: the tablet's local day and time, and the instant in UTC. */
function whenCells(at: string): Row {
  const ms = stampMs(at);
  if (ms === null) return { utc: at };
  const d = new Date(ms);
  return {
    date: localDay(d),
    time: `${twoDigits(d.getHours())}:${twoDigits(d.getMinutes())}:${twoDigits(d.getSeconds())}`,
    utc: d.toISOString(),
  };
}

/**
 * Where a movement's metal went, from its legs: the account that gave, the one that took, and how
 * much. A weigh-in always reads from the place to Loss, its grams negative when the place was found
 * over; the others are one positive amount between two accounts.
 */
function flow(
  m: Movement,
  legs: readonly Leg[],
): { from: Account; to: Account; mg: number; alloyId: AlloyId } {
  if (m.type === 'metal.weighed_in') {
    const mg = legs.filter((l) => l.account === LOSS).reduce((t, l) => t + l.mg, 0);
    return { from: placeAccount(m.data.place), to: LOSS, mg, alloyId: m.data.alloyId };
  }
  const given = legs.find((l) => l.mg > 0);
  const taken = legs.find((l) => l.mg < 0);
  return {
    from: taken?.account ?? '',
    to: given?.account ?? '',
    mg: given?.mg ?? 0,
    alloyId: m.data.alloyId,
  };
}

/** The cells a movement's own data fills: its scale, weigh-in figures, job, tree, supplier. */
function movementDetails(m: Movement, names: LedgerNames): Row {
  const row: Row = { scale: scaleName(m.data.scaleId, names) };
  switch (m.type) {
    case 'metal.received':
      row.form = m.data.form;
      row.supplier = m.data.supplier;
      if (m.data.supplierLot !== undefined) row.supplierLot = m.data.supplierLot;
      break;
    case 'metal.issued':
      if (m.data.form !== undefined) row.form = m.data.form;
      if (m.data.to.kind === 'tree') row.tree = treeCode(m.data.to);
      break;
    case 'metal.returned':
      if (m.data.from.kind === 'tree') row.tree = treeCode(m.data.from);
      break;
    case 'metal.used':
      Object.assign(row, jobCells(m.data.jobId, names));
      if (m.data.from.kind === 'tree') row.tree = treeCode(m.data.from);
      break;
    case 'metal.weighed_in': {
      row.bookG = gramsCell(m.data.bookG);
      row.weighedG = gramsCell(m.data.weighedG);
      row.toleranceG = gramsCell(m.data.toleranceG);
      const flag = toleranceFlag(m.data.weighedG, m.data.bookG, m.data.toleranceG);
      if (flag !== 'within') row.beyond = flag;
      if (m.data.place.kind === 'tree') row.tree = treeCode(m.data.place);
      break;
    }
    case 'scrap.deposited':
      row.scrapKind = SCRAP_KIND_INFO[m.data.kind].label;
      if (m.data.jobId !== undefined) Object.assign(row, jobCells(m.data.jobId, names));
      if (m.data.treeId !== undefined) row.tree = treeCode({ id: m.data.treeId });
      else if (m.data.from?.kind === 'tree') row.tree = treeCode(m.data.from);
      break;
  }
  return row;
}

/**
 * The scale a movement was weighed on, by name. One that names none was weighed on the shop's
 * default (its first scale, or the built-in bench scale): said so, since the default may have changed.
 */
function scaleName(scaleId: string | undefined, names: LedgerNames): string {
  const scale = scaleById(names.scales, scaleId);
  return scaleId === undefined ? `${scale.name} (default)` : scale.name;
}

function movementRow(m: Movement, names: LedgerNames): Row {
  const f = flow(m, movementLegs(m));
  return {
    movement: movementWords(m),
    alloy: alloyName(f.alloyId),
    grams: mgCell(f.mg),
    fineG: fineCell(f.mg, f.alloyId),
    from: accountName(f.from, names),
    to: accountName(f.to, names),
    ...movementDetails(m, names),
    ...(m.data.note !== undefined ? { note: m.data.note } : {}),
  };
}

/** A correction's row: what it undid, moved back (the reversed legs), and why. */
function correctionRow(
  e: Extract<LoupeEvent, { type: 'metal.corrected' }>,
  winner: string | undefined,
  names: LedgerNames,
): Row {
  const base: Row = { movement: 'Correction', corrects: e.data.eventId, reason: e.data.reason };
  const original = correctedMovement(e.data);
  if (!original) {
    return {
      ...base,
      note: `The corrected movement (${e.data.original.type}) does not read on this version.`,
    };
  }
  // The reversed legs: the metal goes back where it came from. A weigh-in's correction reads from the
  // place to Loss like the weigh-in, with the opposite sign.
  const f = flow(original, reversed(movementLegs(original)));
  const row: Row = {
    ...base,
    movement: `Correction of: ${movementWords(original)}`,
    alloy: alloyName(f.alloyId),
    grams: mgCell(f.mg),
    fineG: fineCell(f.mg, f.alloyId),
    from: accountName(f.from, names),
    to: accountName(f.to, names),
    ...movementDetails(original, names),
  };
  if (winner !== undefined && winner !== e.id) {
    // Two tablets corrected the same movement offline: the ledger undid it once, by the other one.
    return {
      ...row,
      grams: mgCell(0),
      fineG: mgCell(0),
      note: `The movement was corrected already by ${winner}: this correction moves nothing.`,
    };
  }
  return row;
}

function alloyName(alloyId: string): string {
  return isAlloyId(alloyId) ? alloyById(alloyId).name : alloyId;
}

function rowsOf(e: LoupeEvent, corrections: Map<string, string>, names: LedgerNames): Row[] {
  switch (e.type) {
    case 'metal.received':
    case 'metal.issued':
    case 'metal.returned':
    case 'metal.used':
    case 'metal.weighed_in':
    case 'scrap.deposited':
      return [movementRow({ type: e.type, data: e.data } as Movement, names)];
    case 'metal.corrected':
      return [correctionRow(e, corrections.get(e.data.eventId), names)];
    case 'lot.sealed': {
      // A row per pot and alloy sealed, so each alloy's grams add up in a spreadsheet.
      const shared: Row = {
        movement: MOVEMENT_WORDS['lot.sealed'],
        to: 'Refining lot',
        lotId: e.data.lotId,
        ...(e.data.sealNumber !== undefined ? { sealNumber: e.data.sealNumber } : {}),
        ...(e.data.note !== undefined ? { note: e.data.note } : {}),
      };
      // The seal's legs: what each pot gave the lot, as the fold takes it out of the pot.
      const legs = sealLegs(e.data);
      return e.data.contents.map((c, i) => {
        const mg = -(legs[i]?.mg ?? 0);
        return {
          ...shared,
          alloy: alloyName(c.alloyId),
          grams: mgCell(mg),
          fineG: fineCell(mg, c.alloyId),
          from: potById(c.potId)?.label ?? `Scrap pot ${c.potId}`,
          estimatedFineG: gramsCell(c.estimatedFineG),
        };
      });
    }
    case 'lot.sent':
      return [
        {
          movement: MOVEMENT_WORDS['lot.sent'],
          from: 'Refining lot',
          to: 'Refiner',
          scale: scaleName(e.data.scaleId, names),
          lotId: e.data.lotId,
          sealNumber: e.data.sealNumber,
          refiner: e.data.refiner,
          takenBy: e.data.takenBy,
          grossG: gramsCell(e.data.grossG),
          refinerDate: e.data.sentOn,
          ...(e.data.note !== undefined ? { note: e.data.note } : {}),
        },
      ];
    case 'lot.settled':
      return [
        {
          movement: MOVEMENT_WORDS['lot.settled'],
          from: 'Refiner',
          lotId: e.data.lotId,
          refinerDate: e.data.settledOn,
          ...(e.data.assayPermille !== undefined
            ? { assay: plainNumber(e.data.assayPermille) }
            : {}),
          fineCreditedG: gramsCell(e.data.fineCreditedG),
          fees: moneyCell(e.data.feesCents),
          ...(e.data.note !== undefined ? { note: e.data.note } : {}),
        },
      ];
    default:
      // Another stream's event among the ledger's: shown as it is, never dropped.
      return [{ movement: e.type }];
  }
}

/**
 * The ledger's events as CSV (RFC 4180: CRLF, quoted where needed): a header, then a row for every
 * event, oldest first — a sealed lot a row per pot and alloy it took. Grams are what the movement's
 * legs moved, so a spreadsheet's sums per account and alloy agree with the ledger's balances.
 * Nothing is left out: a corrected movement keeps its row and says which correction undid it, and
 * an event this version cannot read (a newer app's) gets a row saying so.
 */
export function ledgerCsv(events: readonly StoredEvent[], names: LedgerNames): string {
  const once = [...new Map(events.map((e) => [e.id, e])).values()];
  const sorted = once.sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  const read = sorted.map((stored) => ({ stored, read: readStoredEvent(stored) }));
  const corrections = correctionsOf(
    read.flatMap((r) => (r.read.known ? [r.read.event] : [])),
    names.corrected,
  );
  const lines = [CSV_COLUMNS.map(([, header]) => field(header)).join(',')];
  for (const { stored, read: r } of read) {
    const common: Row = {
      ...whenCells(stored.at),
      eventId: stored.id,
      who: names.staff[stored.actor] ?? stored.actor,
      device: stored.device,
    };
    const correctedBy = corrections.get(stored.id);
    const rows: Row[] = r.known
      ? rowsOf(r.event, corrections, names)
      : [{ movement: stored.type, note: `This version cannot read this event (${r.reason}).` }];
    for (const row of rows) {
      const full: Row = {
        ...common,
        ...row,
        ...(correctedBy !== undefined ? { correctedBy } : {}),
      };
      lines.push(CSV_COLUMNS.map(([key]) => field(full[key])).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The export's file name: `loupe-metal-ledger-2026-12-01-2026-12-31.csv`. */
export function ledgerCsvFilename(from: string, to: string): string {
  return `loupe-metal-ledger-${from}-${to}.csv`;
}

/** A job's id and, when this tablet holds the job, its envelope number. */
function jobCells(jobId: string, names: LedgerNames): Row {
  const envelope = names.envelopes?.[jobId];
  return envelope === undefined ? { jobId } : { jobId, envelope };
}
