// The shop before any of its events: what a tablet that has synced nothing yet shows. No fold or
// schema behind it, so the header and sign-in read it without loading how events are read.
import type { ShopState } from './shopState';
import { SHOP_STREAM_ID } from '../protocol/streamIds';

export function emptyShop(): ShopState {
  return {
    id: SHOP_STREAM_ID,
    lastAt: '',
    lastEventId: '',
    eventCount: 0,
    skipped: { count: 0, types: [] },
    staff: [],
    programs: [],
    lossThresholdPct: null,
    scales: [],
    tradeShops: [],
    warrantyDays: {},
    noticeSettings: null,
    safeCounts: [],
    labourRates: { roles: {}, staff: {} },
    metalPrices: {},
  };
}
