// A job's statuses and which of them are open: plain constants, no schema, so the read path needs no zod.
export const JOB_STATUSES = [
  'received',
  'in_progress',
  'qc',
  'ready',
  'collected',
  'on_hold',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * Still with the shop and not finished: these can be late (the tablets' lists and the head
 * office's view alike). A piece ready for pick-up waits for its customer, not for the bench.
 */
export const OPEN_STATUSES: readonly JobStatus[] = ['received', 'in_progress', 'qc', 'on_hold'];
