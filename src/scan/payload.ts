// What a scanned or typed code means: a job label, a flask tag, an envelope, or not a Loupe code at all.
//
// Job labels carry a URL, `${origin}/j/<job ULID>` (jobLink.ts), so that any phone camera opens
// the job too. Any http(s) URL whose path is /j/<ULID> is taken as ours, whatever its host: a
// shop reaches its server by IP (https://192.168.1.20:8080) on one day and by name
// (https://loupe.local) on another, labels printed under either must keep opening, and a ULID
// cannot be mistaken for anything else. `sameOrigin` says whether the label names the address
// this tablet uses; if not, the message for a job not on this tablet names the label's host.
// Flask tags carry `${origin}/f/<flask id>` (flaskLink.ts), and badges (a person, a place, a trade
// shop) `${origin}/b/<s|p|t>/<id>` (badgeLink.ts), read the same way.
import {
  checkPreprintedCode,
  envelopeKey,
  formatEnvelopeNumber,
  parseEnvelopeNumber,
} from '../domain/envelopes';
import { ULID_PATTERN } from '../domain/ids';
import { BADGE_LINK_PATH_PATTERN, readBadge, type BadgeKind } from './badgeLink';
import { FLASK_LINK_PATH_PATTERN } from './flaskLink';
import { JOB_LINK_PATH_PATTERN } from './jobLink';

export type ScanPayload =
  | {
      kind: 'jobLink';
      jobId: string;
      /** The label names the address this tablet uses (else `host` says which it names). */
      sameOrigin: boolean;
      host: string;
    }
  | {
      kind: 'flask';
      /** The flask's tag, upper case (flask ids are compared upper case everywhere). */
      flaskId: string;
      sameOrigin: boolean;
      host: string;
    }
  | {
      kind: 'badge';
      /** A person's, a place's or a trade shop's badge (badgeLink.ts). */
      badge: BadgeKind;
      /** Its id in its own case: staff and trade shop ids upper case, place ids lower case. */
      id: string;
      sameOrigin: boolean;
      host: string;
    }
  | {
      kind: 'envelope';
      /** What jobsByEnvelope finds it by (envelopeKey). */
      key: string;
      /** As a person reads it: the code as printed (trimmed, capitals), else the tablet number. */
      number: string;
      /** Shaped like a number a tablet makes (K7-0042): it may arrive by sync from that tablet. */
      tabletShaped: boolean;
      /** The code a new job on this envelope would be opened with, if it may be pre-printed. */
      preprintedCode: string | null;
    }
  | { kind: 'foreign'; text: string };

/** Classifies what a camera, a wedge scanner or a person produced. `origin` is this app's own. */
export function classifyScan(text: string, origin: string): ScanPayload {
  const trimmed = text.trim();
  if (/^https?:\/\//i.test(trimmed)) return classifyUrl(trimmed, origin);

  // Both checks may pass: 'AB1234' is a tablet number (series AB) and also a fine printed code.
  // Only the person holding the envelope knows which, so the outcome keeps both readings.
  const tablet = parseEnvelopeNumber(trimmed);
  const printed = checkPreprintedCode(trimmed);
  if (tablet !== null || printed.ok) {
    const preprintedCode = printed.ok ? printed.code : null;
    return {
      kind: 'envelope',
      key: envelopeKey(trimmed),
      number: preprintedCode ?? formatTablet(tablet),
      tabletShaped: tablet !== null,
      preprintedCode,
    };
  }
  return { kind: 'foreign', text: trimmed };
}

function classifyUrl(text: string, origin: string): ScanPayload {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { kind: 'foreign', text };
  }
  // A trailing slash is added by some label printers and URL shorteners; the query and the
  // fragment are ignored.
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
  const sameOrigin = url.origin === safeOrigin(origin);
  const flaskId = FLASK_LINK_PATH_PATTERN.exec(path)?.[1];
  if (flaskId !== undefined) {
    return { kind: 'flask', flaskId: flaskId.toUpperCase(), sameOrigin, host: url.host };
  }
  const badgeParts = BADGE_LINK_PATH_PATTERN.exec(path);
  if (badgeParts !== null) {
    const badge = readBadge(badgeParts[1] ?? '', badgeParts[2] ?? '');
    if (badge === null) return { kind: 'foreign', text };
    return { kind: 'badge', badge: badge.kind, id: badge.id, sameOrigin, host: url.host };
  }
  const jobId = JOB_LINK_PATH_PATTERN.exec(path)?.[1];
  // The path pattern allows any 26 Crockford characters; a ULID's first one is 0-7.
  if (jobId === undefined || !ULID_PATTERN.test(jobId)) return { kind: 'foreign', text };
  return { kind: 'jobLink', jobId, sameOrigin, host: url.host };
}

function formatTablet(tablet: { prefix: string; seq: number } | null): string {
  return tablet === null ? '' : formatEnvelopeNumber(tablet.prefix, tablet.seq);
}

function safeOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
}
