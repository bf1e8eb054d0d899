// The shop's own stream (staff, casting settings) folded into one row, the same in any arrival order.
import { isRealStamp } from './clock';
import type { Attribution } from './job';
import type { StaffMember } from './staff';
import {
  inStreamOrder,
  sortsAfter,
  withSkipped,
  type StreamHead,
  type StreamProjection,
} from './streamProjection';
import type { ServiceKind } from './checklists';
import type { AlloyId } from './metals';
import type { StaffRole } from '../protocol/roles';
import type { BurnoutProgramData } from '../protocol/casting';
import type { SafeCountData, TradeShopData } from '../protocol/handoffs';
import type { ScaleData } from '../protocol/ledger';
import {
  readStoredEvent,
  type EventData,
  type LoupeEvent,
  type StoredEvent,
} from '../protocol/events';
import { SHOP_STREAM_ID } from '../protocol/streams';
import { emptyShop } from './emptyShop';

/** A burnout program the shop added (the built-in ones live in domain/casting/burnout.ts). */
export interface ShopProgram {
  program: BurnoutProgramData;
  /** Retired programs stay listed (runs name them), never offered for a new run. */
  retired: boolean;
  added: Attribution;
}

export interface ShopState extends StreamHead {
  id: typeof SHOP_STREAM_ID;
  /** Everyone ever on the staff list (the history names them), in name order. */
  staff: StaffMember[];
  /** Programs the shop added, in the order they were added. */
  programs: ShopProgram[];
  /** The casting loss a tree may show before it is flagged, in %; null = the built-in default. */
  lossThresholdPct: number | null;
  /** The shop's scales, in the order first set; a retired one stays (the ledger names it). */
  scales: ScaleData[];
  /** Trade shops and outside setters, in the order first set; an inactive one stays listed. */
  tradeShops: TradeShopData[];
  /** Warranty days the shop set per kind of service; a kind not here has the built-in default. */
  warrantyDays: Partial<Record<ServiceKind, number>>;
  /** Whether (and as whom) the server tells customers their piece is ready; null = never set: off. */
  noticeSettings: EventData<'notice.settings_set'> | null;
  /** The latest safe counts, newest last (at most SAFE_COUNTS_KEPT; older ones stay in the history). */
  safeCounts: (SafeCountData & Attribution)[];
  /** Labour rates in cents per hour: per role, and per person (which wins over their role's). */
  labourRates: { roles: Partial<Record<StaffRole, number>>; staff: Record<string, number> };
  /** The shop's price of each alloy in cents per gram, for metal a job used. */
  metalPrices: Partial<Record<AlloyId, number>>;
}

/** How many safe counts the shop row keeps; every one stays an event in the shop's history. */
export const SAFE_COUNTS_KEPT = 30;

/** The shop before any of its events (its own module: the first screen reads it, not the fold). */
export { emptyShop };

/**
 * All of the shop stream's events → the shop. The shop needs no opening event, so this is never
 * null; it never throws because of an event: one it cannot fold is counted in `skipped`.
 */
export function foldShop(events: readonly StoredEvent[]): ShopState {
  return applyInOrder(emptyShop(), inStreamOrder(events));
}

/**
 * Events that all sort after the shop's last folded one: the same result as folding everything
 * again. Callers check that first and fold in full otherwise.
 */
export function applyToShop(shop: ShopState, events: readonly StoredEvent[]): ShopState {
  const ordered = inStreamOrder(events);
  for (const e of ordered) {
    // A head of no stamp (nothing folded at a real time yet): everything comes after it.
    if (shop.lastAt !== '' && !sortsAfter(shop, e)) {
      throw new Error(`Event ${e.id} sorts before the shop's last event: fold the shop in full.`);
    }
  }
  return applyInOrder(shop, ordered);
}

export const SHOP_PROJECTION: StreamProjection<ShopState> = {
  kind: 'shop',
  fold: foldShop,
  extend: applyToShop,
};

function applyInOrder(shop: ShopState, ordered: readonly StoredEvent[]): ShopState {
  // A row folded before version 7 lacks the newer fields until its re-fold: read them as empty.
  let next: ShopState = { ...emptyShop(), ...shop };
  for (const e of ordered) next = applyOne(next, e);
  return next.staff === shop.staff ? next : { ...next, staff: inNameOrder(next.staff) };
}

