// The link a badge's QR code carries: a person, a place of the shop or a trade shop, for hand-offs.
import { shopPlace } from '../domain/handoffs';
import { ULID_PATTERN } from '../domain/ids';
import type { CustodyTarget } from '../domain/job';
import type { ShopState } from '../domain/shopState';
import type { StaffRole } from '../protocol/events';
import type { TradeShopData } from '../protocol/handoffs';

/** What a badge stands for. The letters in the link are printed on badges: never change one. */
export type BadgeKind = 'staff' | 'place' | 'tradeShop';

const LETTER_OF: Readonly<Record<BadgeKind, string>> = { staff: 's', place: 'p', tradeShop: 't' };
const KIND_OF: Readonly<Record<string, BadgeKind>> = { s: 'staff', p: 'place', t: 'tradeShop' };

export interface BadgeRef {
  kind: BadgeKind;
  /** A staff id or trade shop id (ULIDs, upper case), or a place id (lower case, e.g. bench_1). */
  id: string;
}

/**
 * The path of a badge link; group 1 is the kind's letter, group 2 the id. Matched without regard
 * to case: a QR generator in alphanumeric mode shouts the whole URL, and the badge must still read.
 */
export const BADGE_LINK_PATH_PATTERN = /^\/b\/([spt])\/([A-Za-z0-9_]{1,64})$/i;

/** A place id as SHOP_PLACES has them (domain/handoffs.ts). */
const PLACE_ID_PATTERN = /^[a-z][a-z0-9_]{0,31}$/;

/** The path of a badge, `/b/<letter>/<id>`, as the app's route has it. */
export function badgePath(badge: BadgeRef): string {
  return `/b/${LETTER_OF[badge.kind]}/${encodeURIComponent(badge.id)}`;
}

/**
 * The link on a badge: `${origin}/b/<s|p|t>/<id>`. `origin` is scheme, host and port with no
 * trailing slash (window.location.origin), as for a job label (jobLink.ts): a phone's camera opens
 * it, and the bench scanner reads it whatever address printed it.
 */
export function badgeLinkUrl(origin: string, badge: BadgeRef): string {
  return `${origin}${badgePath(badge)}`;
}

/**
 * A badge from the two parts of its path (the letter and the id), or null when they name none:
 * ids are put in their own case (ULIDs upper, place ids lower), so a shouted link still reads.
 */
export function readBadge(letter: string, rawId: string): BadgeRef | null {
  const kind = KIND_OF[letter.toLowerCase()];
  if (kind === undefined) return null;
  if (kind === 'place') {
    const id = rawId.toLowerCase();
    return PLACE_ID_PATTERN.test(id) ? { kind, id } : null;
  }
  const id = rawId.toUpperCase();
  return ULID_PATTERN.test(id) ? { kind, id } : null;
}

/** Whose badge it is, as this tablet's shop row knows it. */
export type BadgeHolder =
  | { kind: 'staff'; id: string; name: string; role: StaffRole; active: boolean }
  | { kind: 'place'; id: string; target: CustodyTarget }
  | { kind: 'tradeShop'; id: string; tradeShop: TradeShopData }
  /** No such person, place or trade shop here: another shop's badge, or not synced yet. */
  | { kind: 'unknown'; badge: BadgeKind; id: string };

/** Looks a badge up in the shop: the person (active or retired), the place or the trade shop. */
export function whoseBadge(
  shop: Pick<ShopState, 'staff' | 'tradeShops'>,
  badge: BadgeRef,
): BadgeHolder {
  switch (badge.kind) {
    case 'staff': {
      const person = shop.staff.find((s) => s.id === badge.id);
      if (!person) break;
      return {
        kind: 'staff',
        id: person.id,
        name: person.name,
        role: person.role,
        active: person.active,
      };
    }
    case 'place': {
      const target = shopPlace(badge.id);
      if (!target) break;
      return { kind: 'place', id: target.id, target };
    }
    case 'tradeShop': {
      const tradeShop = shop.tradeShops.find((t) => t.tradeShopId === badge.id);
      if (!tradeShop) break;
      return { kind: 'tradeShop', id: tradeShop.tradeShopId, tradeShop };
    }
  }
  return { kind: 'unknown', badge: badge.kind, id: badge.id };
}

/** "Mia Berg", "Bench 2", "Kovac Setting": what a badge says in a sentence. */
export function badgeName(holder: BadgeHolder): string {
  switch (holder.kind) {
    case 'staff':
      return holder.name;
    case 'place':
      return holder.target.label;
    case 'tradeShop':
      return holder.tradeShop.name;
    case 'unknown':
      return holder.badge === 'staff'
        ? 'a person not on this tablet'
        : holder.badge === 'place'
          ? 'a place this shop does not have'
          : 'a trade shop not on this tablet';
  }
}
