// Reads the server's settings from the environment, with the defaults a single shop box needs.
import { resolve } from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  /** Photos on disk, and the SQLite file when there is no databaseUrl. */
  dataDir: string;
  staticDir: string;
  /** DATABASE_URL (postgres://…): the chain's shared PostgreSQL instead of the SQLite file. */
  databaseUrl?: string;
  /** Certificate and key files (PEM): the server then speaks HTTPS, which tablets need. */
  tls?: { cert: string; key: string };
  /** The address tablets use, when it is not http(s)://HOST:PORT (a name, a proxy, another port). */
  publicUrl?: string;
  /** The mail server the "ready for pick-up" emails go through; none: no email is sent. */
  smtp?: SmtpConfig;
}

/**
 * How the connection to the mail server is protected: `tls` from the first byte (port 465),
 * `starttls` upgraded before anything is sent and refused if the server cannot (port 587), or
 * `none` for a relay on this machine only.
 */
export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

export interface SmtpConfig {
  host: string;
  port: number;
  security: SmtpSecurity;
  /** Both or neither: a relay that trusts this machine needs no login. */
  auth?: { user: string; pass: string };
  /** The sender, as SMTP_FROM gives it: `mail@shop.example` or `Atelier Rose <mail@shop.example>`. */
  from: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${env.PORT ?? ''}".`);
  }
  const config: ServerConfig = {
    port,
    // Loopback by default; a shop opens it to its LAN with HOST=0.0.0.0 (see README, HTTPS).
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    staticDir: resolve(env.STATIC_DIR ?? 'dist'),
  };

  const cert = env.TLS_CERT?.trim() ?? '';
  const key = env.TLS_KEY?.trim() ?? '';
  if ((cert === '') !== (key === '')) {
    throw new Error(
      `HTTPS needs both TLS_CERT and TLS_KEY (the certificate and its private key); only ` +
        `${cert ? 'TLS_CERT' : 'TLS_KEY'} is set.`,
    );
  }
  if (cert && key) config.tls = { cert: resolve(cert), key: resolve(key) };

  const publicUrl = env.PUBLIC_URL?.trim() ?? '';
  if (publicUrl) {
    let url: URL | null = null;
    try {
      url = new URL(publicUrl);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw new Error(
        `PUBLIC_URL must be the address tablets open, like https://loupe.local:8080; got "${publicUrl}".`,
      );
    }
    config.publicUrl = publicUrl.replace(/\/+$/, '');
  }

  const databaseUrl = env.DATABASE_URL?.trim() ?? '';
  if (databaseUrl) {
    if (!/^postgres(ql)?:\/\//i.test(databaseUrl)) {
      throw new Error(
        `DATABASE_URL must be a PostgreSQL address, like postgres://loupe:secret@db.example:5432/loupe; ` +
          `got "${redactUrl(databaseUrl)}". Unset it to keep the data in SQLite under DATA_DIR.`,
      );
    }
    config.databaseUrl = databaseUrl;
  }

  const smtp = readSmtpConfig(env);
  if (smtp) config.smtp = smtp;
  return config;
}

const SMTP_VARIABLES = [
  'SMTP_HOST',
  'SMTP_PORT',
  'SMTP_USER',
  'SMTP_PASS',
  'SMTP_FROM',
  'SMTP_SECURE',
] as const;

