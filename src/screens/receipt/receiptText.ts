// What a pick-up receipt says, as pure functions: the item, its condition, when things happened, each
// service's warranty, the metal weighed back and the stones counted, in the words of the counter.
import { dayText, localDay } from '../../domain/dates';
import type { JobState } from '../../domain/job';
import type { ReturnCheck } from '../../domain/ledger/jobMetal';
import { ALLOYS, isAlloyId } from '../../domain/metals';
import type { ServiceWarranty } from '../../domain/warranty';
import {
  intakeStoneCount,
  STONE_NOTE_PREFIX,
  stoneDifferenceText,
  stonesText,
} from '../../domain/workflow';
import { clockTime, fineDecimal, signedFineGrams, stampDate } from '../jobs/job/format';

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Ring: Yellow metal ring with one white stone". */
export function itemText(job: JobState): string {
  return `${capitalised(job.item.kind)}: ${job.item.description}`;
}

/** "14k yellow gold · stamped 585", or what is known of it. */
export function metalText(job: JobState): string {
  const { alloyId, stamps } = job.item;
  const parts = [
    alloyId && isAlloyId(alloyId) ? ALLOYS[alloyId].name : 'Metal not named',
    stamps ? `stamped ${stamps}` : 'no stamp noted',
  ];
  return parts.join(' · ');
}

/** "1 stone (1 white stone, 5 mm)", or "No stones". */
export function intakeStonesText(job: JobState): string {
  const count = intakeStoneCount(job);
  if (count === 0) return 'No stones';
  const rows = job.item.stones.map(
    (s) => `${s.count} ${s.kind}${s.sizeMm === undefined ? '' : `, ${s.sizeMm} mm`}`,
  );
  return `${stonesText(count)} (${rows.join('; ')})`;
}

/** The stones counted with the customer at pick-up against the intake's, in words. */
export function pickupStonesText(job: JobState): string {
  const counted = job.pickupStoneCount;
  if (job.status !== 'collected') return 'Not counted yet';
  if (counted === undefined) return intakeStoneCount(job) === 0 ? 'No stones' : 'Not counted';
  const atIntake = intakeStoneCount(job);
  return counted === atIntake
    ? `${stonesText(counted)} — the same as at intake`
    : stoneDifferenceText(counted, atIntake);
}

/** Why the stone count differed, as the pick-up wrote it down in its note, or null. */
export function stoneReasonText(job: JobState): string | null {
  const counted = job.pickupStoneCount;
  if (job.status !== 'collected' || counted === undefined) return null;
  const atIntake = intakeStoneCount(job);
  if (counted === atIntake) return null;
  const lead = `${STONE_NOTE_PREFIX} ${stoneDifferenceText(counted, atIntake)} `;
  const note = job.notes.findLast((n) => n.text.startsWith(STONE_NOTE_PREFIX));
  if (!note) return null;
  return note.text.startsWith(lead) ? note.text.slice(lead.length) : note.text;
}

const CONDITION_LABELS: Record<Exclude<keyof JobState['condition'], 'other'>, string> = {
  wornProngs: 'worn prongs',
  looseStones: 'loose stones',
  chippedStones: 'chipped stones',
  missingStones: 'missing stones',
  thinShank: 'thin shank',
  kinks: 'kinks',
  brokenClasp: 'broken clasp',
};

/** The condition noted at intake: "Worn prongs, chipped stones", or "Nothing noted". */
export function conditionText(job: JobState): string {
  const flags = Object.entries(CONDITION_LABELS)
    .filter(([key]) => job.condition[key as keyof typeof CONDITION_LABELS])
    .map(([, label]) => label);
  if (job.condition.other) flags.push(job.condition.other);
  return flags.length > 0 ? capitalised(flags.join(', ')) : 'Nothing noted';
}

/** "Mon 23 Nov 2026, 10:04" on this tablet's calendar, from a clock stamp. */
export function stampText(at: string): string {
  const date = stampDate(at);
  return date ? `${dayText(localDay(date))}, ${clockTime(at)}` : 'an unknown time';
}

/**
 * "Warranty until Thu 31 Dec 2026" or "No warranty"; before the pick-up the days it will run from
 * then, since a warranty starts the day the piece goes home.
 */
export function warrantyText(w: ServiceWarranty): string {
  if (w.days === 0) return 'No warranty';
  if (w.until !== null) return `Warranty until ${dayText(w.until)}`;
  return `Warranty of ${w.days} ${w.days === 1 ? 'day' : 'days'} from the pick-up`;
}

/** "intake 5.20 + added 0.18 − removed 0.05": how the expected weight was reached. */
export function metalSumText(b: Pick<ReturnCheck, 'intakeG' | 'addedG' | 'removedG'>): string {
  return [
    `intake ${fineDecimal(b.intakeG)}`,
    ...(b.addedG > 0 ? [`+ added ${fineDecimal(b.addedG)}`] : []),
    ...(b.removedG > 0 ? [`− removed ${fineDecimal(b.removedG)}`] : []),
  ].join(' ');
}

/**
 * The return weight against the expected one, said in words (never by colour alone): within the
 * scale's tolerance is the same metal; beyond it, over or short, by how much.
 */
export function returnCheckText(check: ReturnCheck): string {
  const tolerance = `the scale’s ±${fineDecimal(check.toleranceG)} g`;
  return check.flag === 'within'
    ? `${signedFineGrams(check.differenceG)} against the ${fineDecimal(check.expectedG)} g expected: within ${tolerance}.`
    : `${fineDecimal(Math.abs(check.differenceG))} g ${check.flag} against the ${fineDecimal(check.expectedG)} g expected — beyond ${tolerance}.`;
}
