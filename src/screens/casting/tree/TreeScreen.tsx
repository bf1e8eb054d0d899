// A casting tree's page (/casting/trees/:treeId): its waxes, weighing, metal, flask, burnout, cast and
// weigh-out, and history.
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { useCurrentStaff } from '../../../components/staff/useCurrentStaff';
import { useStaff, useTree } from '../../../db';
import { TreePage } from './TreePage';
import './tree.css';

export function TreeScreen() {
  const { treeId = '' } = useParams();
  const tree = useTree(treeId);
  const staff = useCurrentStaff();
  const people = useStaff();

  // Waits for the staff list too, so names never flash up as ids.
  if (tree === undefined || staff === undefined || people === undefined) {
    return <p className="tp-loading">Opening the tree…</p>;
  }
  if (tree === null) {
    return (
      <EmptyState title="Tree not on this tablet">
        <p>
          <strong>This tablet does not have that tree yet.</strong>
        </p>
        <p>
          A tree started on another tablet arrives here the next time this tablet reaches the shop
          server. The casting room has no network: carry the tablet out, or try again later.
        </p>
        <p>
          <Link to="/casting" className="button button-primary">
            Casting room
          </Link>
        </p>
      </EmptyState>
    );
  }
  return <TreePage tree={tree} staff={staff} people={people} />;
}
