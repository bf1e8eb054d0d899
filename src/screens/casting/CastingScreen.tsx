// The casting room: trees, flasks and burnout timers that survive the tablet sleeping.
import { EmptyState } from '../../components/EmptyState';

export function CastingScreen() {
  return (
    <EmptyState title="No flasks in the kiln">
      <p>
        Wax trees, flasks and their burnout programs will show here, with timers that keep running
        while the tablet sleeps. The casting room needs no network.
      </p>
    </EmptyState>
  );
}
