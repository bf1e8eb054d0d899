import { describe, expect, it } from 'vitest';
import { checkShopName, SHOP_NAME_MAX_LENGTH } from '../../src/domain/shop';

describe('checkShopName', () => {
  it.each([
    ['Goldsmith & Co', { ok: true, name: 'Goldsmith & Co' }],
    ['  Bench   Nine  ', { ok: true, name: 'Bench Nine' }],
    ['', { ok: false, message: 'Enter the shop name.' }],
    ['   ', { ok: false, message: 'Enter the shop name.' }],
    [
      'x'.repeat(SHOP_NAME_MAX_LENGTH + 1),
      { ok: false, message: `Keep the shop name to 60 characters (it has 61).` },
    ],
  ])('%j → %j', (input, expected) => {
    expect(checkShopName(input)).toEqual(expected);
  });
});
