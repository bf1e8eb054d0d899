// The ledger's accounts: where metal is (stock, a person, a bench, a tree, a scrap pot) and where it
// went (a supplier's delivery, customers' pieces, the refiner, loss). Movements are between two.
import type { HolderData, WeighPlaceData } from '../../protocol/ledger';

/** The shop's metal stock, kept in the safe. */
export const STOCK = 'stock';
/** Where received metal comes from: every supplier's deliveries together. */
export const SUPPLIERS = 'suppliers';
/** Metal that went into customers' pieces: stock added at a bench, a job's casting. */
export const JOBS = 'jobs';
/** Metal found missing (positive) or found over (negative) when a place was weighed. */
export const LOSS = 'loss';
/** Scrap that came from no one holder: floor sweeps and polishing dust of the whole shop. */
export const RECOVERED = 'recovered';

export type Account = string;

/** A holder's account: `person:<staff id>`, `bench:<id>`, `tree:<tree id>`. */
export function holderAccount(holder: HolderData): Account {
  return `${holder.kind}:${holder.id}`;
}

/** A weigh-in place's account: the stock, or a holder's. */
export function placeAccount(place: WeighPlaceData): Account {
  return place.kind === 'stock' ? STOCK : holderAccount(place);
}

/** A scrap pot's account: `pot:gold-14k/clean`. */
export function potAccount(potId: string): Account {
  return `pot:${potId}`;
}

/** The holder an account names, or null for stock, a pot or a sink. */
export function holderOf(account: Account): HolderData | null {
  const [kind, id] = splitAccount(account);
  if (id === undefined) return null;
  if (kind === 'person' || kind === 'tree') return { kind, id };
  if (kind === 'bench') return { kind, id };
  return null;
}

/** The pot an account names, or null. */
export function potOf(account: Account): string | null {
  const [kind, id] = splitAccount(account);
  return kind === 'pot' && id !== undefined ? id : null;
}

function splitAccount(account: Account): [string, string | undefined] {
  const colon = account.indexOf(':');
  return colon < 0 ? [account, undefined] : [account.slice(0, colon), account.slice(colon + 1)];
}