/** An address alone, or `Name <address>`: loosely, as mail servers take many shapes. */
const FROM_PATTERN =
  /^(?:[^<>\r\n]*<\s*[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+\s*>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/;

function smtpSecurity(value: string, port: number | null): SmtpSecurity {
  const v = value.toLowerCase();
  if (v === '') return port === 465 ? 'tls' : 'starttls';
  // true/false as other tools spell it: nodemailer's `secure` means TLS from the first byte.
  if (v === 'true' || v === 'tls' || v === 'ssl') return 'tls';
  if (v === 'false' || v === 'starttls') return 'starttls';
  if (v === 'none') return 'none';
  throw new Error(
    `SMTP_SECURE must be tls (port 465), starttls (port 587, the default) or none (a relay on ` +
      `this machine only); got "${value}".`,
  );
}

/**
 * The mail server settings, or undefined when none is set (the server then sends no email and
 * says so on each job). A half-set configuration stops the server with what is missing, rather
 * than failing at the first customer's email.
 */
export function readSmtpConfig(env: NodeJS.ProcessEnv): SmtpConfig | undefined {
  const value = (name: (typeof SMTP_VARIABLES)[number]) => env[name]?.trim() ?? '';
  const set = SMTP_VARIABLES.filter((name) => value(name) !== '');
  if (set.length === 0) return undefined;
  const host = value('SMTP_HOST');
  if (host === '') {
    throw new Error(
      `${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set but SMTP_HOST is not: set the ` +
        `mail server's name (SMTP_HOST=smtp.example.com), or unset the SMTP_ variables to send no email.`,
    );
  }
  const from = value('SMTP_FROM');
  if (from === '') {
    throw new Error(
      'SMTP_HOST is set but SMTP_FROM is not: set the address the emails come from, like ' +
        'SMTP_FROM="Atelier Rose <atelier@example.com>".',
    );
  }
  if (!FROM_PATTERN.test(from)) {
    throw new Error(
      `SMTP_FROM must be an email address, or a name and an address like ` +
        `"Atelier Rose <atelier@example.com>"; got "${from}".`,
    );
  }
  const portText = value('SMTP_PORT');
  const port = portText === '' ? null : Number(portText);
  if (port !== null && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    throw new Error(`SMTP_PORT must be a whole number from 1 to 65535, got "${portText}".`);
  }
  const security = smtpSecurity(value('SMTP_SECURE'), port);
  const user = value('SMTP_USER');
  // The password is taken as given: spaces may be part of it.
  const pass = env.SMTP_PASS ?? '';
  if ((user === '') !== (pass === '')) {
    throw new Error(
      `The mail server login needs both SMTP_USER and SMTP_PASS; only ` +
        `${user ? 'SMTP_USER' : 'SMTP_PASS'} is set.`,
    );
  }
  if (security === 'none' && user !== '' && !isLoopbackHost(host)) {
    throw new Error(
      `SMTP_SECURE=none would send the mail server password to ${host} in clear: use tls or ` +
        'starttls, or none only for a relay on this machine (SMTP_HOST=127.0.0.1).',
    );
  }
  return {
    host,
    port: port ?? { tls: 465, starttls: 587, none: 25 }[security],
    security,
    ...(user !== '' ? { auth: { user, pass } } : {}),
    from,
  };
}

/** Addresses only this machine can reach: plain HTTP on them never leaves it. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(h) ||
    /^::ffff:127(\.\d{1,3}){3}$/.test(h)
  );
}

/**
 * The warning for a server open to the network without HTTPS, as lines for stderr; null when it
 * listens on this machine only or speaks HTTPS. Said loudly: it starts and works, but every
 * bearer token and every customer's name, phone and piece crosses the shop Wi-Fi in clear.
 */
export function plainHttpWarning(config: Pick<ServerConfig, 'host' | 'tls'>): string[] | null {
  if (config.tls || isLoopbackHost(config.host)) return null;
  const rule = '!'.repeat(78);
  return [
    rule,
    `!! WARNING: Loupe is listening on ${config.host} WITHOUT HTTPS.`,
    "!! Anyone on the shop network (the Wi-Fi too) can read what tablets send: the tablets'",
    "!! tokens, and your customers' names, phone numbers, pieces, photos and signatures.",
    '!! With a token they can also pose as a tablet. Tablets will not run the camera or',
    '!! work offline over plain HTTP either.',
    '!! Fix: start it with a certificate, TLS_CERT=loupe.crt TLS_KEY=loupe.key (README,',
    '!! "Opening it on a tablet"), or keep HOST=127.0.0.1 to use it on this machine only.',
    rule,
  ];
}

/** A database address fit for a log line: its password replaced by ***. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}
