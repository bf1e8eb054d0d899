// Warranty on the wire: the shop's warranty days per service, and a warranty redo claimed on the job
// it redoes. One set of zod schemas for app and server (issue 14, parts 5 and 6).
import { z } from 'zod';
import { SERVICE_KINDS } from '../domain/checklists';
import { ULID_PATTERN } from '../domain/ids';
import { requiredText } from './text';

const ulid = z.string().regex(ULID_PATTERN, { error: 'Not a valid id (ULID).' });

/** The shop's warranty for one kind of service (shop stream), last writer wins per kind. */
export const warrantySetSchema = z.object({
  serviceKind: z.enum(SERVICE_KINDS),
  days: z
    .number({ error: 'Enter the warranty in days.' })
    .int({ error: 'Use whole days.' })
    .min(0, { error: 'A warranty cannot be negative.' })
    .max(3650, { error: 'A warranty over ten years is surely a typo.' }),
});

/**
 * A warranty redo opened for this job (job stream of the original, which may be collected: the claim
 * is a fact about the piece, not a move). The redo job itself names this one in its job.opened.
 */
export const warrantyClaimedSchema = z.object({
  redoJobId: ulid,
  redoEnvelope: requiredText(32, 'envelope number'),
  serviceIds: z.array(ulid).min(1, { error: 'Choose the services the warranty covers.' }).max(20),
  reason: requiredText(500, 'what came back wrong'),
});

/** In a redo's job.opened: the job whose warranty it is done under. */
export const redoOfSchema = z.object({
  jobId: ulid,
  envelopeNumber: requiredText(32, 'envelope number'),
  serviceIds: z.array(ulid).min(1).max(20),
});

export const PICKUP_EVENT_SCHEMAS = {
  'warranty.claimed': warrantyClaimedSchema,
} as const;

export const SHOP_PICKUP_EVENT_SCHEMAS = {
  'warranty.set': warrantySetSchema,
} as const;
