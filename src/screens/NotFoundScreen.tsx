// A link that goes nowhere in the app.
import { Link, useLocation } from 'react-router';
import { EmptyState } from '../components/EmptyState';

export function NotFoundScreen() {
  const { pathname } = useLocation();
  return (
    <EmptyState title="Nothing here">
      <p>Loupe has no page at {pathname}.</p>
      <p>
        <Link to="/jobs" className="button">
          Go to jobs
        </Link>
      </p>
    </EmptyState>
  );
}
