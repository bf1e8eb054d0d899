// Placeholder until its helper fills it in (issue 14, part 4).
export function HandOnTab() {
  return <p className="muted">Coming soon.</p>;
}
