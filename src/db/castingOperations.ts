// Named write operations of the casting room: each checks the tree's rules against the tree and its
// jobs as stored, inside the transaction that records its events, and ticks the jobs' casting steps.
import {
  burnoutStatus,
  BUILT_IN_PROGRAMS,
  checkProgram,
  checkSoakTemp,
} from '../domain/casting/burnout';
import { checkLossThreshold } from '../domain/casting/castingMath';
import { castingServiceOf, impliedJobSteps, stepsToTick } from '../domain/casting/jobSteps';
import { CASTING_ROOM, treeCode, type TreeState } from '../domain/casting/tree';
import { newUlid } from '../domain/ids';
import type { JobState } from '../domain/job';
import { finalReason } from '../domain/projection';
import type { AlloyId } from '../domain/metals';
import type { BurnoutProgramData } from '../protocol/casting';
import { fromMg, toMg, type CorrectableType } from '../domain/ledger/legs';
import { activeScales } from '../domain/ledger/scales';
import { balanceOf } from '../domain/ledger/views';
import {
  SHOP_JOB_ID,
  type EventData,
  type EventType,
  type LoupeEvent,
  type StoredEvent,
} from '../protocol/events';
import { BenchInputError, recordEvents, type EventDraft } from './jobOperations';
import type { LoupeDB } from './LoupeDB';
import { depositDraft, getLedger, ledgerDraft, withScales } from './ledgerOperations';
import { ledgerEvents } from './ledgerQueries';
import { getShop } from './staff';
import { storingTables } from './streams';

/** Every table a casting operation reads or writes: recordEvents' transaction nests in its. */
function castingTables(db: LoupeDB) {
  return [db.meta, ...storingTables(db)];
}

function refuse(message: string): never {
  throw new BenchInputError(message);
}

async function treeOrRefuse(db: LoupeDB, treeId: string): Promise<TreeState> {
  return (await db.trees.get(treeId)) ?? refuse(`This tablet has no tree ${treeId}.`);
}

/**
 * Reads the tree, records what `decide` makes of it, then ticks each job's casting steps that the
 * tree's new record implies (impliedJobSteps), all in one 'rw' transaction: a refusal stores nothing,
 * and no pulled page lands between the check and the write.
 */
function recordOnTree(
  db: LoupeDB,
  treeId: string,
  actor: string,
  decide: (tree: TreeState) => EventDraft[] | Promise<EventDraft[]>,
): Promise<LoupeEvent[]> {
  return db.transaction('rw', castingTables(db), async () => {
    const tree = await treeOrRefuse(db, treeId);
    const recorded = await recordEvents(db, await decide(tree), actor);
    const after = await treeOrRefuse(db, treeId);
    const ticks = await jobTicks(db, after);
    return ticks.length > 0 ? [...recorded, ...(await recordEvents(db, ticks, actor))] : recorded;
  });
}

/** step.set drafts for each job on the tree whose casting checklist does not say what the tree does. */
async function jobTicks(db: LoupeDB, tree: TreeState): Promise<EventDraft[]> {
  const drafts: EventDraft[] = [];
  const onTree = tree.jobs.filter((j) => j.removed === null);
  const jobs = await db.jobs.bulkGet(onTree.map((j) => j.jobId));
  for (const [i, entry] of onTree.entries()) {
    const job = jobs[i];
    // A job not synced here yet, or one final since (collected, voided), takes no ticks.
    if (!job || finalReason(job)) continue;
    const service = castingServiceOf(job, entry.serviceId);
    if (!service) continue;
    for (const step of stepsToTick(service, impliedJobSteps(tree, job.id))) {
      drafts.push({
        jobId: job.id,
        type: 'step.set',
        data: { serviceId: service.id, stepId: step.stepId, done: true, values: step.values },
      });
    }
  }
  return drafts;
}

function draft<T extends EventType>(treeId: string, type: T, data: EventData<T>): EventDraft {
  return { jobId: treeId, type, data };
}

const STAGE_WORDS: Record<TreeState['stage'], string> = {
  building: 'being built',
  invested: 'invested',
  kiln: 'in the kiln',
  cast: 'cast',
  done: 'weighed out',
};

function before(tree: TreeState, stages: TreeState['stage'][], what: string): void {
  if (!stages.includes(tree.stage)) {
    refuse(`Tree ${treeCode(tree)} is ${STAGE_WORDS[tree.stage]}: too late to ${what}.`);
  }
}

// ---- Building the tree ----

