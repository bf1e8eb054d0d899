// Custody → Out at trade shops: every piece sent out and not yet back, by trade shop, overdue first,
// with its days out and what the pieces at each shop are insured for together.
import { useId } from 'react';
import { Link } from 'react-router';
import { useShop } from '../../db';
import { useJobsOutAtTradeShops } from '../../db/tradeQueries';
import { dayText } from '../../domain/dates';
import { outAtTradeShops, type OutAtShop, type OutPiece } from '../../domain/trade';
import type { TradeShopData } from '../../protocol/handoffs';
import { ITEM_KIND_LABELS } from '../intake/labels';
import { useToday } from '../jobs/list/useToday';
import { moneyText } from '../metal/metalText';
import {
  daysOutText,
  insuredText,
  overdueText,
  TRADE_SHOP_KIND_LABELS,
} from '../jobs/job/tradeText';
import './trade.css';

export function TradeTab() {
  const jobs = useJobsOutAtTradeShops();
  const shop = useShop();
  const today = useToday();
  if (jobs === undefined || shop === undefined) return <p className="muted">Reading…</p>;
  const groups = outAtTradeShops(jobs, shop.tradeShops, today);
  if (groups.length === 0) {
    return (
      <p className="empty-state">
        Nothing is out at a trade shop. A piece is sent from its job page: “Send to trade shop…”.
      </p>
    );
  }
  const pieces = groups.reduce((n, g) => n + g.pieces.length, 0);
  const overdue = groups.reduce((n, g) => n + g.overdue, 0);
  return (
    <div className="trade-out">
      <p className="trade-out-summary" role="status">
        {pieces === 1 ? '1 piece' : `${pieces} pieces`} out at{' '}
        {groups.length === 1 ? '1 trade shop' : `${groups.length} trade shops`}
        {overdue > 0 ? `, ${overdue} overdue` : ', none overdue'}.
      </p>
      {groups.map((g) => (
        <ShopGroup
          key={g.tradeShopId}
          group={g}
          tradeShop={shop.tradeShops.find((t) => t.tradeShopId === g.tradeShopId)}
        />
      ))}
    </div>
  );
}

function ShopGroup({
  group,
  tradeShop,
}: {
  group: OutAtShop;
  tradeShop: TradeShopData | undefined;
}) {
  const headingId = useId();
  const count = group.pieces.length;
  return (
    <section className="trade-shop" aria-labelledby={headingId}>
      <div className="trade-shop-head">
        <h3 id={headingId}>{group.name}</h3>
        <p>
          {tradeShop ? TRADE_SHOP_KIND_LABELS[tradeShop.kind] : 'Trade shop'}
          {tradeShop?.phone && (
            <>
              {' · '}
              <a href={`tel:${tradeShop.phone.replace(/[^\d+]/g, '')}`}>{tradeShop.phone}</a>
            </>
          )}
        </p>
      </div>
      <p className="trade-shop-total">
        {count === 1 ? '1 piece' : `${count} pieces`} ·{' '}
        {group.unvalued === count ? (
          'no insurance value recorded'
        ) : (
          <>
            insured <strong>{moneyText(group.insuredCents)}</strong> in all
            {group.unvalued > 0 &&
              ` (${group.unvalued === 1 ? '1 piece has' : `${group.unvalued} pieces have`} no value recorded)`}
          </>
        )}
        {group.overdue > 0 && ` · ${group.overdue} overdue`}
      </p>
      <ul className="trade-pieces" aria-label={`Out at ${group.name}`}>
        {group.pieces.map((p) => (
          <PieceRow key={p.visit.sentEventId} piece={p} />
        ))}
      </ul>
    </section>
  );
}

function PieceRow({ piece }: { piece: OutPiece }) {
  const { job, visit } = piece;
  const { sent } = visit;
  return (
    <li
      className={piece.overdue ? 'trade-piece trade-piece-overdue' : 'trade-piece'}
      aria-label={job.envelopeNumber}
    >
      <div className="trade-piece-main">
        <Link className="trade-envelope" to={`/jobs/${job.id}`}>
          {job.envelopeNumber}
        </Link>
        <span>
          <strong>{job.customer.name}</strong> · {ITEM_KIND_LABELS[job.item.kind]}:{' '}
          {job.item.description}
        </span>
        <span className={piece.overdue ? 'trade-days trade-days-overdue' : 'trade-days'}>
          {piece.overdue
            ? `${overdueText(piece.daysLate)} · ${daysOutText(piece.daysOut).toLowerCase()}`
            : daysOutText(piece.daysOut)}
        </span>
      </div>
      <p className="trade-work">{sent.work}</p>
      <p className="trade-facts">
        Sent {dayText(sent.sentDate)} · expected back {dayText(sent.expectedBack)} · taken by{' '}
        {sent.takenBy} · {insuredText(sent.insuranceValueCents)}
      </p>
    </li>
  );
}
