// Settings: whether the shop server emails customers when their piece is ready, and the shop's name
// the email goes out under. Saved for the whole shop (it syncs); the server needs its own SMTP_*.
import { ErrorLine } from '../../components/ErrorLine';
import { useId, useState, type SyntheticEvent } from 'react';
import { useCurrentStaff } from '../../components/staff/useCurrentStaff';
import { db, useShop, useShopName } from '../../db';
import { NOTICE_SHOP_NAME_MAX, setNoticeSettings } from '../../db/noticeOperations';
import { DEFAULT_SHOP_NAME } from '../../domain/shop';
import type { ShopState } from '../../domain/shopState';
import type { StaffMember } from '../../domain/staff';
import { useSubmit } from '../jobs/job/useSubmit';

function nowText(settings: ShopState['noticeSettings']): string {
  if (settings === null)
    return 'Not set yet: no customer is emailed, and jobs record nothing of it.';
  if (!settings.readyEmail)
    return 'Off: no customer is emailed; each job says so when it is ready.';
  return `On: customers who agreed are emailed as “${settings.shopName ?? ''}”.`;
}

export function NoticesSection() {
  const shop = useShop();
  const localName = useShopName();
  const me = useCurrentStaff();
  const headingId = useId();
  if (shop === undefined || localName === undefined || me === undefined) return null;
  const settings = shop.noticeSettings;
  // The name on this tablet's header is a good start, unless it is still the app's own.
  const startName = settings?.shopName ?? (localName === DEFAULT_SHOP_NAME ? '' : localName);

  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Telling customers</h3>
      <p className="hint">
        When a job is marked ready for pick-up, the shop server can email the customer, if they
        agreed at intake and gave an email address. The server also needs its mail server settings
        (SMTP_HOST, SMTP_FROM… in the README, “Telling customers their piece is ready”): without
        them each job shows “not sent” and why.
      </p>
      <p role="status">
        <strong>Now:</strong> {nowText(settings)}
      </p>
      {me ? (
        <NoticesForm actor={me} startOn={settings?.readyEmail ?? false} startName={startName} />
      ) : (
        <p>Sign in (top right) to change it.</p>
      )}
    </section>
  );
}

function NoticesForm({
  actor,
  startOn,
  startName,
}: {
  actor: StaffMember;
  startOn: boolean;
  startName: string;
}) {
  const [on, setOn] = useState(startOn);
  const [name, setName] = useState(startName);
  const [saved, setSaved] = useState<string | null>(null);
  const submit = useSubmit();
  const nameId = useId();
  const hintId = useId();

  const save = (e: SyntheticEvent) => {
    e.preventDefault();
    setSaved(null);
    void submit
      .run(() => setNoticeSettings(db, { readyEmail: on, shopName: name }, actor.id))
      .then((ok) => {
        if (ok) setSaved(on ? 'Saved: customers who agreed are emailed.' : 'Saved: off.');
      });
  };

  return (
    <form className="form" aria-label="Email customers" onSubmit={save} noValidate>
      <button
        type="button"
        role="switch"
        aria-checked={on}
        className={on ? 'choice selected' : 'choice'}
        onClick={() => {
          setOn(!on);
          setSaved(null);
        }}
      >
        <span aria-hidden="true">{on ? '✓ ' : '☐ '}</span>
        Email customers when their piece is ready
      </button>
      <div className="field">
        <label htmlFor={nameId}>Shop name in the email</label>
        <input
          id={nameId}
          value={name}
          maxLength={NOTICE_SHOP_NAME_MAX + 20}
          aria-describedby={hintId}
          onChange={(e) => {
            setName(e.target.value);
            setSaved(null);
          }}
        />
        <small className="hint" id={hintId}>
          As customers know the shop: the email’s subject and signature.
        </small>
      </div>
      <button type="submit" className="button button-primary" disabled={submit.busy}>
        Save
      </button>
      <ErrorLine error={submit.error} />
      {saved && (
        <p className="ok" role="status">
          {saved}
        </p>
      )}
    </form>
  );
}
