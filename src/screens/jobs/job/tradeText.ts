// Work out at trade shops in the shop's words: kinds of trade shop, days out, overdue, money.
import { dayText } from '../../../domain/dates';
import { daysLate, daysOut, isOverdue, type TradeVisit } from '../../../domain/trade';
import type { TradeShopKind } from '../../../protocol/handoffs';
import { moneyText } from '../../metal/metalText';

export const TRADE_SHOP_KIND_LABELS: Readonly<Record<TradeShopKind, string>> = {
  trade_shop: 'Trade shop',
  setter: 'Stone setter',
  engraver: 'Engraver',
  plater: 'Plater',
  other: 'Other',
};

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** "Sent today", "1 day out", "12 days out". */
export function daysOutText(n: number): string {
  return n === 0 ? 'Sent today' : `${days(n)} out`;
}

/** "Overdue 3 days": said in words, so it never rests on colour. */
export function overdueText(late: number): string {
  return `Overdue ${days(late)}`;
}

/** Where a trip stands today, in words: out and how long, overdue, or back and when. */
export function standingText(visit: TradeVisit, today: string): string {
  const out = daysOut(visit, today);
  if (visit.sent === null || out === null) return 'Back, from a trip this tablet has no send of';
  if (visit.returned) {
    const late = daysLate(visit, today);
    return `Back ${dayText(visit.returned.returnedDate)} after ${days(out)}${late > 0 ? `, ${days(late)} late` : ''}`;
  }
  if (isOverdue(visit, today)) {
    return `${overdueText(daysLate(visit, today))}: ${daysOutText(out).toLowerCase()}`;
  }
  return visit.sent.expectedBack === today
    ? `${daysOutText(out)}, due back today`
    : `${daysOutText(out)}, expected back ${dayText(visit.sent.expectedBack)}`;
}

/** "1500.00", or words when none was recorded: the shop's own currency goes unsaid, as elsewhere. */
export function insuredText(cents: number | undefined): string {
  return cents === undefined ? 'no insurance value recorded' : `insured ${moneyText(cents)}`;
}
