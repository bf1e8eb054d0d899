// The shop's prices for the job's cost: labour rates per role or person and metal prices per gram.
// Only a manager changes them, checked in the transaction that records them (the staff list read there).
import type { ShopState } from '../domain/shopState';
import { ALLOY_IDS, ALLOYS, type AlloyId } from '../domain/metals';
import { STAFF_ROLE_LABELS } from '../domain/staff';
import { SHOP_JOB_ID } from '../protocol/events';
import { STAFF_ROLES, type StaffRole } from '../protocol/roles';
import { BenchInputError, recordEvents, type EventDraft } from './jobOperations';
import type { LoupeDB } from './LoupeDB';
import { getShop } from './staff';
import { storingTables } from './streams';

/** A labour rate for a role or one person; null takes it away (a person then has their role's). */
export type LabourRateInput =
  | { role: StaffRole; centsPerHour: number | null }
  | { staffId: string; centsPerHour: number | null };

export interface MetalPriceInput {
  alloyId: AlloyId;
  centsPerGram: number;
}

/** Above these a figure is surely a slip of the keypad (10 000.00 an hour, 10 000.00 a gram). */
export const MAX_LABOUR_CENTS_PER_HOUR = 1_000_000;
export const MAX_METAL_CENTS_PER_GRAM = 1_000_000;

export const MANAGER_ONLY = 'Only a manager can change labour rates and metal prices.';

function refuse(message: string, key = 'costing'): never {
  throw new BenchInputError(message, [{ key, message }]);
}

/**
 * The actor must be an active manager on the staff list as this tablet has it now. A manager's
 * change made offline stands on every tablet; a person demoted on another tablet meanwhile is
 * still refused here once the demotion has synced in.
 */
function demandManager(shop: ShopState, actor: string): void {
  const person = shop.staff.find((s) => s.id === actor);
  if (!person?.active || person.role !== 'manager') refuse(MANAGER_ONLY, 'actor');
}

/** A problem with an amount, or null: whole cents, not negative, not beyond `max`. */
function amountProblem(cents: number, max: number): string | null {
  if (!Number.isInteger(cents)) return 'Enter the amount in whole cents, like 45.00.';
  if (cents < 0) return 'An amount cannot be negative.';
  if (cents > max) return 'That amount is surely a typo.';
  return null;
}

function rateKey(input: LabourRateInput): string {
  return 'role' in input ? `role:${input.role}` : `staff:${input.staffId}`;
}

function rateProblem(shop: ShopState, input: LabourRateInput): string | null {
  let who: string;
  if ('role' in input) {
    if (!(STAFF_ROLES as readonly string[]).includes(input.role)) {
      return `"${input.role}" is not a role on the staff list.`;
    }
    who = STAFF_ROLE_LABELS[input.role];
  } else {
    const person = shop.staff.find((s) => s.id === input.staffId);
    if (!person) return 'That person is not on the staff list.';
    who = person.name;
  }
  if (input.centsPerHour === null) return null;
  const problem = amountProblem(input.centsPerHour, MAX_LABOUR_CENTS_PER_HOUR);
  return problem === null ? null : `${who}: ${problem}`;
}

/**
 * Sets labour rates (cents per hour) for roles or people, one price.labour_set each, all in one
 * transaction: one bad rate stores none of them, and each problem names its role or person. Last
 * writer wins per role and per person, so two managers changing different rates offline both keep
 * their change. A person's own rate wins over their role's; null takes a person's own away.
 */
export async function setLabourRates(
  db: LoupeDB,
  inputs: readonly LabourRateInput[],
  actor: string,
): Promise<void> {
  if (inputs.length === 0) refuse('No labour rate was changed.');
  await db.transaction('rw', [db.meta, ...storingTables(db)], async () => {
    const shop = await getShop(db);
    demandManager(shop, actor);
    const problems = inputs.flatMap((input) => {
      const message = rateProblem(shop, input);
      return message === null ? [] : [{ key: rateKey(input), message }];
    });
    if (problems.length > 0) {
      throw new BenchInputError(problems.map((p) => p.message).join(' '), problems);
    }
    const drafts: EventDraft<'price.labour_set'>[] = inputs.map((input) => ({
      jobId: SHOP_JOB_ID,
      type: 'price.labour_set',
      data:
        'role' in input
          ? { role: input.role, centsPerHour: input.centsPerHour }
          : { staffId: input.staffId, centsPerHour: input.centsPerHour },
    }));
    await recordEvents(db, drafts, actor);
  });
}

/** Sets one labour rate: a role's, a person's, or (null) takes a person's own rate away. */
export function setLabourRate(db: LoupeDB, input: LabourRateInput, actor: string): Promise<void> {
  return setLabourRates(db, [input], actor);
}

/**
 * Sets the shop's price per gram of alloys, one price.metal_set each, in one transaction: one bad
 * price stores none. Last writer wins per alloy. A price is changed, never taken away: a job's metal
 * at no price is only a missing line on its cost.
 */
export async function setMetalPrices(
  db: LoupeDB,
  inputs: readonly MetalPriceInput[],
  actor: string,
): Promise<void> {
  if (inputs.length === 0) refuse('No metal price was changed.');
  await db.transaction('rw', [db.meta, ...storingTables(db)], async () => {
    demandManager(await getShop(db), actor);
    const problems = inputs.flatMap((input) => {
      if (!(ALLOY_IDS as readonly string[]).includes(input.alloyId)) {
        const message = `"${input.alloyId}" is not an alloy this app knows.`;
        return [{ key: input.alloyId, message }];
      }
      const problem = amountProblem(input.centsPerGram, MAX_METAL_CENTS_PER_GRAM);
      return problem === null
        ? []
        : [{ key: input.alloyId, message: `${ALLOYS[input.alloyId].name}: ${problem}` }];
    });
    if (problems.length > 0) {
      throw new BenchInputError(problems.map((p) => p.message).join(' '), problems);
    }
    const drafts: EventDraft<'price.metal_set'>[] = inputs.map((input) => ({
      jobId: SHOP_JOB_ID,
      type: 'price.metal_set',
      data: { alloyId: input.alloyId, centsPerGram: input.centsPerGram },
    }));
    await recordEvents(db, drafts, actor);
  });
}

/** Sets the shop's price per gram of one alloy. */
export function setMetalPrice(db: LoupeDB, input: MetalPriceInput, actor: string): Promise<void> {
  return setMetalPrices(db, [input], actor);
}
