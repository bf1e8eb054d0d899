// Named operations of the workshop's machines: the registry and maintenance plan (a manager's),
// maintenance done, hours of use, malfunctions and scale calibration checks (anyone signed in).
// Each checks its rules against the stored machine and shop inside the transaction that records
// its event, so a refused one stores nothing.
import { checkPasses } from '../domain/equipment/calibration';
import type { EquipmentState } from '../domain/equipment/equipmentState';
import { newUlid } from '../domain/ids';
import { activeScales } from '../domain/ledger/scales';
import type { ShopState } from '../domain/shopState';
import type { StaffMember } from '../domain/staff';
import type { EquipmentFields } from '../protocol/equipment';
import type { LoupeEvent } from '../protocol/events';
import type { ScaleData } from '../protocol/ledger';
import { BenchInputError, recordEvents, type EventDraft } from './jobOperations';
import type { LoupeDB } from './LoupeDB';
import { getShop } from './staff';
import { storingTables } from './streams';

function refuse(message: string): never {
  throw new BenchInputError(message);
}

/** Every table these operations read or write: recordEvents' transaction nests in it. */
function equipmentTables(db: LoupeDB) {
  return [db.meta, db.photos, ...storingTables(db)];
}

/** The person recording, who must be on the staff list and active. */
function signedIn(shop: ShopState, actor: string): StaffMember {
  const person = shop.staff.find((s) => s.id === actor && s.active);
  if (!person) refuse('Sign in first: the record says who did it.');
  return person;
}

/** The registry and the plan are the manager's: what is serviced, and how often. */
function manager(shop: ShopState, actor: string): StaffMember {
  const person = signedIn(shop, actor);
  if (person.role !== 'manager') {
    refuse('Only a manager adds machines, changes them or plans their maintenance.');
  }
  return person;
}

async function machineOf(db: LoupeDB, equipmentId: string): Promise<EquipmentState> {
  const machine = await db.equipment.get(equipmentId);
  if (!machine?.fields) refuse('This tablet has no such machine.');
  return machine;
}

function fieldsOf(machine: EquipmentState): EquipmentFields {
  if (!machine.fields) refuse('This tablet has no such machine.');
  return machine.fields;
}

/** Work on a retired machine is refused: bring it back into use first. */
function inUse(machine: EquipmentState): EquipmentFields {
  const fields = fieldsOf(machine);
  if (fields.retired) refuse(`${fields.name} is retired: bring it back into use first.`);
  return fields;
}

/**
 * Reads the machine and the shop and records what `decide` makes of them, in one 'rw'
 * transaction: no pulled page or other window lands between the check and the write.
 */
function recordOnMachine(
  db: LoupeDB,
  equipmentId: string,
  actor: string,
  decide: (machine: EquipmentState, shop: ShopState) => EventDraft[] | Promise<EventDraft[]>,
): Promise<LoupeEvent[]> {
  return db.transaction('rw', equipmentTables(db), async () => {
    const shop = await getShop(db);
    const machine = await machineOf(db, equipmentId);
    return recordEvents(db, await decide(machine, shop), actor);
  });
}

/** Optional text left out when blank, so an event never carries an empty note. */
function trimmed<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  const t = value?.trim();
  return t ? ({ [key]: t } as Record<K, string>) : {};
}

async function photoIsHere(db: LoupeDB, sha256: string | undefined): Promise<void> {
  if (sha256 !== undefined && !(await db.photos.get(sha256))) {
    refuse('The photo is not on this tablet: take it again.');
  }
}

// ---- The registry ----

/** A machine's description as a form gives it: optional text may be blank. */
export type MachineInput = Omit<EquipmentFields, 'retired'> & { retired?: boolean };

const OPTIONAL_TEXT = ['maker', 'model', 'serial', 'location'] as const;

/**
 * The shop scale a machine links to, among those a person may weigh on now (the default bench
 * scale while the shop has set none): a weighing names that id, and the check reads its tolerance.
 */
