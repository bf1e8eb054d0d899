// A tree's page proper: its stages in the order a caster works, the one at hand open and first, the
// later ones folded, the finished ones summed up; then notes and the whole history.
import { useState } from 'react';
import { SignInPanel } from '../../../components/staff/SignInPanel';
import { treeCode, type TreeState } from '../../../domain/casting/tree';
import type { StaffMember } from '../../../domain/staff';
import { useStaffNames } from '../../jobs/job/useStaffNames';
import { BurnoutSection } from './BurnoutSection';
import { CastSection } from './CastSection';
import { FlaskSection } from './FlaskSection';
import { MetalSection } from './MetalSection';
import { NotesPanel, TreeHistory } from './NotesSection';
import { sectionSummary } from './sectionSummary';
import { StageCard, type StageRole } from './StageCard';
import { TreeHeader } from './TreeHeader';
import { planSections, SECTION_TITLES, type SectionId } from './treeSections';
import { useBurnoutReady } from './useBurnoutReady';
import { WaxesSection } from './WaxesSection';
import { WeighOutSection } from './WeighOutSection';
import { WeighSection } from './WeighSection';

interface TreePageProps {
  tree: TreeState;
  /** The person signed in, or null: only they record. */
  staff: StaffMember | null;
  /** Everyone ever on the staff list: the record names them. */
  people: readonly StaffMember[];
}

export function TreePage({ tree, staff, people }: TreePageProps) {
  const nameOf = useStaffNames(people);
  const burnoutReady = useBurnoutReady(tree);
  const plan = planSections(tree, burnoutReady);
  // Sections opened by hand stay open as the tree moves on; the current one is always open.
  const [opened, setOpened] = useState<ReadonlySet<SectionId>>(() => new Set());
  const toggle = (id: SectionId) =>
    setOpened((set) => {
      const next = new Set(set);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const content = (id: SectionId) => {
    const props = { tree, actor: staff, nameOf };
    switch (id) {
      case 'waxes':
        return <WaxesSection {...props} />;
      case 'weigh':
        return <WeighSection {...props} />;
      case 'metal':
        return <MetalSection {...props} />;
      case 'flask':
        return <FlaskSection {...props} />;
      case 'burnout':
        return <BurnoutSection {...props} />;
      case 'cast':
        return <CastSection {...props} burnoutReady={burnoutReady} />;
      case 'weighOut':
        return <WeighOutSection {...props} />;
    }
  };

  const card = (id: SectionId, role: StageRole) => (
    <StageCard
      key={id}
      title={SECTION_TITLES[id]}
      role={role}
      open={role === 'current' || opened.has(id)}
      onToggle={() => toggle(id)}
      summary={sectionSummary(id, tree)}
    >
      {content(id)}
    </StageCard>
  );

  return (
    <article className="tp" aria-label={`Tree ${treeCode(tree)}`}>
      {staff === null && (
        <section className="tp-card tp-sign-in">
          <p>
            <strong>Sign in to record work on this tree.</strong>
          </p>
          <SignInPanel />
        </section>
      )}
      <TreeHeader tree={tree} nameOf={nameOf} />
      <div className="tp-columns">
        <div className="tp-main">{card(plan.current, 'current')}</div>
        <div className="tp-side">
          {plan.later.length > 0 && <h3 className="tp-group">Later</h3>}
          {plan.later.map((id) => card(id, 'later'))}
          {plan.earlier.length > 0 && <h3 className="tp-group">Done so far</h3>}
          {plan.earlier.map((id) => card(id, 'done'))}
          <NotesPanel tree={tree} actor={staff} nameOf={nameOf} />
        </div>
      </div>
      <TreeHistory tree={tree} nameOf={nameOf} />
    </article>
  );
}
