// Where a scanned flask tag leads (/f/:flaskId): the tree in that flask now, if this tablet has it.
//
// Any camera app opens the tag's link, and offline the service worker answers with the cached
// shell. The look-up stays live, so a tree that arrives by sync while this is shown opens by itself.
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { useTreeInFlask } from '../../../db';
import { flaskIdSchema } from '../../../protocol/casting';
import { treePath } from '../../../scan/resolveScan';

export function FlaskLinkScreen() {
  const { flaskId = '' } = useParams();
  const parsed = flaskIdSchema.safeParse(flaskId);
  const id = parsed.success ? parsed.data : '';
  const tree = useTreeInFlask(id);
  const [search] = useSearchParams();

  if (!parsed.success) {
    return (
      <EmptyState title="Not a flask tag">
        <p>This link does not name a flask. Scan the flask’s tag again.</p>
        <Places />
      </EmptyState>
    );
  }
  // Still looking: show nothing rather than flash "not here" before the tree opens.
  if (tree === undefined) return null;
  if (tree !== null) return <Navigate to={treePath(tree.id)} replace />;

  const tagHost = search.get('from');
  return (
    <EmptyState title={`Flask ${id}`}>
      <p>
        <strong>No tree on this tablet is in flask {id}.</strong>
      </p>
      <p>
        It may not be synced yet: a tree invested on another tablet appears here once this tablet
        reaches the shop server, and this page opens it by itself.
      </p>
      {tagHost !== null && tagHost !== '' && (
        <p className="muted">The tag was printed by the Loupe server at {tagHost}.</p>
      )}
      <Places />
    </EmptyState>
  );
}

function Places() {
  return (
    <p className="scan-places">
      <Link to="/casting" className="button button-primary">
        Casting room
      </Link>{' '}
      <Link to="/scan" className="button">
        Scan
      </Link>
    </p>
  );
}
