// A text message to the customer's phone, behind the same Notifier as email. Not wired in yet: no
// SMS provider is configured in this version, and the tests never call one. The README ("Telling
// customers their piece is ready") sketches a gateway for a common provider's HTTP API.
import type { NoticeMessage, Notifier, SendOutcome } from './notifier';

/**
 * What a provider's client does: send `text` to `to` (a phone number in international form,
 * +46701234567). Resolves when the provider accepted it; rejects with the provider's reason.
 */
export interface SmsGateway {
  sendText(to: string, text: string): Promise<void>;
  /** Whether the provider's answer means trying again cannot help (a number it will not serve). */
  isPermanent?(err: unknown): boolean;
}

/** Text messages are short: the subject alone says it, the email's text is too long for one. */
const SMS_MAX_CHARS = 320;

export function createSmsNotifier(gateway: SmsGateway): Notifier {
  return {
    channel: 'sms',
    async send(message: NoticeMessage): Promise<SendOutcome> {
      const text = message.subject.slice(0, SMS_MAX_CHARS);
      try {
        await gateway.sendText(message.to, text);
        return { status: 'sent' };
      } catch (err) {
        return {
          status: 'failed',
          reason: `The SMS provider refused it: ${err instanceof Error ? err.message : String(err)}`,
          permanent: gateway.isPermanent?.(err) ?? false,
        };
      }
    },
    close: () => Promise.resolve(),
  };
}
