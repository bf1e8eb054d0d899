// Which shop a command acts on (`--shop NAME`): the named one, or the only one when a box has just
// one, and otherwise a refusal that lists the shops, so a chain's owner never pairs into the wrong one.
import { nameKey, StoreInputError } from '../store/names';
import type { ShopRecord, Store } from '../store/store';

/** The command that adds a shop, as the refusals tell it. */
export const ADD_SHOP_HINT = 'npm run shops -- add NAME';

function listed(shops: readonly ShopRecord[]): string {
  return shops.map((s) => `"${s.name}"`).join(', ');
}

/**
 * The shop named `name` (case and extra spaces aside), or with no name the only shop there is.
 * Throws a StoreInputError whose message says what to type instead: with several shops and no
 * name, or a name no shop has, it lists the shops.
 */
export async function resolveShop(store: Store, name: string | null): Promise<ShopRecord> {
  const shops = await store.listShops();
  if (shops.length === 0) {
    throw new StoreInputError(`There is no shop yet. Add one with: ${ADD_SHOP_HINT}`);
  }
  if (name === null) {
    const [only, ...others] = shops;
    if (only && others.length === 0) return only;
    throw new StoreInputError(
      `There are ${shops.length} shops: ${listed(shops)}. Say which one with --shop NAME ` +
        `(e.g. --shop "${shops[0]?.name ?? ''}").`,
    );
  }
  const key = nameKey(name);
  const found = shops.find((s) => nameKey(s.name) === key);
  if (found) return found;
  throw new StoreInputError(
    `No shop is named "${name.trim()}". The shops are: ${listed(shops)}. ` +
      `To add one: ${ADD_SHOP_HINT}`,
  );
}

export interface ShopArgs {
  /** The name given with --shop, or null when none was. */
  shop: string | null;
  /** The arguments left once --shop and its name are taken out, in their order. */
  rest: string[];
}

/**
 * Takes `--shop NAME` or `--shop=NAME` out of a command's arguments. Throws (an Error with the
 * usage hint) for --shop without a name, or given twice.
 */
export function takeShopArg(args: readonly string[]): ShopArgs {
  let shop: string | null = null;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    let value: string | undefined;
    if (arg === '--shop') value = args[++i];
    else if (arg.startsWith('--shop=')) value = arg.slice('--shop='.length);
    else {
      rest.push(arg);
      continue;
    }
    if (value === undefined || value.trim() === '' || value.startsWith('--')) {
      throw new Error('--shop needs the name of a shop, like: --shop "Atelier Rose"');
    }
    if (shop !== null) throw new Error('Give --shop once: a command acts on one shop.');
    shop = value.trim();
  }
  return { shop, rest };
}
