// Search terms for the job list: a person types part of a name, a phone number or an envelope number.
import { envelopeKey } from './envelopes';

/** Lower case, accents folded ("José" → "jose"), so a gloved quick type still finds the customer. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function words(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** At least this many digits before a query is treated as a phone number. */
const PHONE_QUERY_DIGITS = 3;

/**
 * Terms a job is found by, for a multi-entry index searched by prefix: words of the customer's name,
 * the phone's digits (whole, and its last 4 as people often say them) and every envelope key.
 */
export function searchTermsForJob(job: {
  customer: { name: string; phone?: string | undefined };
  envelopeKeys: readonly string[];
}): string[] {
  const terms = new Set<string>(words(job.customer.name));
  const digits = (job.customer.phone ?? '').replace(/\D/g, '');
  if (digits.length > 0) {
    terms.add(digits);
    if (digits.length > 4) terms.add(digits.slice(-4));
  }
  for (const key of job.envelopeKeys) terms.add(key.toLowerCase());
  return [...terms];
}

/**
 * What a search box query looks for: each term must prefix one of a job's terms. An envelope number
 * or phone number typed with dashes and spaces is one term, as the job stores it.
 */
export function searchQueryTerms(query: string): string[] {
  const trimmed = query.trim();
  if (trimmed === '') return [];
  const digits = trimmed.replace(/[\s\-()+.]/g, '');
  if (/^\d+$/.test(digits) && digits.length >= PHONE_QUERY_DIGITS) return [digits];
  if (/^[\p{L}\p{N}]+([\s-]+[\p{L}\p{N}]+)*$/u.test(trimmed) && /\d/.test(trimmed)) {
    return [envelopeKey(trimmed).toLowerCase()];
  }
  return words(trimmed);
}

/** True when every query term prefixes some term of the job. */
export function matchesSearch(jobTerms: readonly string[], queryTerms: readonly string[]): boolean {
  return queryTerms.every((q) => jobTerms.some((t) => t.startsWith(q)));
}
