// A machine's hours of use: the total maintenance by hours counts from, the latest entries, and
// logging hours it ran.
import { useState } from 'react';
import { parseDecimal } from '../../../components/fields/FieldInput';
import { db } from '../../../db';
import { logHours } from '../../../db/equipmentOperations';
import { NumberField } from '../../casting/tree/controls';
import { whenText } from '../../jobs/job/format';
import { useSubmit } from '../../jobs/job/useSubmit';
import { LedgerForm, NoteField } from '../../metal/fields';
import { hoursText } from '../equipmentText';
import type { MachineProps } from './machineProps';

/** The latest entries shown; every one stays in the machine's history. */
const SHOWN = 10;

export function HoursCard({ machine, actor, nameOf }: MachineProps) {
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const submit = useSubmit();
  const latest = machine.hoursLog.slice(-SHOWN).reverse();
  const retired = machine.fields?.retired === true;
  const save = () => {
    const hours = parseDecimal(text);
    if (hours === undefined) {
      submit.setError(
        text.trim() === '' ? 'Enter the hours it ran.' : 'Enter the hours as a number, like 2.5.',
      );
      return;
    }
    void submit
      .run(() => logHours(db, { equipmentId: machine.id, hours, note }, actor?.id ?? ''))
      .then((ok) => {
        if (!ok) return;
        setText('');
        setNote('');
      });
  };
  return (
    <section className="tp-card" aria-labelledby="eq-hours-h">
      <h3 id="eq-hours-h">Hours of use</h3>
      <p className="eq-big" aria-label="Hours of use in all">
        {hoursText(machine.hours)}
      </p>
      {latest.length > 0 && (
        <ol className="eq-list eq-compact" aria-label="Hours logged">
          {latest.map((h) => (
            <li key={h.eventId}>
              <strong>+{hoursText(h.hours)}</strong> · {nameOf(h.by)} · {whenText(h.at)}
              {h.note ? ` (${h.note})` : ''}
            </li>
          ))}
        </ol>
      )}
      {actor && !retired && (
        <LedgerForm
          label="Log hours of use"
          submitLabel="Log hours"
          disabled={submit.busy}
          error={submit.error}
          onSubmit={save}
        >
          <NumberField label="Hours it ran" unit="h" value={text} onChange={setText} />
          <NoteField value={note} onChange={setNote} />
        </LedgerForm>
      )}
    </section>
  );
}
