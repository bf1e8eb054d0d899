// The places a piece can be handed to: the shop's list lives in domain/handoffs.ts (badges, the safe
// count and scans read it too); ids are stored in custody events forever, never rename one.
export { SHOP_PLACES as PLACES } from '../../../domain/handoffs';
