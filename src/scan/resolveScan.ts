// Where a scan leads: a job, a flask's tree, a choice of jobs, an offer of a new job, or a kind "no".
import { byUrgency, getJob, jobsByEnvelope, treeInFlask, type LoupeDB } from '../db';
import type { JobState } from '../domain/job';
import type { ScanPayload } from './payload';

export type ScanOutcome =
  /** Go there now. */
  | { kind: 'open'; to: string }
  /** Several jobs answer to this envelope (a mix-up, or a job in parts): the person picks. */
  | { kind: 'choose'; number: string; jobs: JobState[] }
  /**
   * No job here has this envelope. `newJobHref` offers to open one on it when it may be a
   * pre-printed envelope; `tabletShaped` says it may also be another tablet's number, not synced yet.
   */
  | { kind: 'unknownEnvelope'; number: string; tabletShaped: boolean; newJobHref: string | null }
  | { kind: 'foreign'; text: string };

export function jobPath(jobId: string): string {
  return `/jobs/${encodeURIComponent(jobId)}`;
}

/** The deep link screen: says kindly that the job is not on this tablet, and opens it once it is. */
export function jobLinkPath(jobId: string, labelHost?: string): string {
  const from = labelHost === undefined ? '' : `?from=${encodeURIComponent(labelHost)}`;
  return `/j/${encodeURIComponent(jobId)}${from}`;
}

/** A casting tree's page. */
export function treePath(treeId: string): string {
  return `/casting/trees/${encodeURIComponent(treeId)}`;
}

/** The flask link screen: says kindly that no tree here is in that flask, and opens it once one is. */
export function flaskLinkPath(flaskId: string, tagHost?: string): string {
  const from = tagHost === undefined ? '' : `?from=${encodeURIComponent(tagHost)}`;
  return `/f/${encodeURIComponent(flaskId)}${from}`;
}

/** The intake screen, told which pre-printed envelope the new job goes in (`?envelope=`). */
export function newJobOnEnvelopePath(code: string): string {
  return `/intake?envelope=${encodeURIComponent(code)}`;
}

export async function resolveScan(db: LoupeDB, scan: ScanPayload): Promise<ScanOutcome> {
  switch (scan.kind) {
    case 'jobLink': {
      const job = await getJob(db, scan.jobId);
      if (job) return { kind: 'open', to: jobPath(job.id) };
      // A label printed through another address of the server (or another shop's server): say so.
      return {
        kind: 'open',
        to: jobLinkPath(scan.jobId, scan.sameOrigin ? undefined : scan.host),
      };
    }
    case 'flask': {
      // The tree in that flask now; a flask is reused, so an older weighed-out tree answers only
      // when no newer one is in it (treeInFlask).
      const tree = await treeInFlask(db, scan.flaskId);
      if (tree) return { kind: 'open', to: treePath(tree.id) };
      return {
        kind: 'open',
        to: flaskLinkPath(scan.flaskId, scan.sameOrigin ? undefined : scan.host),
      };
    }
    case 'envelope': {
      const found = await jobsByEnvelope(db, scan.key);
      // A job voided as opened by mistake still answers to its envelope, but only when nothing
      // else does: the envelope was reused for the real job.
      const live = found.filter((j) => j.voided === null);
      const jobs = (live.length > 0 ? live : found).sort(byUrgency);
      const only = jobs[0];
      if (only !== undefined && jobs.length === 1) return { kind: 'open', to: jobPath(only.id) };
      if (jobs.length > 1) return { kind: 'choose', number: scan.number, jobs };
      return {
        kind: 'unknownEnvelope',
        number: scan.number,
        tabletShaped: scan.tabletShaped,
        newJobHref: scan.preprintedCode === null ? null : newJobOnEnvelopePath(scan.preprintedCode),
      };
    }
    case 'foreign':
      return { kind: 'foreign', text: scan.text };
  }
}