/** Name order; two people of the same name (one left, one joined) by id, so every tablet agrees. */
function inNameOrder(staff: readonly StaffMember[]): StaffMember[] {
  return staff
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function applyOne(shop: ShopState, stored: StoredEvent): ShopState {
  const counted = { ...shop, eventCount: shop.eventCount + 1 };
  // A stamp that is not a real time sorts last and is never folded, nor becomes the head.
  if (!isRealStamp(stored.at)) return withSkipped(counted, stored.type);
  const base = { ...counted, lastAt: stored.at, lastEventId: stored.id };
  try {
    const read = readStoredEvent(stored);
    if (!read.known) return withSkipped(base, stored.type);
    return applyKnown(base, read.event) ?? withSkipped(base, stored.type);
  } catch {
    // Data that slipped past the schemas in a shape the fold did not expect: kept, not folded.
    return withSkipped(base, stored.type);
  }
}

/** One known event's effect; null when it does not apply (another stream's type, no such person). */
function applyKnown(shop: ShopState, e: LoupeEvent): ShopState | null {
  switch (e.type) {
    case 'staff.added':
      // The first addition of an id stands; adding it again changes nothing.
      if (shop.staff.some((s) => s.id === e.data.staffId)) return shop;
      return { ...shop, staff: [...shop.staff, added(e.data)] };
    case 'staff.updated': {
      const index = shop.staff.findIndex((s) => s.id === e.data.staffId);
      if (index < 0) return null;
      const staff = shop.staff.slice();
      staff[index] = { ...(staff[index] as StaffMember), ...definedOnly(e.data) };
      return { ...shop, staff };
    }
    case 'casting.program_added': {
      // Ids are the program's for good: the first addition stands, a changed program is a new id.
      if (shop.programs.some((p) => p.program.id === e.data.program.id)) return shop;
      const who = { by: e.actor, at: e.at, eventId: e.id };
      return {
        ...shop,
        programs: [...shop.programs, { program: e.data.program, retired: false, added: who }],
      };
    }
    case 'casting.program_retired': {
      // The tablet retiring it had seen it added, so its clock stamped the retirement later.
      const index = shop.programs.findIndex((p) => p.program.id === e.data.programId);
      if (index < 0) return null;
      const programs = shop.programs.slice();
      programs[index] = { ...(programs[index] as ShopProgram), retired: true };
      return { ...shop, programs };
    }
    case 'casting.loss_threshold_set':
      // Last writer wins: events are applied in stamp order.
      return { ...shop, lossThresholdPct: e.data.pct };
    case 'scale.set': {
      // Last writer wins per scale: events are applied in stamp order.
      const index = shop.scales.findIndex((s) => s.scaleId === e.data.scaleId);
      const scales = shop.scales.slice();
      if (index < 0) scales.push(e.data);
      else scales[index] = e.data;
      return { ...shop, scales };
    }
    case 'trade.shop_set': {
      // Last writer wins per trade shop: events are applied in stamp order.
      const index = shop.tradeShops.findIndex((t) => t.tradeShopId === e.data.tradeShopId);
      const tradeShops = shop.tradeShops.slice();
      if (index < 0) tradeShops.push(e.data);
      else tradeShops[index] = e.data;
      return { ...shop, tradeShops };
    }
    case 'warranty.set':
      return { ...shop, warrantyDays: { ...shop.warrantyDays, [e.data.serviceKind]: e.data.days } };
    case 'notice.settings_set':
      return { ...shop, noticeSettings: e.data };
    case 'safe.counted': {
      // Applied in stamp order, so the newest SAFE_COUNTS_KEPT are the same on every tablet.
      const who = { by: e.actor, at: e.at, eventId: e.id };
      return {
        ...shop,
        safeCounts: [...shop.safeCounts, { ...e.data, ...who }].slice(-SAFE_COUNTS_KEPT),
      };
    }
    case 'price.labour_set': {
      // Last writer wins per role and per person; null takes a person's own rate away again.
      const { roles, staff } = shop.labourRates;
      const cents = e.data.centsPerHour;
      if ('role' in e.data) {
        const { [e.data.role]: _was, ...others } = roles;
        return {
          ...shop,
          labourRates: {
            staff,
            roles: cents === null ? others : { ...others, [e.data.role]: cents },
          },
        };
      }
      const { [e.data.staffId]: _was, ...others } = staff;
      return {
        ...shop,
        labourRates: {
          roles,
          staff: cents === null ? others : { ...others, [e.data.staffId]: cents },
        },
      };
    }
    case 'price.metal_set':
      return {
        ...shop,
        metalPrices: { ...shop.metalPrices, [e.data.alloyId]: e.data.centsPerGram },
      };
    default:
      // A job's, a tree's or the ledger's event never belongs to the shop: kept, skipped.
      return null;
  }
}

function added(d: EventData<'staff.added'>): StaffMember {
  return { id: d.staffId, name: d.name, role: d.role, active: true, pin: d.pin };
}

function definedOnly(d: EventData<'staff.updated'>): Partial<StaffMember> {
  return {
    ...(d.name !== undefined ? { name: d.name } : {}),
    ...(d.role !== undefined ? { role: d.role } : {}),
    ...(d.active !== undefined ? { active: d.active } : {}),
    ...(d.pin !== undefined ? { pin: d.pin } : {}),
  };
}
