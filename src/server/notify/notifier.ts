// The one small interface every way of telling a customer goes through: email today (smtp.ts), a
// text message later (sms.ts). The ready-notice worker knows nothing else of them.
import type { NoticeChannel } from '../../protocol/notices';

export interface NoticeMessage {
  /** An email address, or a phone number for a text message. */
  to: string;
  subject: string;
  /** Plain text: every mail program and every phone reads it. */
  text: string;
  /** The sender's display name (the shop's name), when the channel has one. */
  fromName?: string;
}

export type SendOutcome =
  | { status: 'sent' }
  | {
      status: 'failed';
      /** What went wrong, in words a person at the counter can read (the server's reply). */
      reason: string;
      /**
       * True when trying again cannot help (the mail server refused the address for good): the
       * worker then gives up at once instead of retrying.
       */
      permanent: boolean;
    };

export interface Notifier {
  readonly channel: NoticeChannel;
  /** Never throws: a failure is an outcome, with its reason. */
  send(message: NoticeMessage): Promise<SendOutcome>;
  /** Lets go of connections; called when the server stops. */
  close(): Promise<void>;
}
