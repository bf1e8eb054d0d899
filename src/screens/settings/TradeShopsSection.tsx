// Placeholder until its helper fills it in (issue 14).
export function TradeShopsSection() {
  return null;
}
