// The names the loss report and the CSV say instead of ids: staff, scales, benches, corrections.
import { useMemo } from 'react';
import { useLedger, useShop, useStaff } from '../../../db';
import type { LedgerNames } from '../../../domain/ledger/csv';
import { PLACES } from '../../jobs/job/places';

/** Bench labels by id, from the places a piece can be handed to ('bench_1' → 'Bench 1'). */
const BENCHES: Readonly<Record<string, string>> = Object.fromEntries(
  PLACES.map((p) => [p.id, p.label]),
);

/** The tablet's names for the ledger's ids, live; undefined until staff, scales and ledger are read. */
export function useLedgerNames(): LedgerNames | undefined {
  const staff = useStaff();
  const shop = useShop();
  const ledger = useLedger();
  return useMemo(() => {
    if (!staff || !shop || !ledger) return undefined;
    return {
      staff: Object.fromEntries(staff.map((s) => [s.id, s.name])),
      scales: shop.scales,
      benches: BENCHES,
      corrected: ledger.corrected,
    };
  }, [staff, shop, ledger]);
}
