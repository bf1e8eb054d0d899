// The doorway to IndexedDB: screens and stores import from here, never from dexie.
export { db } from './db';
export { DATABASE_NAME, LoupeDB } from './LoupeDB';
export { getShopName, saveShopName, useShopName } from './shopSettings';
