// The shop's own settings, kept in the meta table so they work offline.
import { useLiveQuery } from 'dexie-react-hooks';
import { checkShopName, DEFAULT_SHOP_NAME } from '../domain/shop';
import { db } from './db';

/** Changing this key loses every shop's saved name: it needs a migration. */
const SHOP_NAME_KEY = 'shop.name';

export async function getShopName(): Promise<string> {
  const row = await db.meta.get(SHOP_NAME_KEY);
  return typeof row?.value === 'string' ? row.value : DEFAULT_SHOP_NAME;
}

/** Saves the shop name, or throws with a message a person can act on. */
export async function saveShopName(input: string): Promise<string> {
  const check = checkShopName(input);
  if (!check.ok) throw new Error(check.message);
  await db.meta.put({ key: SHOP_NAME_KEY, value: check.name });
  return check.name;
}

/** The shop name, live; undefined while it is first read. */
export function useShopName(): string | undefined {
  return useLiveQuery(getShopName);
}
