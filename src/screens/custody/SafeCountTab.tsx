// Placeholder until its helper fills it in (issue 14, part 4).
export function SafeCountTab() {
  return <p className="muted">Coming soon.</p>;
}
