// The "ready for pick-up" message: the shop, the item and the envelope number, and nothing more
// about the customer than their name (no phone, values, weights or condition notes).
import type { JobState } from '../../domain/job';
import type { NoticeMessage } from './notifier';

/** An item described at length is cut in the subject line; the text has it whole. */
const SUBJECT_ITEM_CHARS = 60;

function shortened(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export function readyMessage(
  job: Pick<JobState, 'customer' | 'item' | 'envelopeNumber' | 'part'>,
  to: string,
  shopName: string | undefined,
): NoticeMessage {
  const shop = shopName?.trim() ? shopName.trim() : undefined;
  const item = job.item.description;
  const envelope = `envelope ${job.envelopeNumber}`;
  const part = job.part && job.part.of > 1 ? ` (piece ${job.part.index} of ${job.part.of})` : '';
  const subject =
    `Ready for pick-up${shop ? ` at ${shop}` : ''}: ` +
    `${shortened(item, SUBJECT_ITEM_CHARS)} (${envelope})`;
  const lines = [
    `Hello ${job.customer.name},`,
    '',
    `Your piece is ready for pick-up${shop ? ` at ${shop}` : ''}:`,
    '',
    `    ${item}${part}`,
    `    Envelope ${job.envelopeNumber}`,
    '',
    'Please bring your receipt, or give the envelope number at the counter.',
    ...(shop ? ['', shop] : []),
  ];
  return {
    to,
    subject,
    text: `${lines.join('\n')}\n`,
    ...(shop ? { fromName: shop } : {}),
  };
}
