// Where a request came from, as the pairing and head-office logins judge it: the socket's address
// (the shop server faces its tablets with no proxy between), and the origin of a configured URL.
import type { Context } from 'hono';

/** The address a request came from: the socket's, with no proxy. */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** The origin of a URL (PUBLIC_URL), or null when there is none or it is not a URL. */
export function originOf(url: string | undefined): string | null {
  if (url === undefined) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
