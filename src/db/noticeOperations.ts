// Named operations of customer notices: the shop's setting, and a customer's email and consent on
// a job. The shop server reads both when a job becomes ready (src/server/notify/readyNotices.ts).
import { customerEmailSchema } from '../protocol/notices';
import { SHOP_JOB_ID, type LoupeEvent } from '../protocol/events';
import { BenchInputError, recordEvents } from './jobOperations';
import type { LoupeDB } from './LoupeDB';
import { storingTables } from './streams';

/** The most the shop's name in an email may be (protocol/notices.ts). */
export const NOTICE_SHOP_NAME_MAX = 80;

export interface NoticeSettingsInput {
  readyEmail: boolean;
  /** The shop's name as customers know it: the email's subject and signature. */
  shopName: string;
}

/**
 * Turns the "ready for pick-up" email on or off, with the shop's name it goes out under. Last writer
 * wins: two tablets changing it offline end with the later change, on every tablet and the server.
 */
export async function setNoticeSettings(
  db: LoupeDB,
  input: NoticeSettingsInput,
  actor: string,
): Promise<LoupeEvent[]> {
  const shopName = input.shopName.trim().replace(/\s+/g, ' ');
  if (input.readyEmail && shopName === '') {
    throw new BenchInputError(
      "Enter the shop's name as customers know it: the email names the shop it comes from.",
    );
  }
  if (shopName.length > NOTICE_SHOP_NAME_MAX) {
    throw new BenchInputError(
      `Keep the shop's name to ${NOTICE_SHOP_NAME_MAX} characters (it has ${shopName.length}).`,
    );
  }
  return recordEvents(
    db,
    [
      {
        jobId: SHOP_JOB_ID,
        type: 'notice.settings_set',
        data: { readyEmail: input.readyEmail, ...(shopName === '' ? {} : { shopName }) },
      },
    ],
    actor,
  );
}

export interface CustomerEmailInput {
  jobId: string;
  /** Blank removes the address (and with it the consent). */
  email: string;
  notifyByEmail: boolean;
}

/**
 * Changes a customer's email and consent on a job. The customer is one field, last writer wins:
 * the whole customer is recorded, as read in the same transaction, so a name or phone another
 * tablet changed before is kept. Two tablets changing the customer offline end with the later
 * change whole. Nothing is recorded when nothing changed.
 */
export function setCustomerEmail(
  db: LoupeDB,
  input: CustomerEmailInput,
  actor: string,
): Promise<LoupeEvent[]> {
  return db.transaction('rw', [db.meta, ...storingTables(db)], async () => {
    const job = await db.jobs.get(input.jobId);
    if (!job) throw new BenchInputError(`This tablet has no job ${input.jobId}.`);
    if (job.voided) {
      throw new BenchInputError('This job was voided: nothing more is recorded on it.');
    }
    const typed = input.email.trim();
    let email: string | undefined;
    if (typed !== '') {
      const checked = customerEmailSchema.safeParse(typed);
      if (!checked.success) {
        throw new BenchInputError(
          `Customer's email: ${checked.error.issues[0]?.message ?? 'not an email address.'}`,
        );
      }
      email = checked.data;
    }
    if (input.notifyByEmail && email === undefined) {
      throw new BenchInputError(
        "Add the customer's email first: the consent is to be emailed at that address.",
      );
    }
    const { email: _email, notifyByEmail: _consent, ...rest } = job.customer;
    const customer = {
      ...rest,
      ...(email === undefined ? {} : { email, notifyByEmail: input.notifyByEmail }),
    };
    const same =
      customer.email === job.customer.email &&
      (customer.notifyByEmail ?? false) === (job.customer.notifyByEmail ?? false);
    if (same) return [];
    return recordEvents(
      db,
      [{ jobId: job.id, type: 'job.updated', data: { changes: { customer } } }],
      actor,
    );
  });
}