export async function startTree(
  db: LoupeDB,
  input: { alloyId: AlloyId; note?: string },
  actor: string,
): Promise<string> {
  const treeId = newUlid();
  const note = input.note?.trim();
  await db.transaction('rw', castingTables(db), async () =>
    recordEvents(
      db,
      [draft(treeId, 'tree.started', { alloyId: input.alloyId, ...(note ? { note } : {}) })],
      actor,
    ),
  );
  return treeId;
}

/** The unfinished tree a job is on, if any (a job is on one tree at a time). */
export async function openTreeOfJob(db: LoupeDB, jobId: string): Promise<TreeState | undefined> {
  const trees = await db.trees.where('jobIds').equals(jobId).toArray();
  return trees.find((t) => t.stage !== 'done');
}

function checkJobForTree(job: JobState, tree: TreeState): string {
  const final = finalReason(job);
  if (final) refuse(`Job ${job.envelopeNumber} is ${final}: it cannot go on a tree.`);
  const service = castingServiceOf(job);
  if (!service) {
    refuse(
      `Job ${job.envelopeNumber} has no lost-wax casting service: add one on the job before treeing it.`,
    );
  }
  const alloy = service.details.alloy;
  if (typeof alloy === 'string' && alloy !== tree.alloyId) {
    refuse(
      `Job ${job.envelopeNumber} is to be cast in another alloy (${alloy}) than this tree (${tree.alloyId}).`,
    );
  }
  return service.id;
}

/** Puts a job's wax on the tree; its piece goes into the casting room's custody with it. */
export function addJobToTree(
  db: LoupeDB,
  input: { treeId: string; jobId: string },
  actor: string,
): Promise<LoupeEvent[]> {
  return recordOnTree(db, input.treeId, actor, async (tree) => {
    before(tree, ['building', 'invested'], 'add a wax');
    if (tree.stage !== 'building') refuse(`Tree ${treeCode(tree)} is invested: no more waxes.`);
    const job =
      (await db.jobs.get(input.jobId)) ?? refuse(`This tablet has no job ${input.jobId}.`);
    if (tree.jobIds.includes(job.id)) refuse(`Job ${job.envelopeNumber} is on this tree already.`);
    const other = await openTreeOfJob(db, job.id);
    if (other) refuse(`Job ${job.envelopeNumber} is on tree ${treeCode(other)} already.`);
    const serviceId = checkJobForTree(job, tree);
    const drafts: EventDraft[] = [
      draft(tree.id, 'tree.job_added', {
        jobId: job.id,
        envelopeNumber: job.envelopeNumber,
        serviceId,
      }),
    ];
    if (job.custody.at(-1)?.to.id !== CASTING_ROOM.id) {
      drafts.push({
        jobId: job.id,
        type: 'custody.moved',
        data: { to: CASTING_ROOM, note: `On tree ${treeCode(tree)}` },
      });
    }
    return drafts;
  });
}

export function removeJobFromTree(
  db: LoupeDB,
  input: { treeId: string; jobId: string; reason: string },
  actor: string,
): Promise<LoupeEvent[]> {
  const reason = input.reason.trim();
  return recordOnTree(db, input.treeId, actor, (tree) => {
    before(tree, ['building'], 'take a wax off');
    if (!tree.jobIds.includes(input.jobId)) refuse('That job is not on this tree.');
    if (reason === '') refuse('Say why the wax comes off the tree.');
    return [draft(tree.id, 'tree.job_removed', { jobId: input.jobId, reason })];
  });
}

export function setTreeStep(
  db: LoupeDB,
  input: EventData<'tree.step_set'> & { treeId: string },
  actor: string,
): Promise<LoupeEvent[]> {
  return recordOnTree(db, input.treeId, actor, () => [
    draft(input.treeId, 'tree.step_set', { stepId: input.stepId, done: input.done }),
  ]);
}

export function weighTree(
  db: LoupeDB,
  input: EventData<'tree.weighed'> & { treeId: string },
  actor: string,
): Promise<LoupeEvent[]> {
  return recordOnTree(db, input.treeId, actor, (tree) => {
    before(tree, ['building', 'invested'], 'weigh the wax');
    return [draft(tree.id, 'tree.weighed', { grossG: input.grossG, baseG: input.baseG })];
  });
}

