// Each service's name as the bench reads it, without its checklist: the jobs list names a job's
// services on the first screen, before any template is needed. A test holds these to the templates.
import type { ServiceKind } from './types';

export const SERVICE_NAMES: Record<ServiceKind, string> = {
  ring_sizing_up: 'Ring sizing up',
  ring_sizing_down: 'Ring sizing down',
  prong_retipping: 'Prong re-tipping',
  rhodium_plating: 'Rhodium plating',
  lost_wax_casting: 'Lost-wax casting',
  chain_soldering: 'Chain soldering',
  clasp_replacement: 'Clasp replacement',
  stone_tightening: 'Stone tightening',
  polishing: 'Polishing and finishing',
  cleaning: 'Cleaning',
};
