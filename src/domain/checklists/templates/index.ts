// Every service's checklist template, looked up by service kind.
import type { ChecklistTemplate, ServiceKind, StepTemplate } from '../types';
import { CHAIN_SOLDERING } from './chainSoldering';
import { CLASP_REPLACEMENT } from './claspReplacement';
import { CLEANING } from './cleaning';
import { LOST_WAX_CASTING } from './lostWaxCasting';
import { POLISHING } from './polishing';
import { PRONG_RETIPPING } from './prongRetipping';
import { RHODIUM_PLATING } from './rhodiumPlating';
import { RING_SIZING_DOWN, RING_SIZING_UP } from './ringSizing';
import { STONE_TIGHTENING } from './stoneTightening';

export { BENCH_METAL_FIELDS } from './fields';
export { BURNOUT_MAX_TEMP_C, BURNOUT_PROGRAMS } from './lostWaxCasting';

export const CHECKLIST_TEMPLATES: Readonly<Record<ServiceKind, ChecklistTemplate>> = {
  ring_sizing_up: RING_SIZING_UP,
  ring_sizing_down: RING_SIZING_DOWN,
  prong_retipping: PRONG_RETIPPING,
  rhodium_plating: RHODIUM_PLATING,
  lost_wax_casting: LOST_WAX_CASTING,
  chain_soldering: CHAIN_SOLDERING,
  clasp_replacement: CLASP_REPLACEMENT,
  stone_tightening: STONE_TIGHTENING,
  polishing: POLISHING,
  cleaning: CLEANING,
};

export function templateFor(kind: ServiceKind): ChecklistTemplate {
  // Stored data is checked at the boundary, but a kind from a newer app version could still slip in.
  const template: ChecklistTemplate | undefined = Object.hasOwn(CHECKLIST_TEMPLATES, kind)
    ? CHECKLIST_TEMPLATES[kind]
    : undefined;
  if (template === undefined) throw new Error(`Unknown service kind "${kind}".`);
  return template;
}

export function stepById(kind: ServiceKind, stepId: string): StepTemplate | undefined {
  return templateFor(kind).steps.find((step) => step.id === stepId);
}