/** Metal weighed out for the tree; the event's actor is who issued it. */
export function issueMetal(
  db: LoupeDB,
  input: EventData<'tree.metal_issued'> & { treeId: string },
  actor: string,
): Promise<LoupeEvent[]> {
  const note = input.note?.trim();
  return recordOnTree(db, input.treeId, actor, (tree) => {
    before(tree, ['building', 'invested', 'kiln'], 'issue metal');
    return withScales(db, [
      draft(tree.id, 'tree.metal_issued', {
        grams: input.grams,
        source: input.source,
        ...(note ? { note } : {}),
      }),
      // The same grams leave the shop's stock in the ledger. Not refused when the book shows less:
      // the casting room has no network, and the receipt of that metal may not have synced here yet.
      ledgerDraft('metal.issued', {
        alloyId: tree.alloyId,
        grams: input.grams,
        to: { kind: 'tree', id: tree.id },
        form: input.source === 'fresh' ? 'grain' : 'casting',
        ...(note ? { note } : {}),
      }),
    ]);
  });
}

/**
 * The weigh-out in the ledger: each casting into its job, the button and sprues back to stock or
 * into the alloy's scrap pot, and the tree closed at 0 g, so what is missing is booked as its loss.
 * A second weigh-out first corrects the first one's movements (both stay in the history).
 */
async function weighOutLedger(
  db: LoupeDB,
  tree: TreeState,
  out: EventData<'tree.weighed_out'>,
  actor: string,
): Promise<EventDraft[]> {
  const holder = { kind: 'tree', id: tree.id } as const;
  if (tree.weighedOut !== null) {
    const ledger = await getLedger(db);
    const earlier = (await ledgerEvents(db)).filter(
      (e) => isTreeWeighOutMovement(e, tree.id) && ledger.corrected[e.id] === undefined,
    );
    const reason = `Tree ${treeCode(tree)} weighed out again`;
    const corrections = earlier.map((e) =>
      ledgerDraft('metal.corrected', {
        eventId: e.id,
        original: { type: e.type as CorrectableType, data: e.data },
        reason,
      }),
    );
    if (corrections.length > 0) await recordEvents(db, corrections, actor);
  }
  const drafts: EventDraft[] = [];
  let outMg = 0;
  const alloyId = tree.alloyId;
  for (const casting of out.castings) {
    if (casting.grams <= 0) continue;
    outMg += toMg(casting.grams);
    drafts.push(
      ledgerDraft('metal.used', {
        alloyId,
        grams: casting.grams,
        from: holder,
        jobId: casting.jobId,
      }),
    );
  }
  for (const [grams, to, what] of [
    [out.buttonG, out.buttonTo, 'Button'],
    [out.spruesG, out.spruesTo, 'Sprues'],
  ] as const) {
    if (grams <= 0) continue;
    outMg += toMg(grams);
    const note = `${what} of tree ${treeCode(tree)}`;
    drafts.push(
      to === 'stock'
        ? ledgerDraft('metal.returned', { alloyId, grams, from: holder, note })
        : depositDraft({
            alloyId,
            kind: 'sprues_buttons',
            grams,
            from: holder,
            treeId: tree.id,
            note,
          }),
    );
  }
  const bookG = fromMg(toMg(balanceOf(await getLedger(db), `tree:${tree.id}`, alloyId)) - outMg);
  drafts.push(
    ledgerDraft('metal.weighed_in', {
      place: holder,
      alloyId,
      session: 'closing',
      bookG,
      weighedG: 0,
      toleranceG: activeScales((await getShop(db)).scales)[0]?.toleranceG ?? 0,
      note: `Tree ${treeCode(tree)} weighed out: what is missing is its casting loss`,
    }),
  );
  return withScales(db, drafts);
}

/** A ledger movement a tree's weigh-out recorded (not the metal issued to it). */
function isTreeWeighOutMovement(e: StoredEvent, treeId: string): boolean {
  const data = e.data as {
    from?: { kind?: string; id?: string };
    place?: { kind?: string; id?: string };
  };
  const of = (h: { kind?: string; id?: string } | undefined) =>
    h?.kind === 'tree' && h.id === treeId;
  switch (e.type) {
    case 'metal.used':
    case 'metal.returned':
    case 'scrap.deposited':
      return of(data.from);
    case 'metal.weighed_in':
      return of(data.place);
    default:
      return false;
  }
}

// ---- The flask ----

export type InvestInput = EventData<'tree.invested'> & { treeId: string };

export function investTree(db: LoupeDB, input: InvestInput, actor: string): Promise<LoupeEvent[]> {
  return recordOnTree(db, input.treeId, actor, async (tree) => {
    before(tree, ['building', 'invested'], 'invest it');
    if (tree.jobIds.length === 0) refuse(`Tree ${treeCode(tree)} has no waxes yet.`);
    const { treeId: _id, ...data } = input;
    const flask = data.flaskId.trim().toUpperCase();
    const using = await db.trees.where('flaskKeys').equals(flask).toArray();
    const busy = using.find((t) => t.id !== tree.id && t.stage !== 'done');
    if (busy) refuse(`Flask ${flask} holds tree ${treeCode(busy)} (${STAGE_WORDS[busy.stage]}).`);
    return [draft(tree.id, 'tree.invested', { ...data, flaskId: flask })];
  });
}

