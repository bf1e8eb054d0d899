// What every tab of the metal screen is given: the ledger, the people it names, who is signed in, the scales.
import type { LedgerState } from '../../domain/ledger/ledgerState';
import type { StaffMember } from '../../domain/staff';
import type { ScaleData } from '../../protocol/ledger';

export interface LedgerScreenProps {
  ledger: LedgerState;
  /** Everyone ever on the staff list: the ledger names them. */
  people: readonly StaffMember[];
  /** The person signed in, or null: only they record. */
  actor: StaffMember | null;
  /** The scales a person may weigh on now. */
  scales: readonly ScaleData[];
  /** Every scale the shop has set, retired ones too: old movements name them. */
  allScales: readonly ScaleData[];
  nameOf: (staffId: string) => string;
}
