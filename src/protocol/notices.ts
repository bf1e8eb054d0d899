// Telling customers their piece is ready, on the wire: what the shop server sent (or could not) and
// the shop's setting. One set of zod schemas for app and server (issue 14, part 7).
import { z } from 'zod';
import { ULID_PATTERN } from '../domain/ids';
import { text } from './text';

const ulid = z.string().regex(ULID_PATTERN, { error: 'Not a valid id (ULID).' });

export const NOTICE_CHANNELS = ['email', 'sms'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

/** What became of one notice: sent, failed (it is retried), or not sent (and why: no consent…). */
export const NOTICE_STATUSES = ['sent', 'failed', 'not_sent'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** The customer's address, as typed at intake; checked loosely, as a person can fix a typo later. */
export const customerEmailSchema = z
  .string()
  .trim()
  .max(254, { error: 'Keep it to 254 characters.' })
  .pipe(z.email({ error: 'Not an email address (like name@example.com).' }));

/**
 * One attempt's outcome (job stream), recorded by the shop server (actor "server"): the
 * status.changed to ready it was for (`triggerEventId`) and the attempt's number, so a retry is
 * seen as a retry and no notice is sent twice for one trigger.
 */
export const noticeRecordedSchema = z.object({
  channel: z.enum(NOTICE_CHANNELS),
  trigger: z.literal('ready'),
  triggerEventId: ulid,
  status: z.enum(NOTICE_STATUSES),
  attempt: z.number().int().min(1).max(100),
  /** The address or number it went to, as the server read it from the job. */
  to: text(254).optional(),
  /** Why it failed or was not sent, in words a person reads. */
  reason: text(500).optional(),
});

/** The shop's notice settings (shop stream), last writer wins: nothing is sent unless on. */
export const noticeSettingsSetSchema = z.object({
  readyEmail: z.boolean(),
  /** The shop's name as the customer knows it, in the email's subject and greeting. */
  shopName: text(80).optional(),
});

export const NOTICE_EVENT_SCHEMAS = {
  'notice.recorded': noticeRecordedSchema,
} as const;

export const SHOP_NOTICE_EVENT_SCHEMAS = {
  'notice.settings_set': noticeSettingsSetSchema,
} as const;

/** The actor the shop server records its own events with (it is nobody on the staff list). */
export const SERVER_ACTOR = 'server';