function linkedScale(shop: ShopState, scaleId: string): ScaleData {
  const scale = activeScales(shop.scales).find((s) => s.scaleId === scaleId);
  if (!scale) refuse('Choose one of the shop’s scales (Settings → Scales).');
  return scale;
}

/** The registry's rules for a machine's fields as they will be, against the other machines. */
function checkFields(
  fields: EquipmentFields,
  shop: ShopState,
  others: readonly EquipmentState[],
): void {
  const name = fields.name.trim().toLowerCase();
  const inUseOthers = others.filter((m) => m.fields && !m.fields.retired);
  const sameName = inUseOthers.find((m) => m.fields?.name.trim().toLowerCase() === name);
  if (sameName && name !== '' && !fields.retired) {
    refuse(
      `There is already a machine called ${sameName.fields?.name ?? name}: name this one apart.`,
    );
  }
  if (fields.scaleId !== undefined) {
    if (fields.kind !== 'scale') refuse('Only a scale is linked to one of the shop’s scales.');
    const scale = linkedScale(shop, fields.scaleId);
    const linked = inUseOthers.find((m) => m.fields?.scaleId === fields.scaleId);
    if (linked && !fields.retired) {
      refuse(`${linked.fields?.name ?? 'Another machine'} is already ${scale.name}.`);
    }
  } else if (fields.calibrationEveryDays !== undefined) {
    refuse('Link the scale to one of the shop’s scales to follow its calibration.');
  }
}

function cleanFields(input: MachineInput): EquipmentFields {
  const { maker, model, serial, location, retired, ...rest } = input;
  return {
    ...rest,
    name: input.name.trim(),
    ...trimmed('maker', maker),
    ...trimmed('model', model),
    ...trimmed('serial', serial),
    ...trimmed('location', location),
    retired: retired ?? false,
  };
}

/**
 * Adds a machine to the registry: a stream of its own, whose id is returned. Two managers adding
 * the same machine offline get two entries; either can be retired, and its history stays.
 */
export async function addMachine(db: LoupeDB, input: MachineInput, actor: string): Promise<string> {
  const equipmentId = newUlid();
  await db.transaction('rw', equipmentTables(db), async () => {
    const shop = await getShop(db);
    manager(shop, actor);
    const fields = cleanFields(input);
    checkFields(fields, shop, await db.equipment.toArray());
    await recordEvents(db, [{ jobId: equipmentId, type: 'equipment.added', data: fields }], actor);
  });
  return equipmentId;
}

/**
 * Changes a machine's description, retires it or brings it back: only the fields that differ are
 * recorded, so two managers changing different fields offline both keep their change (last writer
 * wins per field). Returns false when nothing differed (nothing is recorded).
 */
export async function updateMachine(
  db: LoupeDB,
  equipmentId: string,
  input: Partial<MachineInput>,
  actor: string,
): Promise<boolean> {
  const events = await recordOnMachine(db, equipmentId, actor, async (machine, shop) => {
    manager(shop, actor);
    const current = fieldsOf(machine);
    const changes: Partial<EquipmentFields> = {};
    const set = <K extends keyof EquipmentFields>(key: K, value: EquipmentFields[K]) => {
      if (current[key] !== value) changes[key] = value;
    };
    if (input.name !== undefined) set('name', input.name.trim());
    if (input.kind !== undefined) set('kind', input.kind);
    for (const key of OPTIONAL_TEXT) {
      const value = input[key];
      // A blank box clears what was there: recorded as empty text, since the wire cannot say unset.
      if (value !== undefined) {
        const t = value.trim();
        if (t !== '' || (current[key] ?? '') !== '') set(key, t);
      }
    }
    if ('scaleId' in input && input.scaleId !== undefined) set('scaleId', input.scaleId);
    if (input.calibrationEveryDays !== undefined) {
      set('calibrationEveryDays', input.calibrationEveryDays);
    }
    if (input.testWeightG !== undefined) set('testWeightG', input.testWeightG);
    if (input.retired !== undefined) set('retired', input.retired);
    if (Object.keys(changes).length === 0) return [];
    const others = (await db.equipment.toArray()).filter((m) => m.id !== equipmentId);
    checkFields({ ...current, ...changes }, shop, others);
    return [{ jobId: equipmentId, type: 'equipment.updated', data: { changes } }];
  });
  return events.length > 0;
}

