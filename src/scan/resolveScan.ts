// Where a scan leads: a job, a flask's tree, a choice of jobs, an offer of a new job, whose badge it
// is, or a kind "no".
import { byUrgency, getJob, getShop, jobsByEnvelope, treeInFlask, type LoupeDB } from '../db';
import type { JobState } from '../domain/job';
import { whoseBadge, type BadgeHolder } from './badgeLink';
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
  /** A badge (a person, a place, a trade shop): it opens nothing by itself, it names a receiver. */
  | { kind: 'badge'; holder: BadgeHolder }
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

/** Custody → Hand on: where a piece is handed on by scanning its envelope and a badge. */
export const HAND_ON_PATH = '/custody?tab=hand-on';

/** A job's page with a trade shop's send form open (the trade panel reads `?send=<tradeShopId>`). */
export function sendToTradePath(jobId: string, tradeShopId: string): string {
  return `${jobPath(jobId)}?send=${encodeURIComponent(tradeShopId)}`;
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
    case 'badge':
      return {
        kind: 'badge',
        holder: whoseBadge(await getShop(db), { kind: scan.badge, id: scan.id }),
      };
    case 'foreign':
      return { kind: 'foreign', text: scan.text };
  }
}

/** What a scan names when a piece is being handed on or counted: jobs, a badge, or a "no" in words. */
export type PieceScan =
  /** The jobs on the envelope (several: a mix-up or a job in parts, the person picks). */
  | { kind: 'jobs'; jobs: JobState[] }
  | { kind: 'badge'; holder: BadgeHolder }
  | { kind: 'refused'; message: string };

/** Longest stretch of a foreign code repeated in a message. */
const QUOTED_CHARS = 40;

/**
 * Reads a scan for Hand on and the safe count: the jobs an envelope or a job label names (a voided
 * one only when nothing else answers), whose badge it is, or why it names neither. Nothing is
 * recorded here: the screen decides what the jobs or the badge mean.
 */
export async function readPieceScan(db: LoupeDB, scan: ScanPayload): Promise<PieceScan> {
  switch (scan.kind) {
    case 'jobLink': {
      const job = await getJob(db, scan.jobId);
      if (job) return { kind: 'jobs', jobs: [job] };
      return {
        kind: 'refused',
        message:
          'That envelope’s job is not on this tablet yet: it appears once the tablet has synced. Nothing was recorded.',
      };
    }
    case 'envelope': {
      const found = await jobsByEnvelope(db, scan.key);
      const live = found.filter((j) => j.voided === null);
      const jobs = (live.length > 0 ? live : found).sort(byUrgency);
      if (jobs.length > 0) return { kind: 'jobs', jobs };
      const sync = scan.tabletShaped
        ? ' If another tablet opened it, it appears once both have synced.'
        : '';
      return {
        kind: 'refused',
        message: `No job on envelope ${scan.number} on this tablet.${sync} Nothing was recorded.`,
      };
    }
    case 'badge':
      return {
        kind: 'badge',
        holder: whoseBadge(await getShop(db), { kind: scan.badge, id: scan.id }),
      };
    case 'flask':
      return {
        kind: 'refused',
        message: `That is flask ${scan.flaskId}’s tag, not an envelope. Nothing was recorded.`,
      };
    case 'foreign': {
      if (scan.text === '') {
        return { kind: 'refused', message: 'Scan an envelope, or type its number, first.' };
      }
      const quoted =
        scan.text.length > QUOTED_CHARS ? `${scan.text.slice(0, QUOTED_CHARS)}…` : scan.text;
      return {
        kind: 'refused',
        message: `“${quoted}” is not a Loupe envelope or badge. Nothing was recorded.`,
      };
    }
  }
}
