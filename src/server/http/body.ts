// Reads a request body with a size limit that holds whatever the headers claim: a declared
// Content-Length over the limit is refused before reading, and a chunked body is cut off as soon as
// the bytes read pass the limit, so it is never buffered past it.
import { API_ERROR_CODES } from '../../protocol/api';
import { HttpError } from './errors';

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** The declared Content-Length, or null when the body is chunked or the header is nonsense. */
export function declaredLength(req: Request): number | null {
  const header = req.headers.get('content-length');
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header);
}

export function tooLarge(what: string, maxBytes: number, advice: string): HttpError {
  return new HttpError(
    413,
    API_ERROR_CODES.tooLarge,
    `${what} is larger than the ${formatBytes(maxBytes)} the server takes. ${advice}`,
  );
}

export async function readLimitedBody(
  req: Request,
  maxBytes: number,
  what: string,
  advice: string,
): Promise<Uint8Array> {
  const declared = declaredLength(req);
  if (declared !== null && declared > maxBytes) throw tooLarge(what, maxBytes, advice);
  if (declared !== null) {
    // Within the limit, read in one go: HTTP itself ends the body at the declared length (Node
    // takes any bytes past it for the next request), so it cannot grow past the limit, and
    // @hono/node-server reads it straight from the socket into one Buffer, where the stream
    // below would make a web stream and a promise per chunk. A Request made in the process (a
    // test's app.request) is held to the declared length by no socket: checked once read.
    const bytes = new Uint8Array(await req.arrayBuffer());
    if (bytes.byteLength > maxBytes) throw tooLarge(what, maxBytes, advice);
    return bytes;
  }
  if (!req.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(what, maxBytes, advice);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** Parses a JSON body, answering 400 with the parser's own words when it is not JSON. */
export async function readJsonBody(
  req: Request,
  maxBytes: number,
  what: string,
  advice: string,
): Promise<unknown> {
  const bytes = await readLimitedBody(req, maxBytes, what, advice);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.trim() === '') {
    throw new HttpError(400, API_ERROR_CODES.badRequest, 'The request has no body: send JSON.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new HttpError(400, API_ERROR_CODES.badRequest, `The body is not valid JSON: ${reason}`);
  }
}
