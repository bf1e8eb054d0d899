// The shop server tells customers their piece is ready: a real Loupe server and a real SMTP server
// (smtp-server), both on 127.0.0.1 on free ports; nothing leaves this machine.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEVICE_ID_PATTERN } from '../../src/domain/ids';
import { foldJob } from '../../src/domain/projection';
import { SHOP_JOB_ID, type StoredEvent } from '../../src/protocol/events';
import { SERVER_ACTOR } from '../../src/protocol/notices';
import { readConfig, readSmtpConfig, type SmtpConfig } from '../../src/server/config';
import { NOT_SENT } from '../../src/server/notify/readyDecision';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/server';
import type { StoreConfig } from '../../src/server/store/openStore';
import { createSqliteFileAt } from '../../src/server/store/sqliteStore';
import { event, openedEvent, stampAt } from '../support/events';
import { freshData, runSql, type FreshData } from '../sync/support/storeData';
import { STORE_KINDS } from './startTestServer';
import { client, pairDevice, withShopStore } from './syncHelpers';

const NO_BUILD = '/nonexistent-loupe-build';
const SMTP_USER = 'loupe';
const SMTP_PASS = 'bench pin 4711';

interface Mail {
  from: string;
  to: string[];
  /** Header lines, unfolded. */
  headers: string[];
  /** The body, quoted-printable soft breaks and escapes undone. */
  body: string;
}

interface MailServer {
  port: number;
  mails: Mail[];
  /** How many DATA commands it answered 451 (try again later). */
  refused: number;
  close(): Promise<void>;
}

function decodeQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * A mail server on 127.0.0.1 that keeps what it receives. `refuseData` first messages are answered
 * "451 try again later" (a server busy or greylisting); `refuseRcpt` refuses the address for good.
 */
async function startMailServer(
  options: { refuseData?: number; refuseRcpt?: boolean } = {},
): Promise<MailServer> {
  const state: MailServer = { port: 0, mails: [], refused: 0, close: () => Promise.resolve() };
  let toRefuse = options.refuseData ?? 0;
  const smtp = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS) {
        callback(null, { user: SMTP_USER });
      } else {
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      }
    },
    onRcptTo(_address, _session, callback) {
      if (options.refuseRcpt) {
        callback(Object.assign(new Error('No such mailbox here'), { responseCode: 550 }));
      } else {
        callback();
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (toRefuse > 0) {
          toRefuse -= 1;
          state.refused += 1;
          callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          return;
        }
        const from = session.envelope.mailFrom;
        const raw = Buffer.concat(chunks).toString('utf8');
        const split = raw.indexOf('\r\n\r\n');
        state.mails.push({
          from: from ? from.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          headers: raw
            .slice(0, split)
            .replace(/\r\n[ \t]+/g, ' ')
            .split('\r\n'),
          body: decodeQuotedPrintable(raw.slice(split + 4)),
        });
        callback();
      });
    },
  });
  const listening = await new Promise<import('node:net').Server>((resolve, reject) => {
    smtp.once('error', reject);
    const s = smtp.listen(0, '127.0.0.1', () => {
      resolve(s);
    });
  });
  state.port = (listening.address() as AddressInfo).port;
  state.close = () =>
    new Promise<void>((resolve) => {
      smtp.close(() => {
        resolve();
      });
    });
  return state;
}

function smtpOf(mail: MailServer): SmtpConfig {
  return {
    host: '127.0.0.1',
    port: mail.port,
    security: 'none',
    auth: { user: SMTP_USER, pass: SMTP_PASS },
    from: 'atelier@example.com',
  };
}

/** The retries of these tests wait 20 ms, not minutes: the schedule is the same. */
const QUICK_RETRIES = [20, 20];

async function startShopServer(
  data: StoreConfig,
  smtp: SmtpConfig | null,
  options: ServerOptions = {},
): Promise<RunningServer> {
  return startServer(
    {
      port: 0,
      host: '127.0.0.1',
      ...data,
      staticDir: NO_BUILD,
      ...(smtp ? { smtp } : {}),
    },
    { noticeRetryDelaysMs: QUICK_RETRIES, ...options },
  );
}