// ---- The maintenance plan ----

export interface PlanInput {
  equipmentId: string;
  /** Absent for a new task: it is given an id here. */
  taskId?: string;
  what: string;
  everyDays?: number;
  everyHours?: number;
  /** False stops the task: it stays in the log's history, off the board. */
  active?: boolean;
}

/**
 * Plans a preventive maintenance task, or changes or stops one (last writer wins per task). A
 * changed interval counts from the task's last done (or first planned) as before. Returns its id.
 */
export async function planMaintenance(
  db: LoupeDB,
  input: PlanInput,
  actor: string,
): Promise<string> {
  const taskId = input.taskId ?? newUlid();
  await recordOnMachine(db, input.equipmentId, actor, (machine, shop) => {
    manager(shop, actor);
    const active = input.active ?? true;
    if (active) inUse(machine);
    if (input.taskId !== undefined && !machine.tasks.some((t) => t.taskId === input.taskId)) {
      refuse('This machine has no such task: plan it anew.');
    }
    if (input.what.trim() === '') refuse('Say what is to be done.');
    return [
      {
        jobId: machine.id,
        type: 'maintenance.planned',
        data: {
          taskId,
          what: input.what.trim(),
          ...(input.everyDays === undefined ? {} : { everyDays: input.everyDays }),
          ...(input.everyHours === undefined ? {} : { everyHours: input.everyHours }),
          active,
        },
      },
    ];
  });
  return taskId;
}

export interface MaintenanceDoneInput {
  equipmentId: string;
  /** The planned task done; absent for work outside the plan. */
  taskId?: string;
  /** What was done; a planned task's own words when left blank. */
  what?: string;
  notes?: string;
  /** A photo already stored on this tablet (photos/storePickedPhoto), by its hash. */
  photoSha256?: string;
}

/**
 * Logs maintenance done, with the machine's hours of use as this tablet counts them. Two people
 * logging the same task offline both stay in the log; the later one is what it next falls due from.
 */
export async function logMaintenance(
  db: LoupeDB,
  input: MaintenanceDoneInput,
  actor: string,
): Promise<LoupeEvent> {
  const [event] = await recordOnMachine(db, input.equipmentId, actor, async (machine, shop) => {
    signedIn(shop, actor);
    inUse(machine);
    const task =
      input.taskId === undefined ? undefined : machine.tasks.find((t) => t.taskId === input.taskId);
    if (input.taskId !== undefined && !task) refuse('This machine has no such task.');
    await photoIsHere(db, input.photoSha256);
    const what = input.what?.trim() || task?.what || '';
    if (what === '') refuse('Say what was done.');
    return [
      {
        jobId: machine.id,
        type: 'maintenance.done',
        data: {
          ...(task ? { taskId: task.taskId } : {}),
          what,
          ...trimmed('notes', input.notes),
          ...(input.photoSha256 === undefined ? {} : { photoSha256: input.photoSha256 }),
          hoursAt: machine.hours,
        },
      },
    ];
  });
  if (!event) throw new Error('Maintenance done was not recorded.');
  return event;
}

/** Adds hours the machine ran to its hours of use. */
export async function logHours(
  db: LoupeDB,
  input: { equipmentId: string; hours: number; note?: string },
  actor: string,
): Promise<void> {
  await recordOnMachine(db, input.equipmentId, actor, (machine, shop) => {
    signedIn(shop, actor);
    inUse(machine);
    return [
      {
        jobId: machine.id,
        type: 'equipment.hours_logged',
        data: { hours: input.hours, ...trimmed('note', input.note) },
      },
    ];
  });
}

