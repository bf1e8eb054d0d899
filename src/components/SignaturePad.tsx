// A customer signs with a finger; the strokes are kept as an SVG image, stored by its hash.
import { useRef, useState, type PointerEvent } from 'react';
import './signaturePad.css';

const WIDTH = 600;
const HEIGHT = 200;

type Stroke = [number, number][];

function toSvg(strokes: readonly Stroke[]): string {
  const lines = strokes
    .map((s) => `<polyline points="${s.map(([x, y]) => `${x},${y}`).join(' ')}"/>`)
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}">` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    `<g fill="none" stroke="#000" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">${lines}</g></svg>`
  );
}

interface SignaturePadProps {
  label: string;
  /** Called with the signature as an SVG Blob, or null when cleared. */
  onChange: (signature: Blob | null) => void;
}

export function SignaturePad({ label, onChange }: SignaturePadProps) {
  const [strokes, setStrokes] = useState<Stroke[]>([]);
  const drawing = useRef(false);
  const svg = useRef<SVGSVGElement>(null);

  const point = (e: PointerEvent<SVGSVGElement>): [number, number] => {
    const box = svg.current?.getBoundingClientRect();
    const w = box && box.width > 0 ? box.width : WIDTH;
    const h = box && box.height > 0 ? box.height : HEIGHT;
    const x = ((e.clientX - (box?.left ?? 0)) / w) * WIDTH;
    const y = ((e.clientY - (box?.top ?? 0)) / h) * HEIGHT;
    return [
      Math.round(Math.min(Math.max(x, 0), WIDTH)),
      Math.round(Math.min(Math.max(y, 0), HEIGHT)),
    ];
  };

  const finish = () => {
    if (!drawing.current) return;
    drawing.current = false;
    onChange(strokes.length > 0 ? new Blob([toSvg(strokes)], { type: 'image/svg+xml' }) : null);
  };

  return (
    <div className="signature">
      <span className="signature-label">{label}</span>
      <svg
        ref={svg}
        role="img"
        aria-label={label}
        className="signature-pad"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        data-strokes={strokes.length}
        onPointerDown={(e) => {
          drawing.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          const p = point(e);
          setStrokes((s) => [...s, [p]]);
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const p = point(e);
          setStrokes((s) => [...s.slice(0, -1), [...(s.at(-1) ?? []), p]]);
        }}
        onPointerUp={finish}
        onPointerLeave={finish}
      >
        <g fill="none" stroke="currentColor" strokeWidth={3} strokeLinecap="round">
          {strokes.map((s, i) => (
            <polyline key={i} points={s.map(([x, y]) => `${x},${y}`).join(' ')} />
          ))}
        </g>
      </svg>
      <button
        type="button"
        className="button"
        onClick={() => {
          setStrokes([]);
          onChange(null);
        }}
      >
        Clear signature
      </button>
    </div>
  );
}
