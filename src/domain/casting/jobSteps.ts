// What a tree's record says about each job on it: the job's lost-wax casting steps and their values.
import type { StepValues } from '../checklists';
import type { JobState, ServiceState } from '../job';
import { builtInProgram } from './burnout';
import { metalIssuedG, type TreeState } from './tree';

/** A step of the job's casting checklist the tree's record has done, with the values it gives. */
export interface ImpliedStep {
  stepId: string;
  values: StepValues;
}

/** The job's lost-wax casting service the tree ticks: the one named on the tree, else its first. */
export function castingServiceOf(job: JobState, serviceId?: string): ServiceState | null {
  const live = job.services.filter((s) => s.kind === 'lost_wax_casting' && s.cancelled === null);
  return live.find((s) => s.id === serviceId) ?? live[0] ?? null;
}

/**
 * The casting steps the tree's record has done for `jobId`, in checklist order. Pure: the db
 * operation compares it with the job's steps and ticks what differs, as the person who recorded it
 * on the tree, so a job's checklist always says what its tree says (a re-weighing updates values).
 */
export function impliedJobSteps(tree: TreeState, jobId: string): ImpliedStep[] {
  const steps: ImpliedStep[] = [];
  const done = (id: keyof TreeState['steps']) => tree.steps[id]?.done === true;
  if (done('wax_cleanup')) steps.push({ stepId: 'wax_cleanup', values: {} });
  if (done('sprue')) steps.push({ stepId: 'sprue', values: {} });
  if (tree.invested) steps.push({ stepId: 'tree', values: { flask_id: tree.invested.flaskId } });
  if (tree.weighed) {
    const waxG = round2(tree.weighed.grossG - tree.weighed.baseG);
    steps.push({ stepId: 'weigh_tree', values: { wax_weight_g: waxG } });
  }
  if (tree.invested) {
    const { investment, powderG, waterMl } = tree.invested;
    steps.push({
      stepId: 'invest',
      values: { investment, water_ratio_pct: round1((waterMl / powderG) * 100) },
    });
  }
  const run = tree.burnout.filter((r) => r.kind === 'started' || r.kind === 'changed').at(-1);
  if (run) {
    const top = Math.max(
      ...run.program.stages.map((s) => (s.soak ? Math.min(s.tempC, run.soakTempC) : s.tempC)),
    );
    steps.push({
      stepId: 'burnout',
      values: {
        program: builtInProgram(run.program.id) ? run.program.id : 'custom',
        program_name: run.program.name,
        burnout_top_temp_c: top,
      },
    });
  }
  if (tree.cast) {
    steps.push({
      stepId: 'cast',
      values: {
        alloy: tree.alloyId,
        metal_issued_g: round2(metalIssuedG(tree).totalG),
        flask_temp_c: tree.cast.flaskTempC,
        casting_temp_c: tree.cast.castingTempC,
      },
    });
  }
  if (done('quench')) steps.push({ stepId: 'quench', values: {} });
  if (done('devest')) steps.push({ stepId: 'devest', values: {} });
  const out = tree.weighedOut;
  const casting = out?.castings.find((c) => c.jobId === jobId);
  if (out && casting) {
    const toStock =
      (out.buttonTo === 'stock' ? out.buttonG : 0) + (out.spruesTo === 'stock' ? out.spruesG : 0);
    steps.push({
      stepId: 'cut_off',
      values: { button_weight_g: round2(out.buttonG + out.spruesG), good_weight_g: casting.grams },
    });
    steps.push({ stepId: 'return_to_stock', values: { returned_to_stock_g: round2(toStock) } });
  }
  return steps;
}

/** The implied steps the job's service does not show yet: not done, or done with other values. */
export function stepsToTick(service: ServiceState, implied: readonly ImpliedStep[]): ImpliedStep[] {
  return implied.filter((step) => {
    const current = service.steps[step.stepId];
    return !current?.done || !sameValues(current.values, step.values);
  });
}

function sameValues(a: StepValues, b: StepValues): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

function round2(g: number): number {
  return Math.round(g * 100) / 100;
}
function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
