// What the ledger screens show, read from the ledger row: stock by alloy with fine weight per metal
// family, who holds metal, each scrap pot's weight and estimate, and each refining lot with its yield.
import { ALLOY_IDS, alloyById, type AlloyId, type MetalFamily } from '../metals';
import type { HolderData } from '../../protocol/ledger';
import { holderOf, potAccount, STOCK, type Account } from './accounts';
import { fromMg } from './legs';
import type { LedgerState, LotState } from './ledgerState';
import { estimatedFineGrams, fineGrams, POTS, type PotInfo } from './scrap';

export interface AlloyBalance {
  alloyId: AlloyId;
  grams: number;
  fineG: number;
}

/** An account's balances, in the alloys' order, leaving out alloys it holds none of. */
export function accountBalances(ledger: LedgerState, account: Account): AlloyBalance[] {
  const held = ledger.balancesMg[account] ?? {};
  return ALLOY_IDS.filter((id) => (held[id] ?? 0) !== 0).map((alloyId) => {
    const grams = fromMg(held[alloyId] ?? 0);
    return { alloyId, grams, fineG: fineGrams(grams, alloyId) };
  });
}

/** Grams of one alloy in an account (0 when none). */
export function balanceOf(ledger: LedgerState, account: Account, alloyId: AlloyId): number {
  return fromMg(ledger.balancesMg[account]?.[alloyId] ?? 0);
}

/** Fine weight per metal family, e.g. all the golds' fine gold together. */
export function fineByFamily(
  balances: readonly AlloyBalance[],
): Partial<Record<MetalFamily, number>> {
  const totals: Partial<Record<MetalFamily, number>> = {};
  for (const b of balances) {
    const family = alloyById(b.alloyId).family;
    totals[family] = (totals[family] ?? 0) + b.fineG;
  }
  return totals;
}

/** The shop's stock in the safe. */
export function stockBalances(ledger: LedgerState): AlloyBalance[] {
  return accountBalances(ledger, STOCK);
}

export interface HolderBalance {
  holder: HolderData;
  balances: AlloyBalance[];
}

/** Everyone and everything holding metal issued from stock now, benches first, then people, trees. */
export function holderBalances(ledger: LedgerState): HolderBalance[] {
  const order = { bench: 0, person: 1, tree: 2 } as const;
  const list: HolderBalance[] = [];
  for (const account of Object.keys(ledger.balancesMg)) {
    const holder = holderOf(account);
    if (!holder) continue;
    list.push({ holder, balances: accountBalances(ledger, account) });
  }
  return list.sort(
    (a, b) =>
      order[a.holder.kind] - order[b.holder.kind] ||
      (a.holder.id < b.holder.id ? -1 : a.holder.id > b.holder.id ? 1 : 0),
  );
}

export interface PotView extends PotInfo {
  balances: AlloyBalance[];
  grams: number;
  /** What the refiner is estimated to credit for it, in fine grams of the pot's family. */
  estimatedFineG: number;
}

/** Every pot, with what is in it now (an empty pot too: the bench deposits into it). */
export function potViews(ledger: LedgerState): PotView[] {
  return POTS.map((pot) => {
    const balances = accountBalances(ledger, potAccount(pot.id));
    return {
      ...pot,
      balances,
      grams: balances.reduce((t, b) => t + b.grams, 0),
      estimatedFineG: balances.reduce(
        (t, b) => t + estimatedFineGrams(b.grams, b.alloyId, pot.grade),
        0,
      ),
    };
  });
}

export type LotStatus = 'sealed' | 'at_refiner' | 'settled';

export interface LotView {
  lot: LotState;
  status: LotStatus;
  /** Grams sealed in, from every pot. */
  grams: number;
  estimatedFineG: number;
  /** Fine credited ÷ estimated, once settled: 1 is what was expected, 0.9 is 10 % short. */
  yieldRatio: number | null;
  /** Fine credited − estimated, once settled. */
  yieldDifferenceG: number | null;
}

/** A lot as the screens show it; null for a lot whose seal has not arrived on this tablet yet. */
export function lotView(lot: LotState): LotView | null {
  if (!lot.sealed) return null;
  const grams = lot.sealed.contents.reduce((t, c) => t + c.grams, 0);
  const estimatedFineG = lot.sealed.contents.reduce((t, c) => t + c.estimatedFineG, 0);
  const credited = lot.settled?.fineCreditedG ?? null;
  return {
    lot,
    status: lot.settled ? 'settled' : lot.sent ? 'at_refiner' : 'sealed',
    grams,
    estimatedFineG,
    yieldRatio: credited === null || estimatedFineG === 0 ? null : credited / estimatedFineG,
    yieldDifferenceG: credited === null ? null : credited - estimatedFineG,
  };
}

/** Lots not settled yet first (they stay in view until settled), newest sealed first. */
export function lotViews(ledger: LedgerState): LotView[] {
  const rank: Record<LotStatus, number> = { at_refiner: 0, sealed: 1, settled: 2 };
  return Object.values(ledger.lots)
    .map(lotView)
    .filter((v): v is LotView => v !== null)
    .sort(
      (a, b) =>
        rank[a.status] - rank[b.status] ||
        ((a.lot.sealed?.at ?? '') < (b.lot.sealed?.at ?? '') ? 1 : -1),
    );
}

/** The metal family a set of pots refines as: a lot is one family (platinum group apart). */
export function lotFamily(potIds: readonly string[]): MetalFamily | 'mixed' | null {
  const families = new Set(POTS.filter((p) => potIds.includes(p.id)).map((p) => p.family));
  if (families.size === 0) return null;
  return families.size === 1 ? ([...families][0] as MetalFamily) : 'mixed';
}