// ---- Burnout ----

/** Built-in programs and the shop's own that are not retired. */
export async function burnoutPrograms(db: LoupeDB): Promise<BurnoutProgramData[]> {
  const shop = await getShop(db);
  const own = shop.programs.filter((p) => !p.retired).map((p) => p.program);
  return [...BUILT_IN_PROGRAMS, ...own];
}

/** The program, checked with the soak temperature a run gives it (never above its soak stage's). */
async function programOrRefuse(
  db: LoupeDB,
  programId: string,
  soakTempC: number,
): Promise<BurnoutProgramData> {
  const found = (await burnoutPrograms(db)).find((p) => p.id === programId);
  if (!found) refuse(`There is no burnout program "${programId}" on this tablet.`);
  const soak = checkSoakTemp(found, soakTempC);
  if (!soak.ok) refuse(soak.message);
  return found;
}

export function startBurnout(
  db: LoupeDB,
  input: { treeId: string; programId: string; soakTempC: number; atMs: number },
  actor: string,
): Promise<LoupeEvent[]> {
  return recordOnTree(db, input.treeId, actor, async (tree) => {
    if (tree.stage === 'building') refuse(`Invest tree ${treeCode(tree)} before its burnout.`);
    before(tree, ['invested'], 'start a burnout (change its program instead)');
    const program = await programOrRefuse(db, input.programId, input.soakTempC);
    return [
      draft(tree.id, 'tree.burnout_started', {
        atMs: input.atMs,
        program,
        soakTempC: input.soakTempC,
      }),
    ];
  });
}

function statusAt(tree: TreeState, atMs: number) {
  return burnoutStatus(tree.burnout, atMs) ?? refuse(`Tree ${treeCode(tree)} is not in the kiln.`);
}

export function pauseBurnout(
  db: LoupeDB,
  input: { treeId: string; atMs: number; reason?: string },
  actor: string,
): Promise<LoupeEvent[]> {
  const reason = input.reason?.trim();
  return recordOnTree(db, input.treeId, actor, (tree) => {
    before(tree, ['kiln'], 'pause the burnout');
    if (statusAt(tree, input.atMs).state === 'paused') refuse('The burnout is paused already.');
    return [
      draft(tree.id, 'tree.burnout_paused', { atMs: input.atMs, ...(reason ? { reason } : {}) }),
    ];
  });
}

export function resumeBurnout(
  db: LoupeDB,
  input: { treeId: string; atMs: number },
  actor: string,
): Promise<LoupeEvent[]> {
  return recordOnTree(db, input.treeId, actor, (tree) => {
    before(tree, ['kiln'], 'resume the burnout');
    if (statusAt(tree, input.atMs).state !== 'paused') refuse('The burnout is not paused.');
    return [draft(tree.id, 'tree.burnout_resumed', { atMs: input.atMs })];
  });
}

/** From `atMs` the kiln runs another program (or the same one from another stage). */
export function changeBurnout(
  db: LoupeDB,
  input: {
    treeId: string;
    programId: string;
    stageIndex: number;
    soakTempC: number;
    atMs: number;
    reason: string;
  },
  actor: string,
): Promise<LoupeEvent[]> {
  const reason = input.reason.trim();
  return recordOnTree(db, input.treeId, actor, async (tree) => {
    before(tree, ['kiln'], 'change the burnout');
    if (reason === '') refuse('Say why the program changes: it is part of the casting record.');
    const program = await programOrRefuse(db, input.programId, input.soakTempC);
    if (input.stageIndex < 0 || input.stageIndex >= program.stages.length) {
      refuse(`${program.name} has no stage ${input.stageIndex + 1}.`);
    }
    return [
      draft(tree.id, 'tree.burnout_changed', {
        atMs: input.atMs,
        program,
        stageIndex: input.stageIndex,
        soakTempC: input.soakTempC,
        reason,
      }),
    ];
  });
}

// ---- Cast and weigh-out ----

