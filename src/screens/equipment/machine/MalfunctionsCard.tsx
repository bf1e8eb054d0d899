// A machine's malfunctions: those still open first and loud (they are on the manager's board until
// resolved), a form to report one, and the resolved ones with how they were fixed.
import { useId, useState } from 'react';
import { db } from '../../../db';
import { reportMalfunction, resolveMalfunction } from '../../../db/equipmentOperations';
import { openMalfunctions } from '../../../domain/equipment/board';
import type { Malfunction } from '../../../domain/equipment/equipmentState';
import type { StaffMember } from '../../../domain/staff';
import { ChoiceButtons } from '../../casting/tree/controls';
import { whenText } from '../../jobs/job/format';
import { useSubmit } from '../../jobs/job/useSubmit';
import { LedgerForm } from '../../metal/fields';
import { PhotoPick, StoredPhoto } from '../PhotoPick';
import type { MachineProps } from './machineProps';

export function MalfunctionsCard({ machine, actor, nameOf }: MachineProps) {
  const open = openMalfunctions(machine);
  const resolved = machine.malfunctions.filter((r) => r.resolved !== null).reverse();
  const [reporting, setReporting] = useState(false);
  const retired = machine.fields?.retired === true;
  return (
    <section
      className={open.length > 0 ? 'tp-card eq-alarm' : 'tp-card'}
      aria-labelledby="eq-malfunctions-h"
    >
      <h3 id="eq-malfunctions-h">Malfunctions</h3>
      {open.length === 0 ? (
        <p className="muted">Nothing reported wrong with it.</p>
      ) : (
        <ul className="eq-list" aria-label="Open malfunctions">
          {open.map((r) => (
            <OpenReport
              key={r.reportId}
              report={r}
              equipmentId={machine.id}
              actor={actor}
              nameOf={nameOf}
            />
          ))}
        </ul>
      )}
      {actor && !retired && !reporting && (
        <button type="button" className="button" onClick={() => setReporting(true)}>
          Report a malfunction…
        </button>
      )}
      {actor && reporting && (
        <ReportForm equipmentId={machine.id} actor={actor} onDone={() => setReporting(false)} />
      )}
      {resolved.length > 0 && (
        <details className="eq-history">
          <summary>Resolved ({resolved.length})</summary>
          <ul className="eq-list" aria-label="Resolved malfunctions">
            {resolved.map((r) => (
              <li key={r.reportId} className="eq-line">
                <span className="eq-line-text">{r.what}</span>
                <span className="eq-who">
                  Reported by {nameOf(r.by)} · {whenText(r.at)}
                </span>
                {r.resolved && (
                  <span className="eq-who">
                    Resolved: {r.resolved.how} — {nameOf(r.resolved.by)} · {whenText(r.resolved.at)}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function OpenReport({
  report,
  equipmentId,
  actor,
  nameOf,
}: {
  report: Malfunction;
  equipmentId: string;
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
}) {
  const [how, setHow] = useState('');
  const [resolving, setResolving] = useState(false);
  const submit = useSubmit();
  const howId = useId();
  return (
    <li
      className={report.outOfService ? 'eq-line eq-line-stop' : 'eq-line eq-line-fault'}
      aria-label={report.what}
    >
      <span className="eq-line-head">
        <strong>{report.what}</strong>
        <span
          className={report.outOfService ? 'eq-badge eq-badge-stop' : 'eq-badge eq-badge-fault'}
        >
          {report.outOfService ? 'Out of service' : 'Still usable'}
        </span>
      </span>
      <span className="eq-who">
        Reported by {nameOf(report.by)} · {whenText(report.at)}
      </span>
      {report.photoSha256 && (
        <StoredPhoto
          equipmentId={equipmentId}
          sha256={report.photoSha256}
          alt={`Photo of the malfunction: ${report.what}`}
        />
      )}
      {actor && !resolving && (
        <button type="button" className="button" onClick={() => setResolving(true)}>
          Resolve…
        </button>
      )}
      {actor && resolving && (
        <LedgerForm
          label="Resolve the malfunction"
          submitLabel="Mark resolved"
          disabled={submit.busy}
          error={submit.error}
          onSubmit={() =>
            void submit.run(() =>
              resolveMalfunction(db, { equipmentId, reportId: report.reportId, how }, actor.id),
            )
          }
        >
          <div className="tp-field">
            <label htmlFor={howId} className="tp-label">
              How was it resolved?
            </label>
            <textarea
              id={howId}
              value={how}
              maxLength={500}
              onChange={(e) => setHow(e.target.value)}
            />
          </div>
        </LedgerForm>
      )}
    </li>
  );
}

function ReportForm({
  equipmentId,
  actor,
  onDone,
}: {
  equipmentId: string;
  actor: StaffMember;
  onDone: () => void;
}) {
  const [what, setWhat] = useState('');
  const [stop, setStop] = useState<'yes' | 'no' | null>(null);
  const [photo, setPhoto] = useState<string | undefined>(undefined);
  const submit = useSubmit();
  const whatId = useId();
  const send = () => {
    if (stop === null) {
      submit.setError('Say whether the machine can still be used until it is fixed.');
      return;
    }
    void submit
      .run(() =>
        reportMalfunction(
          db,
          {
            equipmentId,
            what,
            outOfService: stop === 'yes',
            ...(photo ? { photoSha256: photo } : {}),
          },
          actor.id,
        ),
      )
      .then((ok) => {
        if (ok) onDone();
      });
  };
  return (
    <LedgerForm
      label="Report a malfunction"
      submitLabel="Report it"
      disabled={submit.busy}
      error={submit.error}
      onSubmit={send}
    >
      <div className="tp-field">
        <label htmlFor={whatId} className="tp-label">
          What is wrong?
        </label>
        <textarea
          id={whatId}
          value={what}
          maxLength={500}
          onChange={(e) => setWhat(e.target.value)}
        />
      </div>
      <ChoiceButtons
        label="Can it still be used?"
        value={stop}
        onChange={setStop}
        choices={[
          { value: 'no', label: 'Yes, with care' },
          { value: 'yes', label: 'No: out of service' },
        ]}
      />
      <PhotoPick equipmentId={equipmentId} value={photo} onChange={setPhoto} />
    </LedgerForm>
  );
}
