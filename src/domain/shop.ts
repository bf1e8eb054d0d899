// Rules for the shop's own settings, shared by the app and the server.

export const SHOP_NAME_MAX_LENGTH = 60;
export const DEFAULT_SHOP_NAME = 'Loupe';

export type ShopNameCheck = { ok: true; name: string } | { ok: false; message: string };

/** A shop name as it appears in the header and on envelope labels. */
export function checkShopName(input: string): ShopNameCheck {
  const name = input.trim().replace(/\s+/g, ' ');
  if (name === '') return { ok: false, message: 'Enter the shop name.' };
  if (name.length > SHOP_NAME_MAX_LENGTH) {
    return {
      ok: false,
      message: `Keep the shop name to ${SHOP_NAME_MAX_LENGTH} characters (it has ${name.length}).`,
    };
  }
  return { ok: true, name };
}