export function recordCast(
  db: LoupeDB,
  input: EventData<'tree.cast'> & { treeId: string },
  actor: string,
): Promise<LoupeEvent[]> {
  return recordOnTree(db, input.treeId, actor, (tree) => {
    if (tree.stage === 'building' || tree.stage === 'invested') {
      refuse(`Tree ${treeCode(tree)} has not been through the kiln.`);
    }
    before(tree, ['kiln', 'cast'], 'record the cast');
    if (tree.metalIssued.length === 0) refuse('Issue the metal for this tree first.');
    const { treeId: _id, ...data } = input;
    return [draft(tree.id, 'tree.cast', { ...data, machine: data.machine.trim() })];
  });
}

/**
 * The castings per job, the button and the sprues, weighed after cut-off. A second weigh-out
 * corrects the first (both stay in the history). The pieces leave the casting room with whoever
 * weighed them out.
 */
export function weighOut(
  db: LoupeDB,
  input: EventData<'tree.weighed_out'> & { treeId: string },
  actor: string,
): Promise<LoupeEvent[]> {
  return recordOnTree(db, input.treeId, actor, async (tree) => {
    if (tree.stage !== 'cast' && tree.stage !== 'done') {
      refuse(`Tree ${treeCode(tree)} has not been cast yet.`);
    }
    const stray = input.castings.find((c) => !tree.jobIds.includes(c.jobId));
    if (stray) refuse('A casting was weighed for a job that is not on this tree.');
    const missing = tree.jobs.find(
      (j) => j.removed === null && !input.castings.some((c) => c.jobId === j.jobId),
    );
    if (missing) refuse(`Weigh the casting of job ${missing.envelopeNumber} (0 g if it failed).`);
    const { treeId: _id, ...data } = input;
    const drafts: EventDraft[] = [
      draft(tree.id, 'tree.weighed_out', data),
      ...(await weighOutLedger(db, tree, data, actor)),
    ];
    if (tree.weighedOut === null) {
      const person = (await getShop(db)).staff.find((s) => s.id === actor);
      const to = { kind: 'staff' as const, id: actor, label: person?.name ?? 'Caster' };
      for (const jobId of tree.jobIds) {
        drafts.push({
          jobId,
          type: 'custody.moved',
          data: { to, note: `Cast on tree ${treeCode(tree)}, out of the casting room` },
        });
      }
    }
    return drafts;
  });
}

export function addTreeNote(
  db: LoupeDB,
  input: { treeId: string; text: string },
  actor: string,
): Promise<LoupeEvent[]> {
  const text = input.text.trim();
  return recordOnTree(db, input.treeId, actor, (tree) => {
    if (text === '') refuse('Write the note first.');
    return [draft(tree.id, 'tree.note_added', { text })];
  });
}

// ---- The shop's casting settings ----

/** Adds a burnout program of the shop's own; refused above 788 °C and when malformed. */
export async function addBurnoutProgram(
  db: LoupeDB,
  input: Parameters<typeof checkProgram>[0],
  actor: string,
): Promise<BurnoutProgramData> {
  const check = checkProgram(input);
  if (!check.ok) {
    throw new BenchInputError(
      check.errors.map((e) => e.message).join(' '),
      check.errors.map((e) => ({ key: e.path, message: e.message })),
    );
  }
  const existing = await burnoutPrograms(db);
  const id = `shop_${newUlid().toLowerCase().slice(-12)}`;
  const program = { ...check.program, id, builtIn: false };
  if (existing.some((p) => p.name.toLowerCase() === program.name.toLowerCase())) {
    refuse(`There is a program called ${program.name} already.`);
  }
  await db.transaction('rw', castingTables(db), async () =>
    recordEvents(
      db,
      [{ jobId: SHOP_JOB_ID, type: 'casting.program_added', data: { program } }],
      actor,
    ),
  );
  return program;
}

export async function retireBurnoutProgram(
  db: LoupeDB,
  programId: string,
  actor: string,
): Promise<void> {
  await db.transaction('rw', castingTables(db), async () => {
    const shop = await getShop(db);
    if (!shop.programs.some((p) => p.program.id === programId && !p.retired)) {
      refuse('Only a program the shop added, still in use, can be retired.');
    }
    await recordEvents(
      db,
      [{ jobId: SHOP_JOB_ID, type: 'casting.program_retired', data: { programId } }],
      actor,
    );
  });
}

/** The metal loss above which a tree is flagged, in per cent of the metal issued. */
export async function setLossThreshold(db: LoupeDB, pct: number, actor: string): Promise<void> {
  const check = checkLossThreshold(pct);
  if (!check.ok) refuse(check.message);
  await db.transaction('rw', castingTables(db), async () =>
    recordEvents(
      db,
      [{ jobId: SHOP_JOB_ID, type: 'casting.loss_threshold_set', data: { pct } }],
      actor,
    ),
  );
}