/** Polls `probe` until it gives a value, for at most `ms`: no fixed sleep anywhere. */
async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

type Api = ReturnType<typeof client>;

async function pulled(api: Api): Promise<StoredEvent[]> {
  const { pages } = await api.pullAll(500);
  return pages.flatMap((p) => p.events).map(({ seq: _seq, ...e }) => e);
}

async function noticesOf(api: Api, jobId: string) {
  return (await pulled(api)).filter((e) => e.jobId === jobId && e.type === 'notice.recorded');
}

const settings = (readyEmail: boolean, at = stampAt(0)) =>
  event(SHOP_JOB_ID, 'notice.settings_set', { readyEmail, shopName: 'Atelier Rose' }, at);

interface JobEvents {
  jobId: string;
  opened: StoredEvent;
  ready: StoredEvent;
}

function readyJob(customer: Record<string, unknown>, envelope = 'K7M-0042'): JobEvents {
  const { jobId, opened } = openedEvent({
    envelope: { number: envelope, preprinted: false },
    customer: { name: 'Anna Lindqvist', phone: '+46 70 123 45 67', ...customer },
    item: {
      kind: 'ring',
      description: 'Yellow metal ring with one white stone',
      stones: [],
    },
  });
  const ready = event(jobId, 'status.changed', { status: 'ready' }, stampAt(30));
  return { jobId, opened, ready };
}

const consenting = { email: 'anna@example.com', notifyByEmail: true };

