// Email through the shop's mail server (SMTP_* in config.ts), with nodemailer: one connection per
// message, as a shop sends a handful a day and a held-open connection would only time out.
import { createTransport } from 'nodemailer';
import type { SmtpConfig } from '../config';
import type { NoticeMessage, Notifier, SendOutcome } from './notifier';

/** Bounds on each wait, so that a mail server that stops answering cannot hold the worker. */
const CONNECTION_TIMEOUT_MS = 15_000;
const GREETING_TIMEOUT_MS = 15_000;
const SOCKET_TIMEOUT_MS = 60_000;

interface SmtpError {
  message?: unknown;
  code?: unknown;
  response?: unknown;
  responseCode?: unknown;
  permanent?: unknown;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** What the mail server said, or why it could not be reached, in one line a person reads. */
export function describeSmtpError(err: unknown, where: string): SendOutcome {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SmtpError;
  const response = typeof e.response === 'string' ? oneLine(e.response) : '';
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? oneLine(e.message) : String(err);
  // nodemailer sets `permanent` from the reply class: 5xx (but 503) is refused for good.
  const permanent = e.permanent === true;
  if (response !== '') {
    return { status: 'failed', reason: `The mail server refused it: ${response}`, permanent };
  }
  if (code === 'EAUTH') {
    return {
      status: 'failed',
      reason: `The mail server did not accept the login (SMTP_USER/SMTP_PASS): ${message}`,
      permanent,
    };
  }
  const reach = ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS'].includes(code);
  return {
    status: 'failed',
    reason: reach ? `Could not reach the mail server at ${where}: ${message}` : message,
    permanent,
  };
}

export function createSmtpNotifier(config: SmtpConfig): Notifier {
  const transport = createTransport({
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    // starttls: never send the login or the message before the upgrade.
    requireTLS: config.security === 'starttls',
    ignoreTLS: config.security === 'none',
    ...(config.auth ? { auth: { user: config.auth.user, pass: config.auth.pass } } : {}),
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
  const where = `${config.host}:${config.port}`;
  // SMTP_FROM with a name of its own keeps it; a bare address gets the shop's name.
  const namedFrom = config.from.includes('<');

  return {
    channel: 'email',
    async send(message: NoticeMessage): Promise<SendOutcome> {
      const from =
        namedFrom || message.fromName === undefined
          ? config.from
          : { name: message.fromName, address: config.from };
      try {
        const info = await transport.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
        });
        if (info.rejected.length > 0) {
          return {
            status: 'failed',
            reason: `The mail server refused the address ${message.to}.`,
            permanent: true,
          };
        }
        return { status: 'sent' };
      } catch (err) {
        return describeSmtpError(err, where);
      }
    },
    close() {
      transport.close();
      return Promise.resolve();
    },
  };
}
