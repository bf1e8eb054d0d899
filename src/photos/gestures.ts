// The viewer's gestures as pure math: swipe, tap, double tap, pinch and pan over a CSS transform.

/** translate(x, y) scale(scale) with the transform origin at the centre of the stage. */
export interface ViewTransform {
  scale: number;
  x: number;
  y: number;
}

export interface Point {
  x: number;
  y: number;
}

export const IDENTITY: ViewTransform = { scale: 1, x: 0, y: 0 };
export const MIN_SCALE = 1;
export const MAX_SCALE = 6;
export const DOUBLE_TAP_SCALE = 2.5;
/** A swipe needs this many px across, and clearly more across than down. */
export const SWIPE_MIN_PX = 50;
export const TAP_MAX_MOVE_PX = 10;
export const TAP_MAX_MS = 300;
export const DOUBLE_TAP_MAX_MS = 300;
export const DOUBLE_TAP_MAX_PX = 30;

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** -1 for the previous photo (finger moved right), +1 for the next, 0 for no swipe. */
export function swipeStep(dx: number, dy: number): -1 | 0 | 1 {
  if (Math.abs(dx) < SWIPE_MIN_PX || Math.abs(dx) < 1.5 * Math.abs(dy)) return 0;
  return dx > 0 ? -1 : 1;
}

export function isTap(dx: number, dy: number, ms: number): boolean {
  return Math.hypot(dx, dy) <= TAP_MAX_MOVE_PX && ms <= TAP_MAX_MS;
}

export interface Tap extends Point {
  t: number;
}

export function isDoubleTap(previous: Tap | null, tap: Tap): boolean {
  if (!previous) return false;
  return (
    tap.t - previous.t <= DOUBLE_TAP_MAX_MS &&
    Math.hypot(tap.x - previous.x, tap.y - previous.y) <= DOUBLE_TAP_MAX_PX
  );
}

/**
 * Zooms to `scale` keeping the image point under `at` (relative to the stage centre) where it is.
 * A point q on screen shows image point (q − t) / s; solving for the new t keeps it fixed.
 */
export function zoomAround(view: ViewTransform, at: Point, scale: number): ViewTransform {
  const s = clampScale(scale);
  if (s === 1) return IDENTITY;
  return {
    scale: s,
    x: at.x - (s * (at.x - view.x)) / view.scale,
    y: at.y - (s * (at.y - view.y)) / view.scale,
  };
}

/** Double tap: zoom in around the finger, or back out to the whole photo. */
export function toggleZoom(view: ViewTransform, at: Point): ViewTransform {
  return view.scale > 1 ? IDENTITY : zoomAround(view, at, DOUBLE_TAP_SCALE);
}

/** Two fingers: scale by how far apart they moved, following their midpoint. */
export function pinch(
  start: ViewTransform,
  startDistance: number,
  distance: number,
  startMid: Point,
  mid: Point,
): ViewTransform {
  if (startDistance <= 0) return start;
  const s = clampScale((start.scale * distance) / startDistance);
  if (s === 1) return IDENTITY;
  return {
    scale: s,
    x: mid.x - (s * (startMid.x - start.x)) / start.scale,
    y: mid.y - (s * (startMid.y - start.y)) / start.scale,
  };
}

/** Keeps a zoomed photo covering the stage: it may not be dragged off past its edges. */
export function clampPan(view: ViewTransform, stageWidth: number, stageHeight: number) {
  const maxX = ((view.scale - 1) * stageWidth) / 2;
  const maxY = ((view.scale - 1) * stageHeight) / 2;
  return {
    scale: view.scale,
    x: Math.min(maxX, Math.max(-maxX, view.x)),
    y: Math.min(maxY, Math.max(-maxY, view.y)),
  };
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

export function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}
