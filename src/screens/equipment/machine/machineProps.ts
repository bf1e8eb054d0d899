// What every card of a machine's page is given: the machine, who is signed in, names, today.
import type { EquipmentState } from '../../../domain/equipment/equipmentState';
import type { ShopState } from '../../../domain/shopState';
import type { StaffMember } from '../../../domain/staff';

export interface MachineProps {
  machine: EquipmentState;
  /** Null: nobody signed in, the page is read only. */
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
  /** This tablet's local day: what due dates count from. */
  today: string;
  /** This tablet's wall clock now (read again every minute). */
  nowMs: number;
  shop: ShopState;
}
