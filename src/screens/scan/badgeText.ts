// What a badge says in words: whose it is and what they are, for the scan result, the badge's own
// link screen, Hand on and the printed badges.
import { STAFF_ROLE_LABELS } from '../../domain/staff';
import type { TradeShopKind } from '../../protocol/handoffs';
import { badgeName, type BadgeHolder } from '../../scan/badgeLink';

export const TRADE_SHOP_KIND_LABELS: Readonly<Record<TradeShopKind, string>> = {
  trade_shop: 'Trade shop',
  setter: 'Outside setter',
  engraver: 'Engraver',
  plater: 'Plater',
  other: 'Outside work',
};

/** "Mia Berg’s badge", "The badge of Bench 2", "A badge this tablet does not know". */
export function badgeTitle(holder: BadgeHolder): string {
  switch (holder.kind) {
    case 'staff':
      return `${holder.name}’s badge`;
    case 'place':
    case 'tradeShop':
      return `The badge of ${badgeName(holder)}`;
    case 'unknown':
      return 'A badge this tablet does not know';
  }
}

/** "Bench jeweler", "A place in the shop", "Outside setter": what the badge stands for. */
export function badgeRole(holder: BadgeHolder): string {
  switch (holder.kind) {
    case 'staff':
      return STAFF_ROLE_LABELS[holder.role];
    case 'place':
      return 'A place in the shop';
    case 'tradeShop':
      return TRADE_SHOP_KIND_LABELS[holder.tradeShop.kind];
    case 'unknown':
      return holder.badge === 'staff'
        ? 'A person'
        : holder.badge === 'place'
          ? 'A place'
          : 'A trade shop';
  }
}

/**
 * Why pieces cannot be handed on with this badge, or null when they can: a person who left, a trade
 * shop no longer used, or a badge this tablet does not know (another shop's, or not synced yet).
 */
export function badgeRefusal(holder: BadgeHolder): string | null {
  switch (holder.kind) {
    case 'staff':
      return holder.active
        ? null
        : `${holder.name} is no longer on the staff: pieces are not handed to them. Retire the badge.`;
    case 'place':
      return null;
    case 'tradeShop':
      return holder.tradeShop.active
        ? null
        : `${holder.tradeShop.name} is no longer used: no work is sent there. Retire the badge.`;
    case 'unknown':
      return holder.badge === 'place'
        ? 'This shop has no such place.'
        : `This tablet does not know this ${holder.badge === 'staff' ? 'person' : 'trade shop'}. If the badge is new, it works once the tablet has synced with the shop server.`;
  }
}
