// Telling the customer: their email and consent, and every attempt the shop server made to tell
// them the piece is ready (sent, failed and retried, not sent and why), newest first.
import { ErrorLine } from '../../../components/ErrorLine';
import { useId, useState, type SyntheticEvent } from 'react';
import { db, useShop } from '../../../db';
import { setCustomerEmail } from '../../../db/noticeOperations';
import type { JobState, NoticeEntry } from '../../../domain/job';
import type { StaffMember } from '../../../domain/staff';
import { compareEvents } from '../../../domain/projection';
import { whenText } from './format';
import { useSubmit } from './useSubmit';
import './notices.css';

interface NoticesPanelProps {
  job: JobState;
  actor: StaffMember | null;
  /** Unused: the shop server writes every notice; kept so the panel takes what the others take. */
  nameOf: (staffId: string) => string;
}

const STATUS_WORDS: Record<NoticeEntry['status'], string> = {
  sent: 'Sent',
  failed: 'Failed',
  not_sent: 'Not sent',
};

/** Newest first; each failed attempt knows whether a later one for the same move followed it. */
export function noticeLines(notices: readonly NoticeEntry[]) {
  const newestFirst = [...notices].sort(
    (a, b) => -compareEvents({ at: a.at, id: a.eventId }, { at: b.at, id: b.eventId }),
  );
  return newestFirst.map((n, i) => ({
    notice: n,
    retried:
      n.status === 'failed' &&
      newestFirst.slice(0, i).some((later) => later.triggerEventId === n.triggerEventId),
  }));
}

function detail(n: NoticeEntry, retried: boolean): string {
  switch (n.status) {
    case 'sent':
      return `to ${n.to ?? 'the customer'}, attempt ${n.attempt}.`;
    case 'not_sent':
      return n.reason ?? '';
    case 'failed':
      // The server's reason says what comes next ("Will try again in 1 min", "Gave up after…").
      return `attempt ${n.attempt}${n.to ? `, to ${n.to}` : ''}: ${n.reason ?? 'no reason given.'}${
        retried ? ' Tried again: see above.' : ''
      }`;
  }
}

export function NoticesPanel({ job, actor }: NoticesPanelProps) {
  const headingId = useId();
  const shop = useShop();
  const [editing, setEditing] = useState(false);
  const { email, notifyByEmail } = job.customer;
  const settings = shop?.noticeSettings;
  const lines = noticeLines(job.notices);

  return (
    <section className="jp-card jp-notices" aria-labelledby={headingId}>
      <h3 id={headingId}>Telling the customer</h3>
      <p>
        {email === undefined ? (
          'No email address: the customer is not emailed when the piece is ready.'
        ) : (
          <>
            <strong className="jp-notice-address">{email}</strong> —{' '}
            {notifyByEmail === true
              ? 'agreed to be emailed when the piece is ready.'
              : 'did not agree to be emailed.'}
          </>
        )}
      </p>
      {shop !== undefined && settings?.readyEmail !== true && (
        <p className="muted">
          The shop does not email customers now (Settings, “Telling customers”).
        </p>
      )}
      {lines.length > 0 && (
        <ol className="jp-list jp-notice-list" aria-label="Notices to the customer, newest first">
          {lines.map(({ notice, retried }) => (
            <li key={notice.eventId} className={`jp-notice jp-notice-${notice.status}`}>
              <span>
                <strong>{STATUS_WORDS[notice.status]}</strong> {detail(notice, retried)}
              </span>
              <span className="jp-when">Shop server · {whenText(notice.at)}</span>
            </li>
          ))}
        </ol>
      )}
      {actor &&
        (editing ? (
          <EmailForm
            job={job}
            actor={actor}
            onDone={() => {
              setEditing(false);
            }}
          />
        ) : (
          <button
            type="button"
            className="button"
            onClick={() => {
              setEditing(true);
            }}
          >
            {email === undefined ? 'Add an email' : 'Change email or consent'}
          </button>
        ))}
    </section>
  );
}

function EmailForm({
  job,
  actor,
  onDone,
}: {
  job: JobState;
  actor: StaffMember;
  onDone: () => void;
}) {
  const [email, setEmail] = useState(job.customer.email ?? '');
  const [consent, setConsent] = useState(job.customer.notifyByEmail === true);
  const submit = useSubmit();
  const emailId = useId();
  const hasEmail = email.trim() !== '';

  const save = (e: SyntheticEvent) => {
    e.preventDefault();
    void submit
      .run(() =>
        setCustomerEmail(
          db,
          { jobId: job.id, email, notifyByEmail: hasEmail && consent },
          actor.id,
        ),
      )
      .then((ok) => {
        if (ok) onDone();
      });
  };

  return (
    <form className="jp-form" aria-label="Customer's email" onSubmit={save} noValidate>
      <div className="field">
        <label htmlFor={emailId}>Customer’s email</label>
        <input
          id={emailId}
          type="email"
          inputMode="email"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={300}
          value={email}
          aria-invalid={submit.error !== null}
          onChange={(e) => {
            setEmail(e.target.value);
          }}
        />
      </div>
      {hasEmail && (
        <button
          type="button"
          role="checkbox"
          aria-checked={consent}
          className={consent ? 'choice selected' : 'choice'}
          onClick={() => {
            setConsent(!consent);
          }}
        >
          <span aria-hidden="true">{consent ? '✓ ' : '☐ '}</span>
          Email {job.customer.name} when the piece is ready
        </button>
      )}
      <ErrorLine error={submit.error} />
      <span className="sheet-actions">
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          Save
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </span>
    </form>
  );
}
