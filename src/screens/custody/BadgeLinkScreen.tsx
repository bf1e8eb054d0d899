// Placeholder until its helper fills it in (issue 14, part 4): what a badge's QR link opens.
export function BadgeLinkScreen() {
  return <p className="muted">Coming soon.</p>;
}
