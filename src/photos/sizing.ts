// Target sizes of a stored photo and its thumbnail: pure math, shared by the worker and the tests.

/** The long edge of a stored photo: enough to see a prong tip, small enough for a day of photos. */
export const MAX_EDGE = 2048;
/** The long edge of a thumbnail in the job's gallery grid. */
export const THUMBNAIL_EDGE = 320;

export interface Size {
  width: number;
  height: number;
}

/** Fits `width`×`height` within `maxEdge` on its long edge, keeping the aspect; never upscales. */
export function targetSize(width: number, height: number, maxEdge: number): Size {
  if (!(width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height))) {
    throw new RangeError(`A picture needs a positive size (got ${width}×${height}).`);
  }
  if (!(maxEdge >= 1))
    throw new RangeError(`The long edge must be at least 1 px (got ${maxEdge}).`);
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return {
    width: Math.max(1, Math.min(maxEdge, Math.round(width * scale))),
    height: Math.max(1, Math.min(maxEdge, Math.round(height * scale))),
  };
}