// On both stores: which notices are queued, claimed and settled is the store's, and so is
// sending each at most once.
describe.each(STORE_KINDS)('on %s', (kind) => {
  describe('ready notices', () => {
    let fresh: FreshData;
    /** The shop's data, kept across the restarts of a test: on PostgreSQL, one database. */
    let data: StoreConfig;
    let mail: MailServer;
    let server: RunningServer | null;
    let api: Api;

    async function start(smtp: SmtpConfig | null = smtpOf(mail), options: ServerOptions = {}) {
      server = await startShopServer(data, smtp, options);
      api = client(server.url, (await pairDevice({ url: server.url, ...data })).token);
      return server;
    }

    async function stop() {
      await server?.close();
      server = null;
    }

    async function restart(smtp: SmtpConfig | null = smtpOf(mail)) {
      await stop();
      return start(smtp);
    }

    /** Pushes, then waits for the worker the push woke to finish. */
    async function push(events: StoredEvent[]) {
      const answer = await api.pushOk(events);
      await server?.notices.whenIdle();
      return answer;
    }

    beforeEach(async () => {
      fresh = await freshData(kind, { prefix: 'loupe-notices-' });
      data = fresh.data;
      mail = await startMailServer();
      server = null;
    });

    afterEach(async () => {
      await server?.close();
      await mail.close();
      await fresh.remove();
    });

    it('emails a customer who agreed, once, and the job shows "sent"', async () => {
      await start();
      const job = readyJob(consenting);
      await push([settings(true), job.opened, job.ready]);

      expect(mail.mails).toHaveLength(1);
      const [sent] = mail.mails;
      expect(sent?.to).toEqual(['anna@example.com']);
      expect(sent?.from).toBe('atelier@example.com');
      expect(sent?.headers).toContain(
        'Subject: Ready for pick-up at Atelier Rose: Yellow metal ring with one white stone ' +
          '(envelope K7M-0042)',
      );
      expect(sent?.headers).toContain('From: Atelier Rose <atelier@example.com>');
      expect(sent?.headers).toContain('To: anna@example.com');
      expect(sent?.body).toContain('Hello Anna Lindqvist,');
      expect(sent?.body).toContain('ready for pick-up at Atelier Rose');
      expect(sent?.body).toContain('Yellow metal ring with one white stone');
      expect(sent?.body).toContain('Envelope K7M-0042');
      // Nothing about the customer beyond their name: no phone, no values.
      expect(sent?.body).not.toContain('+46');

      const notices = await noticesOf(api, job.jobId);
      expect(notices).toHaveLength(1);
      const [notice] = notices;
      expect(notice?.actor).toBe(SERVER_ACTOR);
      expect(notice?.device).toMatch(DEVICE_ID_PATTERN);
      expect(notice?.data).toEqual({
        channel: 'email',
        trigger: 'ready',
        triggerEventId: job.ready.id,
        status: 'sent',
        attempt: 1,
        to: 'anna@example.com',
      });
      // Stamped after the move it answers, so the history reads in that order.
      expect(notice && notice.at > job.ready.at).toBe(true);
      // A tablet folds it like any event.
      const folded = foldJob(
        await pulled(api).then((all) => all.filter((e) => e.jobId === job.jobId)),
      );
      expect(folded?.notices.map((n) => n.status)).toEqual(['sent']);
    });

    it('sends nothing again for the same events pushed again', async () => {
      await start();
      const job = readyJob(consenting);
      const batch = [settings(true), job.opened, job.ready];
      await push(batch);
      expect(mail.mails).toHaveLength(1);

      expect(await push(batch)).toMatchObject({ accepted: 0, duplicates: 3 });
      // A batch that overlaps: the ready move comes again with something new.
      await push([job.ready, event(job.jobId, 'note.added', { text: 'Boxed' }, stampAt(31))]);
      expect(mail.mails).toHaveLength(1);
      expect(await noticesOf(api, job.jobId)).toHaveLength(1);
    });

    it('sends nothing again after a restart over the same data', async () => {
      await start();
      const job = readyJob(consenting);
      await push([settings(true), job.opened, job.ready]);
      expect(mail.mails).toHaveLength(1);

      await (await restart()).notices.whenIdle();
      await (await restart()).notices.whenIdle();
      expect(mail.mails).toHaveLength(1);
      expect((await noticesOf(api, job.jobId)).map((n) => n.data.status)).toEqual(['sent']);
    });

    it('sends nothing again when a restored backup lost the notice but a tablet holds it', async () => {
      await start();
      const job = readyJob(consenting);
      await push([settings(true), job.opened, job.ready]);
      expect(mail.mails).toHaveLength(1);
      await stop();
      // The notices table and cursor as an older backup had them: the worker reads the log again,
      // and finds the "sent" notice the tablets sent back in the job's history.
      await runSql(data, 'DELETE FROM shop_notices');
      await runSql(data, 'UPDATE shops SET notice_cursor = 0');
      await (await start()).notices.whenIdle();
      expect(mail.mails).toHaveLength(1);
      expect(await noticesOf(api, job.jobId)).toHaveLength(1);
    });

    it('reads moves that reached the data while it was stopped', async () => {
      await start();
      await push([settings(true)]);
      await stop();
      // Stored by another process on the same data (as a restored backup or `npm run pair` could).
      const job = readyJob(consenting);
      await withShopStore(data, (store) =>
        store.appendEvents([job.opened, job.ready], Date.now(), 'side'),
      );
      await (await start()).notices.whenIdle();
      expect(mail.mails.map((m) => m.to)).toEqual([['anna@example.com']]);
    });

    it('records "not sent" and sends nothing when the customer did not agree', async () => {
      await start();
      const refused = readyJob({ email: 'bo@example.com', notifyByEmail: false }, 'K7M-0043');
      const noEmail = readyJob({}, 'K7M-0044');
      await push([settings(true), refused.opened, refused.ready, noEmail.opened, noEmail.ready]);

      expect(mail.mails).toEqual([]);
      expect((await noticesOf(api, refused.jobId)).map((n) => n.data)).toEqual([
        expect.objectContaining({
          status: 'not_sent',
          to: 'bo@example.com',
          reason: NOT_SENT.noConsent,
        }),
      ]);
      expect((await noticesOf(api, noEmail.jobId)).map((n) => n.data)).toEqual([
        expect.objectContaining({ status: 'not_sent', reason: NOT_SENT.noEmail }),
      ]);
    });

    it('records "not sent" when the shop turned the setting off', async () => {
      await start();
      const job = readyJob(consenting);
      // On first, then off: last writer wins.
      await push([settings(true, stampAt(0)), settings(false, stampAt(1)), job.opened, job.ready]);
      expect(mail.mails).toEqual([]);
      expect((await noticesOf(api, job.jobId)).map((n) => n.data)).toEqual([
        expect.objectContaining({ status: 'not_sent', reason: NOT_SENT.settingOff }),
      ]);
    });

    it('records nothing for a shop that never set its notices', async () => {
      await start();
      const job = readyJob(consenting);
      await push([job.opened, job.ready]);
      expect(mail.mails).toEqual([]);
      expect(await noticesOf(api, job.jobId)).toEqual([]);
    });

    it('records "not sent" with the reason when the server has no SMTP settings', async () => {
      await start(null);
      const job = readyJob(consenting);
      await push([settings(true), job.opened, job.ready]);
      expect((await noticesOf(api, job.jobId)).map((n) => n.data)).toEqual([
        expect.objectContaining({
          status: 'not_sent',
          to: 'anna@example.com',
          reason: NOT_SENT.noSmtp,
        }),
      ]);
    });

    it('retries a refused send and then sends it, one email in all', async () => {
      await mail.close();
      mail = await startMailServer({ refuseData: 1 });
      await start();
      const job = readyJob(consenting);
      await push([settings(true), job.opened, job.ready]);

      const notices = await until('the retry', async () => {
        const found = await noticesOf(api, job.jobId);
        return found.some((n) => n.data.status === 'sent') ? found : undefined;
      });
      expect(mail.refused).toBe(1);
      expect(mail.mails).toHaveLength(1);
      expect(notices.map((n) => [n.data.status, n.data.attempt])).toEqual([
        ['failed', 1],
        ['sent', 2],
      ]);
      expect(notices[0]?.data.reason).toMatch(
        /^The mail server refused it: 451 Try again later\. Will try again in /,
      );
      expect(notices[0]?.data.reason).toContain('Will try again');
      expect(notices[0]?.data.reason).toContain('(attempt 1 of 3)');
      // Nothing is left to do: no third attempt, no second email.
      await server?.notices.whenIdle();
      expect(mail.mails).toHaveLength(1);
    });

    it('gives up after the last attempt, and says so', async () => {
      await mail.close();
      mail = await startMailServer({ refuseData: 10 });
      await start();
      const job = readyJob(consenting);
      await push([settings(true), job.opened, job.ready]);
      const notices = await until('the last attempt', async () => {
        const found = await noticesOf(api, job.jobId);
        return found.length === 3 ? found : undefined;
      });
      expect(notices.map((n) => [n.data.status, n.data.attempt])).toEqual([
        ['failed', 1],
        ['failed', 2],
        ['failed', 3],
      ]);
      expect(notices[2]?.data.reason).toContain('Gave up after 3 attempts.');
      expect(mail.refused).toBe(3);
      await (await restart()).notices.whenIdle();
      expect(mail.refused).toBe(3);
    });

    it('does not retry an address the mail server refuses for good', async () => {
      await mail.close();
      mail = await startMailServer({ refuseRcpt: true });
      await start();
      const job = readyJob(consenting);
      await push([settings(true), job.opened, job.ready]);
      const notices = await noticesOf(api, job.jobId);
      expect(notices.map((n) => n.data.status)).toEqual(['failed']);
      expect(notices[0]?.data.reason).toContain('550');
      expect(notices[0]?.data.reason).toContain('Not tried again');
    });

    it('tells the customer again when the job is ready again after going back to the bench', async () => {
      await start();
      const job = readyJob(consenting);
      await push([settings(true), job.opened, job.ready]);
      const back = event(job.jobId, 'status.changed', { status: 'in_progress' }, stampAt(40));
      const readyAgain = event(job.jobId, 'status.changed', { status: 'ready' }, stampAt(50));
      await push([back, readyAgain]);
      expect(mail.mails).toHaveLength(2);
      expect((await noticesOf(api, job.jobId)).map((n) => n.data.triggerEventId)).toEqual([
        job.ready.id,
        readyAgain.id,
      ]);
    });

    it('tells the customer once when two tablets mark the job ready', async () => {
      await start();
      const job = readyJob(consenting);
      const alsoReady = event(job.jobId, 'status.changed', { status: 'ready' }, stampAt(31));
      await push([settings(true), job.opened, job.ready, alsoReady]);
      expect(mail.mails).toHaveLength(1);
      expect((await noticesOf(api, job.jobId)).map((n) => n.data.status)).toEqual([
        'sent',
        'not_sent',
      ]);
    });

    it('finds every ready move among other events, across many reads of the log and a restart', async () => {
      // Three seqs per read of the log: the moves sit at the start, middle and end of reads, among
      // notes, weights and photos that no longer even reach the worker, in pushes that hold none.
      const small = { noticeLogSpan: 3 };
      await start(smtpOf(mail), small);
      const jobs = ['ana', 'bo', 'cy', 'di', 'ed'].map((name, i) =>
        readyJob({ email: `${name}@example.com`, notifyByEmail: true }, `K7M-00${50 + i}`),
      );
      const [a, b, c, d, e] = jobs;
      if (!a || !b || !c || !d || !e) throw new Error('five jobs');
      const others = (job: JobEvents, count: number, from: number) =>
        Array.from({ length: count }, (_, k) =>
          k % 2 === 0
            ? event(job.jobId, 'note.added', { text: `Step ${from + k}` }, stampAt(from + k))
            : event(job.jobId, 'weight.logged', { kind: 'check', grams: 3 }, stampAt(from + k)),
        );
      await push([settings(true), ...jobs.map((j) => j.opened)]);
      await push(others(a, 7, 1));
      await push([...others(a, 2, 10), a.ready, ...others(b, 5, 12)]);
      await push([b.ready, c.ready, ...others(c, 4, 20)]);
      await push(others(d, 11, 30));
      await push([...others(d, 3, 45), d.ready]);
      expect(mail.mails.map((m) => m.to).sort()).toEqual(
        [['ana@example.com'], ['bo@example.com'], ['cy@example.com'], ['di@example.com']].sort(),
      );

      // Stopped and started again: the log read again from the stored cursor sends nothing twice,
      // and a move pushed while it was stopped, behind many other events, is still found.
      await stop();
      await withShopStore(data, (store) =>
        store.appendEvents([...others(e, 8, 60), e.ready], Date.now(), 'side'),
      );
      await (await start(smtpOf(mail), small)).notices.whenIdle();
      expect(mail.mails.map((m) => m.to).sort()).toEqual(
        [
          ['ana@example.com'],
          ['bo@example.com'],
          ['cy@example.com'],
          ['di@example.com'],
          ['ed@example.com'],
        ].sort(),
      );
      for (const job of jobs) {
        expect((await noticesOf(api, job.jobId)).map((n) => n.data.status)).toEqual(['sent']);
      }
    });

    it('does not send for a move that the job left before it was read', async () => {
      await start();
      const job = readyJob(consenting);
      const collected = event(job.jobId, 'status.changed', { status: 'collected' }, stampAt(40));
      await push([settings(true), job.opened, job.ready, collected]);
      expect(mail.mails).toEqual([]);
      expect((await noticesOf(api, job.jobId)).map((n) => n.data.reason)).toEqual([
        'The job was moved on (collected) before the notice went out.',
      ]);
    });

    it('never sends again a notice a restart cut off mid-send (at most once)', async () => {
      await start();
      await push([settings(true)]);
      await stop();
      // As a server that died between marking the notice "sending" and storing its outcome.
      const job = readyJob(consenting);
      await withShopStore(data, async (store) => {
        await store.appendEvents([job.opened, job.ready], Date.now(), 'side');
        const { cursor } = await store.readEvents(0, 1000);
        await store.queueNotices([{ triggerEventId: job.ready.id, jobId: job.jobId }], cursor, 1);
        expect(await store.claimNotice(job.ready.id, 2)).toBe(1);
      });
      await (await start()).notices.whenIdle();
      expect(mail.mails).toEqual([]);
      const notices = await noticesOf(api, job.jobId);
      expect(notices.map((n) => [n.data.status, n.data.attempt])).toEqual([['failed', 1]]);
      expect(notices[0]?.data.reason).toContain('may or may not have gone out');
    });

    // A SQLite file of an older schema: PostgreSQL's schema began after notices did.
    if (kind === 'sqlite') {
      it('does not announce moves made before the server knew of notices', async () => {
        // A version 4 file with a job already ready: upgrading starts the worker at the log's end.
        const job = readyJob(consenting);
        const v4 = createSqliteFileAt(data.dataDir, 4);
        const insert = v4.prepare(
          `INSERT INTO events (id, job_id, type, at, actor, device, data, received_at, received_from)
           VALUES (?, ?, ?, ?, ?, ?, ?, 1, 'old')`,
        );
        for (const e of [settings(true), job.opened, job.ready]) {
          insert.run(e.id, e.jobId, e.type, e.at, e.actor, e.device, JSON.stringify(e.data));
        }
        v4.close();
        await (await start()).notices.whenIdle();
        expect(mail.mails).toEqual([]);
        expect(await noticesOf(api, job.jobId)).toEqual([]);
      });
    }
  });
});

