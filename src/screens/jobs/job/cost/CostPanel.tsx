// The job page's cost for a manager: labour by time and rate, materials, metal at the shop's price, beside the estimate.
import { useId } from 'react';
import { useNow } from '../../../../components/useNow';
import { useShop } from '../../../../db';
import { jobCost, type JobCost } from '../../../../domain/costing/jobCost';
import { quantityText } from '../../../../domain/inventory/stock';
import { alloyName, moneyText } from '../../../metal/metalText';
import type { JobPanelProps } from '../panelProps';
import {
  estimateText,
  missingText,
  perGramText,
  perHourText,
  rateSourceText,
  workedText,
} from './costText';
import './cost.css';

/**
 * Shown only to a manager signed in: rates and costs are the shop's business, not the bench's. A
 * running timer's cost grows on the page (the clock read every half minute and on waking).
 */
export function CostPanel({ job, actor, nameOf }: JobPanelProps) {
  if (actor?.role !== 'manager') return null;
  return <Cost job={job} nameOf={nameOf} />;
}

function Cost({ job, nameOf }: Pick<JobPanelProps, 'job' | 'nameOf'>) {
  const shop = useShop();
  const nowMs = useNow(30_000);
  const headingId = useId();
  if (shop === undefined) return null;
  const cost = jobCost(job, shop, nowMs);
  const nothing = cost.labour.length + cost.materials.length + cost.metal.length === 0;

  return (
    <section className="jp-card cost-panel" aria-labelledby={headingId}>
      <h3 id={headingId}>Cost</h3>
      <p className="hint">At the shop’s labour rates and metal prices now; for the manager only.</p>
      {nothing ? (
        <p className="muted">No time, materials or metal recorded on this job yet.</p>
      ) : (
        <>
          <Labour cost={cost} nameOf={nameOf} />
          <Materials cost={cost} />
          <Metal cost={cost} />
        </>
      )}
      <Total cost={cost} />
      {cost.missing.length > 0 && (
        <div className="cost-missing">
          <h4 id={`${headingId}-missing`}>Not costed</h4>
          <ul aria-labelledby={`${headingId}-missing`}>
            {cost.missing.map((m) => (
              <li key={missingKey(m)}>{missingText(m, nameOf)}</li>
            ))}
          </ul>
        </div>
      )}
      {cost.metalMayCountTwice && (
        <p className="cost-warning">
          Metal stock or solder from the inventory is costed at its own price: if its weight was
          also logged as metal added, it is counted twice.
        </p>
      )}
    </section>
  );
}

function missingKey(m: JobCost['missing'][number]): string {
  switch (m.kind) {
    case 'rate':
      return `rate-${m.staffId}`;
    case 'cost':
      return `cost-${m.usageId}`;
    case 'price':
      return `price-${m.alloyId}`;
    case 'alloy':
      return 'alloy';
  }
}

/** A line's amount at the right, or "not costed" in words where it has none. */
function Amount({ cents }: { cents: number | null }) {
  return cents === null ? (
    <span className="cost-amount cost-none">not costed</span>
  ) : (
    <span className="cost-amount">{moneyText(cents)}</span>
  );
}

function Labour({ cost, nameOf }: { cost: JobCost; nameOf: (id: string) => string }) {
  if (cost.labour.length === 0) return null;
  return (
    <>
      <h4>Labour</h4>
      <ul className="cost-lines" aria-label="Labour">
        {cost.labour.map((l) => (
          <li key={l.staffId}>
            <span>
              <strong>{nameOf(l.staffId)}</strong> · {workedText(l.workedMs)}
              {l.running && ' (timer running)'}
              {l.corrected && ' (time set by hand)'} ·{' '}
              {l.rate === null
                ? 'no rate'
                : `${perHourText(l.rate.centsPerHour)} (${rateSourceText(l.rate)})`}
            </span>
            <Amount cents={l.amountCents} />
          </li>
        ))}
      </ul>
    </>
  );
}

function Materials({ cost }: { cost: JobCost }) {
  if (cost.materials.length === 0 && cost.returnedCount === 0) return null;
  return (
    <>
      <h4>Materials</h4>
      {cost.materials.length > 0 && (
        <ul className="cost-lines" aria-label="Materials">
          {cost.materials.map(({ use, amountCents }) => (
            <li key={use.usageId}>
              <span>
                <strong>{use.itemName}</strong> · {quantityText(use.quantity, use.unit)}
                {use.unitCostCents === undefined
                  ? ' · no cost'
                  : ` × ${moneyText(use.unitCostCents)}`}
              </span>
              <Amount cents={amountCents} />
            </li>
          ))}
        </ul>
      )}
      {cost.returnedCount > 0 && (
        <p className="muted">
          {cost.returnedCount === 1
            ? '1 material returned unused: not counted.'
            : `${cost.returnedCount} materials returned unused: not counted.`}
        </p>
      )}
    </>
  );
}

function Metal({ cost }: { cost: JobCost }) {
  if (cost.metal.length === 0) return null;
  return (
    <>
      <h4>Metal added</h4>
      <ul className="cost-lines" aria-label="Metal">
        {cost.metal.map((m) => (
          <li key={m.alloyId ?? 'none'}>
            <span>
              <strong>{m.alloyId === null ? 'No alloy named' : alloyName(m.alloyId)}</strong> ·{' '}
              {m.grams} g
              {m.centsPerGram === null ? ' · no price' : ` × ${perGramText(m.centsPerGram)}`}
            </span>
            <Amount cents={m.amountCents} />
          </li>
        ))}
      </ul>
    </>
  );
}

/** The sums, the total and the estimate: over or under said in words, the class only repeats it. */
function Total({ cost }: { cost: JobCost }) {
  const verdict = cost.estimate?.verdict ?? 'none';
  return (
    <div className="cost-total" aria-label="Cost against the estimate">
      <dl>
        <div>
          <dt>Labour</dt>
          <dd>{moneyText(cost.labourCents)}</dd>
        </div>
        <div>
          <dt>Materials</dt>
          <dd>{moneyText(cost.materialsCents)}</dd>
        </div>
        <div>
          <dt>Metal</dt>
          <dd>{moneyText(cost.metalCents)}</dd>
        </div>
        <div className="cost-sum">
          <dt>{cost.complete ? 'Total' : 'Total so far'}</dt>
          <dd>{moneyText(cost.totalCents)}</dd>
        </div>
        <div>
          <dt>Estimate</dt>
          <dd>{cost.estimate === null ? 'none' : moneyText(cost.estimate.estimateCents)}</dd>
        </div>
      </dl>
      <p className={`cost-verdict cost-${verdict}`}>
        <strong>{estimateText(cost.estimate, cost.complete)}</strong>
      </p>
    </div>
  );
}
