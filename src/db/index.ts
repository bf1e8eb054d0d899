// The doorway to IndexedDB: screens and stores import from here, never from dexie.
export { db } from './db';
export {
  DATABASE_NAME,
  LoupeDB,
  type JobRow,
  type MetaRow,
  type OutboxRow,
  type PhotoRow,
} from './LoupeDB';
export {
  getPhotoRow,
  putPhoto,
  storeFetchedPhoto,
  storeFetchedThumbnail,
  usePhoto,
} from './photos';
export {
  acknowledge,
  applyPulledPage,
  forgetPairing,
  getPairing,
  markPhotoUploaded,
  markResent,
  outboxBatch,
  outboxSummary,
  photosToUpload,
  resendBatch,
  resendPoint,
  savePairing,
  saveServerHistory,
  serverHistory,
  startResend,
  syncCursor,
  useOutboxSummary,
  usePairing,
  type OutboxSummary,
  type Pairing,
} from './syncState';
export { askPersistentStorage, storageReport, type StorageReport } from './storage';
export { getShopName, saveShopName, useShopName } from './shopSettings';
export {
  addStaff,
  checkStaffPin,
  listStaff,
  setStaffActive,
  useStaff,
  type NewStaff,
} from './staff';
export {
  applyEvents,
  ensureProjectionsCurrent,
  eventsOfJob,
  type ApplyResult,
} from './applyEvents';
export { deviceClock, deviceId, envelopePrefix } from './device';
export {
  BenchInputError,
  openJob,
  recordEvent,
  recordEvents,
  setStep,
  type EventDraft,
  type OpenJobInput,
  type StepInput,
} from './jobOperations';
export {
  byUrgency,
  getJob,
  jobCounts,
  jobsByEnvelope,
  jobsDueOn,
  jobsWithStatus,
  lateJobs,
  OPEN_STATUSES,
  searchJobs,
  type JobCounts,
} from './jobQueries';
export {
  useJob,
  useJobCounts,
  useJobSearch,
  useJobsByEnvelope,
  useJobsDueOn,
  useJobsWithStatus,
  useLateJobs,
} from './jobHooks';
export {
  askPersistenceOnce,
  jobPhotos,
  photoStorageSummary,
  recordPhoto,
  useJobPhotos,
  usePhotoRows,
  usePhotoStorageSummary,
  type PhotoStorageSummary,
  type RecordPhotoResult,
} from './photos';
export { useJobEvents } from './jobEventsHook';