describe('SMTP settings', () => {
  const base = { SMTP_HOST: 'smtp.example.com', SMTP_FROM: 'Atelier Rose <atelier@example.com>' };

  it('is off with no SMTP_ variable, and takes a full set', () => {
    expect(readConfig({}).smtp).toBeUndefined();
    expect(
      readSmtpConfig({ ...base, SMTP_USER: 'atelier@example.com', SMTP_PASS: 'app password' }),
    ).toEqual({
      host: 'smtp.example.com',
      port: 587,
      security: 'starttls',
      auth: { user: 'atelier@example.com', pass: 'app password' },
      from: 'Atelier Rose <atelier@example.com>',
    });
    expect(readSmtpConfig({ ...base, SMTP_PORT: '465' })).toMatchObject({
      port: 465,
      security: 'tls',
    });
    expect(readSmtpConfig({ ...base, SMTP_SECURE: 'true' })).toMatchObject({
      port: 465,
      security: 'tls',
    });
  });

  it.each([
    [{ SMTP_USER: 'a', SMTP_PASS: 'b' }, 'SMTP_USER, SMTP_PASS are set but SMTP_HOST is not'],
    [{ SMTP_HOST: 'smtp.example.com' }, 'SMTP_HOST is set but SMTP_FROM is not'],
    [{ ...base, SMTP_USER: 'a' }, 'needs both SMTP_USER and SMTP_PASS; only SMTP_USER is set'],
    [{ ...base, SMTP_PASS: 'b' }, 'needs both SMTP_USER and SMTP_PASS; only SMTP_PASS is set'],
    [{ ...base, SMTP_PORT: '99999' }, 'SMTP_PORT must be a whole number from 1 to 65535'],
    [{ ...base, SMTP_SECURE: 'maybe' }, 'SMTP_SECURE must be tls'],
    [{ ...base, SMTP_FROM: 'atelier' }, 'SMTP_FROM must be an email address'],
    [
      { ...base, SMTP_SECURE: 'none', SMTP_USER: 'a', SMTP_PASS: 'b' },
      'would send the mail server password to smtp.example.com in clear',
    ],
  ])('refuses a half-set configuration: %o', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });
});
