// Fine metal lost per day, week or month as an inline SVG bar chart, one bar per metal family, with
// the same numbers in a table for screen readers (the chart is a picture of that table).
import { useId, useState } from 'react';
import type { BucketSize, LossBucket } from '../../../domain/ledger/report';
import type { MetalFamily } from '../../../domain/metals';
import {
  BUCKET_WORDS,
  bucketShort,
  bucketText,
  FAMILY_LABELS,
  fineText,
  lossGrams,
} from './reportText';

const FAMILY_COLOURS: Record<MetalFamily, string> = {
  gold: '#b8860b',
  silver: '#6b7785',
  platinum: '#2c3a4a',
  palladium: '#7a4f8c',
};

const WIDTH = 640;
const HEIGHT = 220;
const LEFT = 56;
const RIGHT = 8;
const TOP = 12;
const BOTTOM = 30;
/** At most this many labels under the bars: a month of days shows every third or fourth. */
const MAX_LABELS = 10;

export function LossChart({
  buckets,
  families,
  size,
}: {
  buckets: readonly LossBucket[];
  families: readonly MetalFamily[];
  size: BucketSize;
}) {
  const titleId = useId();
  const tableId = useId();
  // The numbers are always there for a screen reader; a tap shows them to the eye too (no hover on a tablet).
  const [showNumbers, setShowNumbers] = useState(false);
  const per = BUCKET_WORDS[size];
  if (buckets.length === 0 || families.length === 0) {
    return <p className="muted">Nothing to chart for this period.</p>;
  }
  const values = buckets.flatMap((b) => families.map((f) => b.fineG[f]));
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  // A period with nothing lost still draws its baseline; the range is never zero.
  const range = max - min || 1;
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const y = (v: number) => TOP + ((max - v) / range) * plotH;
  const band = plotW / buckets.length;
  const barW = (band * 0.8) / families.length;
  const labelEvery = Math.ceil(buckets.length / MAX_LABELS);
  const title = `Fine metal lost per ${per}, in grams`;
  const summary = `${title} (the numbers are in the table after the chart)`;

  return (
    <figure className="lr-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{summary}</title>
        <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(0)} y2={y(0)} className="lr-axis" />
        <text x={LEFT - 6} y={y(max) + 4} textAnchor="end" className="lr-tick">
          {lossGrams(max)}
        </text>
        {min < 0 && (
          <text x={LEFT - 6} y={y(min)} textAnchor="end" className="lr-tick">
            {lossGrams(min)}
          </text>
        )}
        {max > 0 && (
          <text x={LEFT - 6} y={y(0) + 4} textAnchor="end" className="lr-tick">
            0
          </text>
        )}
        {buckets.map((b, i) => {
          const x0 = LEFT + i * band + band * 0.1;
          return (
            <g key={b.start}>
              {families.map((f, j) => {
                const v = b.fineG[f];
                const top = Math.min(y(v), y(0));
                return (
                  <rect
                    key={f}
                    x={x0 + j * barW}
                    y={top}
                    width={Math.max(barW - 1, 1)}
                    height={Math.abs(y(v) - y(0))}
                    fill={FAMILY_COLOURS[f]}
                  >
                    <title>{`${bucketText(b, size)}: ${FAMILY_LABELS[f].toLowerCase()} ${fineText(b.fineUg[f])}`}</title>
                  </rect>
                );
              })}
              {i % labelEvery === 0 && (
                <text
                  x={LEFT + i * band + band / 2}
                  y={HEIGHT - BOTTOM + 18}
                  textAnchor="middle"
                  className="lr-tick"
                >
                  {bucketShort(b, size)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {families.length > 1 && (
        <ul className="lr-legend" aria-hidden="true">
          {families.map((f) => (
            <li key={f}>
              <span className="lr-swatch" style={{ background: FAMILY_COLOURS[f] }} />
              {FAMILY_LABELS[f]}
            </li>
          ))}
        </ul>
      )}
      <figcaption className="lr-caption">
        <span className="muted">
          Below the line: metal found over at a weigh-in. Corrected weigh-ins are left out.
        </span>
        <button type="button" className="button" onClick={() => setShowNumbers((s) => !s)}>
          {showNumbers ? 'Hide the numbers' : 'Show the numbers'}
        </button>
      </figcaption>
      <table id={tableId} className={showNumbers ? 'lr-table' : 'lr-table lr-sr-only'}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{per.charAt(0).toUpperCase() + per.slice(1)}</th>
            {families.map((f) => (
              <th key={f} scope="col">
                {FAMILY_LABELS[f]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {buckets.map((b) => (
            <tr key={b.start}>
              <th scope="row">{bucketText(b, size)}</th>
              {families.map((f) => (
                <td key={f}>{fineText(b.fineUg[f])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
