// The ids of the streams there is only one of: plain constants, apart from the table of which
// stream each event type belongs to (streams.ts), so reading the shop's row needs nothing else.

/** The id of the shop's one stream (staff, settings): not a ULID, so it is never a job or tree. */
export const SHOP_STREAM_ID = 'shop';

/**
 * The metal ledger is one stream with this fixed id: a ULID, so tablets and servers from before the
 * ledger read its events as any other stream's; of time zero, so no job or tree is ever given it.
 */
export const LEDGER_STREAM_ID = '00000000000000000000000000';

/**
 * The chemical waste log is one stream with this fixed id: a ULID of time zero like the ledger's,
 * one past it.
 */
export const WASTE_STREAM_ID = '00000000000000000000000001';
