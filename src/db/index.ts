// The doorway to IndexedDB: screens and stores import from here, never from dexie.
export { db } from './db';
export {
  DATABASE_NAME,
  LoupeDB,
  type JobRow,
  type MetaRow,
  type OutboxRow,
  type PhotoRow,
  type SetAsideRow,
  type ShopRow,
  type TreeRow,
  type UnreadableRow,
} from './LoupeDB';
export {
  getPhotoRow,
  putPhoto,
  storeFetchedPhoto,
  storeFetchedThumbnail,
  usePhoto,
} from './photos';
export {
  applyPulledPage,
  clockCheck,
  eventBytes,
  forgetPairing,
  getPairing,
  lastServerVersion,
  markPhotoUploaded,
  markResent,
  markSent,
  outboxBatch,
  outboxSummary,
  photosToUpload,
  requeueUnseen,
  resendBatch,
  resendPoint,
  saveClockCheck,
  savePairing,
  saveServerHistory,
  saveServerVersion,
  serverHistory,
  startResend,
  syncCursor,
  syncPosition,
  uploadPhotosAgain,
  useClockCheck,
  useOutboxSummary,
  usePairing,
  type ClockCheck,
  type OutboxSummary,
  type Pairing,
  type PulledPage,
} from './syncState';
export {
  releaseSetAside,
  setAsideEvents,
  setAsideSummary,
  useSetAsideSummary,
  type Refusal,
  type SetAsideSummary,
} from './setAside';
export { restampEvents } from './restamp';
export { askPersistentStorage, storageReport, type StorageReport } from './storage';
export { getShopName, saveShopName, useShopName } from './shopSettings';
export {
  addStaff,
  checkStaffPin,
  getShop,
  listStaff,
  setStaffActive,
  useShop,
  useStaff,
  type NewStaff,
} from './staff';
export { eventsOfStream, storingTables, type ProjectedStream } from './streams';
export {
  applyEvents,
  ensureProjectionsCurrent,
  eventsOfJob,
  type ApplyResult,
} from './applyEvents';
export {
  deviceClock,
  deviceId,
  envelopePrefix,
  saveEnvelopePrefix,
  shopEnvelopePrefix,
} from './device';
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
  collectJob,
  moveJobStatus,
  recordQc,
  voidJob,
  type BenchMove,
  type CollectInput,
  type MoveInput,
  type QcInput,
  type VoidInput,
} from './workflowOperations';
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
export {
  addBurnoutProgram,
  addJobToTree,
  addTreeNote,
  burnoutPrograms,
  changeBurnout,
  investTree,
  issueMetal,
  openTreeOfJob,
  pauseBurnout,
  recordCast,
  removeJobFromTree,
  resumeBurnout,
  retireBurnoutProgram,
  setLossThreshold,
  setTreeStep,
  startBurnout,
  startTree,
  weighOut,
  weighTree,
  type InvestInput,
} from './castingOperations';
export {
  treeInFlask,
  treesInStages,
  treesOfJob,
  treesStartedSince,
  useTree,
  useTreeInFlask,
  useTreesInStages,
  useTreesOfJob,
  useTreesStartedSince,
} from './castingQueries';
