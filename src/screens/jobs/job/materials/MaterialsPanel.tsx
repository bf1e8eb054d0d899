// The job page's materials panel: findings, stones, solder and stock the job used, picked from the inventory or scanned.
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { materialLines, type MaterialLine } from '../../../../domain/inventory/materials';
import { quantityText } from '../../../../domain/inventory/stock';
import type { JobState } from '../../../../domain/job';
import { whenText } from '../format';
import { serviceName } from '../historyText';
import type { JobPanelProps } from '../panelProps';
import { ReturnMaterialSheet } from './ReturnMaterialSheet';
import { UseMaterialSheet } from './UseMaterialSheet';
import './materials.css';

/** "Ring sizing up" for a use at a service; null for the whole job. */
function serviceOf(job: JobState, serviceId: string | undefined): string | null {
  if (serviceId === undefined) return null;
  const service = job.services.find((s) => s.id === serviceId);
  return service ? serviceName(service.kind) : 'a service';
}

export function MaterialsPanel({ job, actor, nameOf }: JobPanelProps) {
  const headingId = useId();
  const [using, setUsing] = useState(false);
  const [returning, setReturning] = useState<MaterialLine | null>(null);
  const lines = materialLines(job);

  return (
    <section className="jp-card materials" aria-labelledby={headingId}>
      <div className="jp-card-head">
        <h3 id={headingId}>Materials</h3>
        {actor && (
          <button type="button" className="button button-primary" onClick={() => setUsing(true)}>
            Use material…
          </button>
        )}
      </div>
      {lines.length === 0 ? (
        <p className="muted">No findings, stones or solder used yet.</p>
      ) : (
        <ul className="materials-list" aria-label="Materials used">
          {lines.map((line) => {
            const { use, returned } = line;
            const at = serviceOf(job, use.serviceId);
            return (
              <li
                key={use.usageId}
                className={returned ? 'materials-use materials-returned' : 'materials-use'}
                aria-label={use.itemName}
              >
                <p className="materials-what">
                  <strong>{quantityText(use.quantity, use.unit)}</strong>{' '}
                  <Link to={`/inventory/items/${use.itemId}`}>{use.itemName}</Link>
                  {at !== null && <span className="muted"> · {at}</span>}
                </p>
                <p className="muted">
                  {nameOf(use.by)} · {whenText(use.at)}
                  {use.note ? ` · ${use.note}` : ''}
                </p>
                {returned ? (
                  <p className="materials-back">
                    Put back by {nameOf(returned.by)} · {whenText(returned.at)}: {returned.reason}
                  </p>
                ) : (
                  actor && (
                    <button type="button" className="button" onClick={() => setReturning(line)}>
                      Put back…
                    </button>
                  )
                )}
              </li>
            );
          })}
        </ul>
      )}
      {using && actor && (
        <UseMaterialSheet job={job} actor={actor} onClose={() => setUsing(false)} />
      )}
      {returning && actor && (
        <ReturnMaterialSheet
          job={job}
          use={returning.use}
          actor={actor}
          onClose={() => setReturning(null)}
        />
      )}
    </section>
  );
}