// ---- Malfunctions ----

export interface MalfunctionInput {
  equipmentId: string;
  what: string;
  /** It must not be used until resolved: marked on the board and on the machine. */
  outOfService: boolean;
  photoSha256?: string;
}

/** Reports a malfunction: on the board for the manager until it is resolved. Returns its id. */
export async function reportMalfunction(
  db: LoupeDB,
  input: MalfunctionInput,
  actor: string,
): Promise<string> {
  const reportId = newUlid();
  await recordOnMachine(db, input.equipmentId, actor, async (machine, shop) => {
    signedIn(shop, actor);
    inUse(machine);
    if (input.what.trim() === '') refuse('Say what is wrong.');
    await photoIsHere(db, input.photoSha256);
    return [
      {
        jobId: machine.id,
        type: 'malfunction.reported',
        data: {
          reportId,
          what: input.what.trim(),
          outOfService: input.outOfService,
          ...(input.photoSha256 === undefined ? {} : { photoSha256: input.photoSha256 }),
        },
      },
    ];
  });
  return reportId;
}

/**
 * Records how a malfunction was resolved. Two people resolving it offline both stay events; the
 * first resolution (stamp order) is the one shown. Works on a retired machine too: it closes the
 * report the board would otherwise never let go of.
 */
export async function resolveMalfunction(
  db: LoupeDB,
  input: { equipmentId: string; reportId: string; how: string },
  actor: string,
): Promise<void> {
  await recordOnMachine(db, input.equipmentId, actor, (machine, shop) => {
    signedIn(shop, actor);
    const report = machine.malfunctions.find((r) => r.reportId === input.reportId);
    if (!report) refuse('This machine has no such malfunction report.');
    if (report.resolved) refuse('This malfunction was already resolved.');
    if (input.how.trim() === '') refuse('Say how it was resolved.');
    return [
      {
        jobId: machine.id,
        type: 'malfunction.resolved',
        data: { reportId: report.reportId, how: input.how.trim() },
      },
    ];
  });
}

// ---- Calibration ----

export interface CalibrationInput {
  equipmentId: string;
  /** What the scale read with the test weight on it. */
  readG: number;
  /** The test weight used; the machine's own certified weight when absent. */
  testWeightG?: number;
  note?: string;
}

/**
 * Records a check of a scale with its test weight. Whether it passed is decided here, against the
 * tolerance of the shop scale it is linked to, and recorded with it: a later change of tolerance
 * does not rewrite how past weighings are judged.
 */
export async function recordCalibrationCheck(
  db: LoupeDB,
  input: CalibrationInput,
  actor: string,
): Promise<{ passed: boolean; toleranceG: number }> {
  let result = { passed: false, toleranceG: 0 };
  await recordOnMachine(db, input.equipmentId, actor, (machine, shop) => {
    signedIn(shop, actor);
    const fields = inUse(machine);
    if (fields.scaleId === undefined) {
      refuse(`Link ${fields.name} to one of the shop’s scales first: its tolerance is the test.`);
    }
    const scale = linkedScale(shop, fields.scaleId);
    const testWeightG = input.testWeightG ?? fields.testWeightG;
    if (testWeightG === undefined) refuse('Enter the test weight the scale was checked with.');
    const passed = checkPasses(testWeightG, input.readG, scale.toleranceG);
    result = { passed, toleranceG: scale.toleranceG };
    return [
      {
        jobId: machine.id,
        type: 'calibration.checked',
        data: {
          testWeightG,
          readG: input.readG,
          toleranceG: scale.toleranceG,
          passed,
          ...trimmed('note', input.note),
        },
      },
    ];
  });
  return result;
}
