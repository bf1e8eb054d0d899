// The flask link a flask tag's QR code carries: what the casting room's scanner reads and a phone opens.

/**
 * The path of a flask link; group 1 is the flask id as printed (letters, digits and dashes, up to
 * 16, as protocol/casting.ts's flaskIdSchema has it). Matched without regard to case: flask ids are
 * upper case, but a person typing the link, or a generator that shouts the whole URL, must still land.
 */
export const FLASK_LINK_PATH_PATTERN = /^\/f\/([A-Z0-9][A-Z0-9-]{0,15})$/i;

/**
 * The link to a flask on this shop's Loupe: `${origin}/f/${FLASKID}`. Flasks are steel and reused,
 * tree after tree, so the tag names the flask, not a tree: the tablet that scans it looks up the
 * tree in that flask now. `origin` is scheme, host and port with no trailing slash
 * (window.location.origin), as for a job link (jobLink.ts).
 */
export function flaskLink(origin: string, flaskId: string): string {
  return `${origin}/f/${encodeURIComponent(flaskId.trim().toUpperCase())}`;
}
