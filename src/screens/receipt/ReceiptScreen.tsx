// Placeholder until its helper fills it in (issue 14, part 5): the pick-up receipt to print.
export function ReceiptScreen() {
  return <p className="muted">Coming soon.</p>;
}
