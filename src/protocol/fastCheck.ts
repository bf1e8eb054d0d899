// The quick yes of parseEvent: hand-written checks of the envelope, then only the type's data schema.
// It answers "surely valid" or "let parseEvent say why", never "invalid" in words of its own: every
// refusal still comes from the zod schemas, so its codes and messages never change.
import { isRealStamp } from '../domain/clock';
import { DEVICE_ID_PATTERN, ULID_PATTERN } from '../domain/ids';
import { EVENT_DATA_SCHEMAS, isEventType, type StoredEvent } from './events';
import { SHOP_STREAM_ID, STREAM_OF_TYPE, streamIdFits } from './streams';

/** eventEnvelopeSchema's pattern for `type`. */
const TYPE_PATTERN = /^[a-z]+(\.[a-z_]+)+$/;
/** staffIdSchema's bounds for `actor`. */
const MAX_ACTOR_LENGTH = 64;

/** Code points, as zod counts a string's length: a pair of surrogates is one, a lone one is one. */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const high = text.charCodeAt(i);
    const low = text.charCodeAt(i + 1);
    if ((high & 0xfc00) === 0xd800 && (low & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

/** Within staffIdSchema's length; counting code points only matters past it in UTF-16 units. */
const actorFits = (actor: string): boolean =>
  actor.length >= 1 && (actor.length <= MAX_ACTOR_LENGTH || codePoints(actor) <= MAX_ACTOR_LENGTH);

/** What zod's z.object takes: any object but an array. */
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What zod's z.record takes, or less: an object of Object's prototype (or none) whose constructor
 * is Object's or no function at all, as every object JSON.parse makes is, and no symbol keys.
 */
function isRecord(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  const ctor = value.constructor;
  return (
    (ctor === Object || typeof ctor !== 'function') &&
    Object.getOwnPropertySymbols(value).length === 0
  );
}

/**
 * The data as the envelope schema hands it to the data schema: z.record copies every key but an
 * own `__proto__` (which JSON.parse makes of `"__proto__": …`). Only then is a copy needed.
 */
function asRecordCopies(data: Record<string, unknown>): Record<string, unknown> {
  if (!Object.hasOwn(data, '__proto__')) return data;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(data)) if (key !== '__proto__') copy[key] = data[key];
  return copy;
}

const isUlid = (value: unknown): value is string =>
  typeof value === 'string' && ULID_PATTERN.test(value);

/**
 * Whether eventEnvelopeSchema surely accepts `raw`: the same checks, written out (ids, stream id,
 * type name, a real stamp, actor, device, data an object). Kept in step with eventEnvelopeSchema;
 * tests/server/eventCheck.test.ts compares the two on many valid and broken events.
 */
export function envelopeSurelyValid(raw: unknown): raw is StoredEvent {
  if (!isObject(raw)) return false;
  const { id, jobId, type, at, actor, device, data } = raw;
  return (
    isUlid(id) &&
    (jobId === SHOP_STREAM_ID || isUlid(jobId)) &&
    typeof type === 'string' &&
    TYPE_PATTERN.test(type) &&
    isRealStamp(at) &&
    typeof actor === 'string' &&
    actorFits(actor) &&
    typeof device === 'string' &&
    DEVICE_ID_PATTERN.test(device) &&
    isRecord(data)
  );
}

/**
 * The event as the server stores it (the envelope's fields, `data` exactly as sent) when parseEvent
 * surely accepts it, or null: then parseEvent itself must be asked, for its words. Only the data
 * schema runs through zod, and only for an envelope that already passed.
 */
export function surelyValidEvent(raw: unknown): StoredEvent | null {
  if (!envelopeSurelyValid(raw)) return null;
  const { id, jobId, type, at, actor, device, data } = raw;
  if (!isEventType(type) || !streamIdFits(STREAM_OF_TYPE[type], jobId)) return null;
  if (!EVENT_DATA_SCHEMAS[type].safeParse(asRecordCopies(data)).success) return null;
  return { id, jobId, type, at, actor, device, data };
}
