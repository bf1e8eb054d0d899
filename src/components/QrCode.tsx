// A QR code drawn as an inline SVG: crisp at any size on screen and on a label printer.
//
// The encoder (uqr) is fetched the first time a code is drawn, not with the screen: the custody
// screen opens on its hand-on tab, and only its badges tab draws codes.
import { useMemo } from 'react';
import { loadable, useLoaded } from './loadable';

type Encode = (typeof import('uqr'))['encode'];

const encoder = loadable<Encode>(async () => (await import('uqr')).encode);

/** The light margin around the code, in modules, that the QR standard asks for (ISO/IEC 18004). */
export const QR_QUIET_ZONE = 4;

/**
 * One path of the dark modules, a rectangle per horizontal run, so the SVG stays small (a few hundred
 * rects would otherwise make a DOM node per module) and prints with no hairline gaps between modules.
 */
export function qrModulesPath(modules: readonly (readonly boolean[])[]): string {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (row[x] !== true) {
        x++;
        continue;
      }
      const start = x;
      while (row[x] === true) x++;
      const run = x - start;
      parts.push(`M${start} ${y}h${run}v1h-${run}z`);
    }
  });
  return parts.join('');
}

export interface QrCodeProps {
  /** The text to encode. */
  value: string;
  /** Width and height as a CSS length, e.g. '40mm'. */
  size: string;
  /** What the code is, for people who cannot see it. */
  label: string;
}

export function QrCode({ value, size, label }: QrCodeProps) {
  const encode = useLoaded(encoder);
  // Error correction M survives a smudged or creased envelope without growing the code much.
  const drawn = useMemo(() => {
    if (!encode) return null;
    const qr = encode(value, { ecc: 'M', border: 0 });
    return { path: qrModulesPath(qr.data), width: qr.size + 2 * QR_QUIET_ZONE };
  }, [encode, value]);
  // Until the encoder is here: the code's white square, the same size, so nothing moves.
  const [at, width] = drawn ? [-QR_QUIET_ZONE, drawn.width] : [0, 1];
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      aria-busy={drawn ? undefined : true}
      data-qr-payload={value}
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`${at} ${at} ${width} ${width}`}
      width={size}
      height={size}
      shapeRendering="crispEdges"
    >
      <rect x={at} y={at} width={width} height={width} fill="#fff" />
      {drawn && <path d={drawn.path} fill="#000" />}
    </svg>
  );
}
