// Placeholder until its helper fills it in (issue 14).
export function NoticesSection() {
  return null;
}
