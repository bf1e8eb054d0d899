// Which format a photo is stored in: WebP where the browser really encodes it, else JPEG.

/** The image types a photo.added event may name (src/protocol/events.ts). */
export type StoredImageType = 'image/webp' | 'image/jpeg' | 'image/png';

/** About 0.85 keeps engraving and prong detail while a 2048 px photo stays a few hundred KB. */
export const ENCODE_QUALITY = 0.85;

/** The formats to try, best first; PNG is the one every canvas must encode. */
export const ENCODING_PREFERENCE: readonly StoredImageType[] = [
  'image/webp',
  'image/jpeg',
  'image/png',
];

/**
 * The type a canvas encode really produced, or null when it is not what was asked for: Safari
 * answers `convertToBlob({ type: 'image/webp' })` with a PNG, so the request alone proves nothing.
 */
export function acceptEncoded(
  requested: StoredImageType,
  resultType: string,
): StoredImageType | null {
  return resultType.toLowerCase() === requested ? requested : null;
}

/** The file extension for a stored type, for names given to downloads or uploads. */
export function extensionOf(type: StoredImageType): string {
  return type === 'image/webp' ? 'webp' : type === 'image/png' ? 'png' : 'jpg';
}
