// "Start a tree": the caster picks the alloy with one big tap and lands on the new tree's page.
import { ErrorLine } from '../../../components/ErrorLine';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { db, startTree } from '../../../db';
import { RequireStaff } from '../../../components/staff/RequireStaff';
import { ALLOYS, ALLOY_IDS, type AlloyId, type MetalFamily } from '../../../domain/metals';
import type { StaffMember } from '../../../domain/staff';
import { useSubmit } from '../../jobs/job/useSubmit';

const FAMILY_LABELS: Record<MetalFamily, string> = {
  gold: 'Gold',
  silver: 'Silver',
  platinum: 'Platinum',
  palladium: 'Palladium',
};

const FAMILIES: readonly MetalFamily[] = ['gold', 'silver', 'platinum', 'palladium'];

export function StartTreeForm() {
  const [open, setOpen] = useState(false);
  const headingId = useId();
  if (!open) {
    return (
      <button
        type="button"
        className="button button-primary cast-start"
        onClick={() => setOpen(true)}
      >
        Start a tree
      </button>
    );
  }
  return (
    <section className="cast-start-panel" aria-labelledby={headingId}>
      <div className="cast-start-head">
        <h3 id={headingId}>Start a tree: which alloy?</h3>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      <RequireStaff>{(staff) => <AlloyPicker staff={staff} />}</RequireStaff>
    </section>
  );
}

function AlloyPicker({ staff }: { staff: StaffMember }) {
  const navigate = useNavigate();
  const submit = useSubmit();
  const start = (alloyId: AlloyId) => {
    void submit.run(async () => {
      const treeId = await startTree(db, { alloyId }, staff.id);
      void navigate(`/casting/trees/${treeId}`);
    });
  };
  return (
    <>
      {FAMILIES.map((family) => {
        const alloys = ALLOY_IDS.filter((id) => ALLOYS[id].family === family);
        return (
          <fieldset key={family} className="cast-alloys">
            <legend>{FAMILY_LABELS[family]}</legend>
            {alloys.map((id) => (
              <button
                key={id}
                type="button"
                className={`cast-alloy cast-alloy-${ALLOYS[id].colour ?? family}`}
                disabled={submit.busy}
                onClick={() => start(id)}
              >
                {ALLOYS[id].name}
              </button>
            ))}
          </fieldset>
        );
      })}
      <ErrorLine error={submit.error} />
    </>
  );
}
