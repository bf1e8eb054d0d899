// A badge's link (/b/:kind/:badgeId), opened by a phone's camera or a scan: whose badge it is, and the
// way to hand a piece on with it. Offline too (the service worker answers with the cached shell);
// the look-up is live, so a person or trade shop that syncs in while this shows appears by itself.
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { useShop } from '../../db';
import { useAwaitingConfirmations } from '../../db/handoffOperations';
import { readBadge, whoseBadge } from '../../scan/badgeLink';
import { HAND_ON_PATH, jobPath } from '../../scan/resolveScan';
import { badgeRefusal, badgeRole, badgeTitle } from '../scan/badgeText';
import './handoff.css';

export function BadgeLinkScreen() {
  const { kind = '', badgeId = '' } = useParams();
  const shop = useShop();
  const badge = readBadge(kind, badgeId);

  if (badge === null) {
    return (
      <EmptyState title="Not a badge">
        <p>This link does not name a Loupe badge. Scan the QR code on the badge again.</p>
        <Ways />
      </EmptyState>
    );
  }
  // Still reading: show nothing rather than flash "not here".
  if (shop === undefined) return null;
  const holder = whoseBadge(shop, badge);
  const refusal = badgeRefusal(holder);

  if (holder.kind === 'unknown') {
    return (
      <EmptyState title={badgeTitle(holder)}>
        <p>{refusal}</p>
        <Ways />
      </EmptyState>
    );
  }
  return (
    <EmptyState title={badgeTitle(holder)}>
      <p>
        <strong>{badgeRole(holder)}</strong>
      </p>
      {refusal === null ? (
        <>
          <p>
            To hand a piece on with this badge: Custody → Hand on, scan the envelope, then this
            badge.
          </p>
          <p>
            <Link to={HAND_ON_PATH} className="button button-primary">
              Hand on
            </Link>
          </p>
        </>
      ) : (
        <p>{refusal}</p>
      )}
      {holder.kind === 'staff' && <AwaitingFor staffId={holder.id} name={holder.name} />}
    </EmptyState>
  );
}

/** The pieces handed to this person that await their confirmation: what they sign for next. */
function AwaitingFor({ staffId, name }: { staffId: string; name: string }) {
  const awaiting = useAwaitingConfirmations()?.filter((a) => a.move.to.id === staffId) ?? [];
  if (awaiting.length === 0) return null;
  return (
    <section aria-label={`Awaiting ${name}’s confirmation`}>
      <h3>Awaiting {name}’s confirmation</h3>
      <ul className="ho-pieces">
        {awaiting.map(({ job, move }) => (
          <li key={move.eventId}>
            <span>
              <strong>{job.envelopeNumber}</strong> {job.item.description}
            </span>
            <Link to={jobPath(job.id)} className="button">
              Confirm on the job
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Ways() {
  return (
    <p className="scan-places">
      <Link to="/scan" className="button button-primary">
        Scan
      </Link>{' '}
      <Link to="/custody" className="button">
        Custody
      </Link>
    </p>
  );
}
