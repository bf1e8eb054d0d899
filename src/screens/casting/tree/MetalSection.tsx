// The metal issued to a tree: each weighing-out with who issued it, against what the tree needs.
import { useState, type SyntheticEvent } from 'react';
import { parseDecimal } from '../../../components/fields/FieldInput';
import { db, issueMetal } from '../../../db';
import { metalIssuedG, type TreeState } from '../../../domain/casting/tree';
import type { StaffMember } from '../../../domain/staff';
import { whenText } from '../../jobs/job/format';
import { useSubmit } from '../../jobs/job/useSubmit';
import { ChoiceButtons, ErrorLine, NumberField } from './controls';
import { metalNeededG } from './treeSections';
import { alloyName, grams, SOURCE_LABELS } from './treeText';

interface SectionProps {
  tree: TreeState;
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
}

type Source = keyof typeof SOURCE_LABELS;

export function MetalSection({ tree, actor, nameOf }: SectionProps) {
  const open = tree.stage === 'building' || tree.stage === 'invested' || tree.stage === 'kiln';
  return (
    <>
      <MetalTotals tree={tree} />
      {tree.metalIssued.length > 0 && (
        <ol className="tp-list" aria-label="Metal issued so far">
          {tree.metalIssued.map((m) => (
            <li key={m.eventId}>
              <span>
                <strong className="tp-num-inline">{grams(m.grams)}</strong>{' '}
                {SOURCE_LABELS[m.source]}
                {m.note ? ` (${m.note})` : ''} · issued by {nameOf(m.by)}
              </span>
              <span className="tp-when">{whenText(m.at)}</span>
            </li>
          ))}
        </ol>
      )}
      {actor && open && <IssueForm tree={tree} actor={actor} />}
    </>
  );
}

/** Issued so far against the total the weighing asks for, and what is still to weigh out. */
export function MetalTotals({ tree }: { tree: TreeState }) {
  const needed = metalNeededG(tree);
  const issued = metalIssuedG(tree).totalG;
  const rest = needed === null ? null : Math.round((needed - issued) * 100) / 100;
  return (
    <div className="tp-totals" aria-label="Metal issued against needed">
      <p>
        <span className="tp-big-num">{grams(issued)}</span> issued
        {needed !== null ? (
          <>
            {' '}
            of <span className="tp-big-num">{grams(needed)}</span> needed
          </>
        ) : (
          ' (weigh the tree to know what it needs)'
        )}
      </p>
      {rest !== null && rest > 0 && <p className="tp-warn">{grams(rest)} still to issue.</p>}
      {rest !== null && rest < 0 && (
        <p className="muted">{grams(-rest)} more than the tree needs: it comes back as button.</p>
      )}
      {rest === 0 && <p className="ok">All the metal is issued.</p>}
      <p className="hint">
        {alloyName(tree.alloyId)} only: metal of another alloy spoils the cast.
      </p>
    </div>
  );
}

function IssueForm({ tree, actor }: { tree: TreeState; actor: StaffMember }) {
  const [text, setText] = useState('');
  const [source, setSource] = useState<Source>('fresh');
  const [note, setNote] = useState('');
  const submit = useSubmit();

  const issue = (e: SyntheticEvent) => {
    e.preventDefault();
    const value = parseDecimal(text);
    if (value === undefined) {
      submit.setError(
        text.trim() === ''
          ? 'Enter the grams on the scale.'
          : 'Enter the grams as a number, like 58.20.',
      );
      return;
    }
    void submit
      .run(() => issueMetal(db, { treeId: tree.id, grams: value, source, note }, actor.id))
      .then((ok) => {
        if (!ok) return;
        setText('');
        setNote('');
      });
  };

  return (
    <form className="tp-form" aria-label="Issue metal" onSubmit={issue} noValidate>
      <NumberField label="Metal issued" unit="g" value={text} onChange={setText} />
      <ChoiceButtons
        label="From"
        value={source}
        onChange={setSource}
        choices={[
          { value: 'fresh', label: SOURCE_LABELS.fresh },
          { value: 'reused', label: SOURCE_LABELS.reused },
        ]}
      />
      <label className="tp-field">
        <span className="tp-label">Note — optional</span>
        <input value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="button button-primary tp-big" disabled={submit.busy}>
        Issue metal
      </button>
      <ErrorLine error={submit.error} />
    </form>
  );
}
