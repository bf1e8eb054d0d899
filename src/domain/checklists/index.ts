// Service checklists: templates of ordered steps per service, and checks of the values recorded.
export * from './types';
export {
  BENCH_METAL_FIELDS,
  BURNOUT_MAX_TEMP_C,
  BURNOUT_PROGRAMS,
  CHECKLIST_TEMPLATES,
  stepById,
  templateFor,
} from './templates';
export {
  checkFieldValues,
  checkServiceDetails,
  checkStepValues,
  RING_SIZE_FIELD_MM,
} from './values';
