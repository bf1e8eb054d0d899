// A tree's events told in words for its history: "Mia Berg put K7-0042 on the tree", "… started 6 h burnout".
import { readStoredEvent, type StoredEvent } from '../../../protocol/events';
import {
  alloyName,
  DESTINATION_LABELS,
  flaskSizeLabel,
  grams,
  INVESTMENT_LABELS,
  msText,
  SOURCE_LABELS,
  stageLength,
  TREE_STEP_LABELS,
} from './treeText';

/** What one event of the tree's stream did, after the name of who did it. */
export function treeEventWords(stored: StoredEvent, envelopeOf: (jobId: string) => string): string {
  const read = readStoredEvent(stored);
  // A type from a newer version, or one this version cannot read: kept, named, not folded.
  if (!read.known) return `recorded ${stored.type} (this version of Loupe cannot show it)`;
  const e = read.event;
  switch (e.type) {
    case 'tree.started':
      return `started the tree in ${alloyName(e.data.alloyId)}${e.data.note ? `: ${e.data.note}` : ''}`;
    case 'tree.job_added':
      return `put ${e.data.envelopeNumber} on the tree`;
    case 'tree.job_removed':
      return `took ${envelopeOf(e.data.jobId)} off the tree: ${e.data.reason}`;
    case 'tree.step_set':
      return `${e.data.done ? 'ticked' : 'unticked'} ${TREE_STEP_LABELS[e.data.stepId].toLowerCase()}`;
    case 'tree.weighed':
      return `weighed the tree: ${grams(e.data.grossG)} on a ${grams(e.data.baseG)} base, wax ${grams(e.data.grossG - e.data.baseG)}`;
    case 'tree.metal_issued':
      return `issued ${grams(e.data.grams)} (${SOURCE_LABELS[e.data.source].toLowerCase()})${e.data.note ? `: ${e.data.note}` : ''}`;
    case 'tree.invested':
      return `invested flask ${e.data.flaskId} (${flaskSizeLabel(e.data.flaskSize)}, ${INVESTMENT_LABELS[e.data.investment].toLowerCase()}, ${e.data.powderG} g powder, ${e.data.waterMl} ml water), mixed at ${msText(e.data.mixedAtMs)}`;
    case 'tree.burnout_started':
      return `started ${e.data.program.name} at ${msText(e.data.atMs)}, soak at ${e.data.soakTempC} °C`;
    case 'tree.burnout_paused':
      return `paused the burnout at ${msText(e.data.atMs)}${e.data.reason ? `: ${e.data.reason}` : ''}`;
    case 'tree.burnout_resumed':
      return `resumed the burnout at ${msText(e.data.atMs)}`;
    case 'tree.burnout_changed': {
      const stage = e.data.program.stages[e.data.stageIndex];
      const from = stage
        ? ` from stage ${e.data.stageIndex + 1} (${stage.label}, ${stageLength(stage.minutes)})`
        : '';
      return `changed the burnout to ${e.data.program.name}${from} at ${msText(e.data.atMs)}${e.data.reason ? `: ${e.data.reason}` : ''}`;
    }
    case 'tree.cast':
      return `cast at ${msText(e.data.atMs)}: flask ${e.data.flaskTempC} °C, metal ${e.data.castingTempC} °C, ${e.data.machine}`;
    case 'tree.weighed_out': {
      const castings = e.data.castings
        .map((c) => `${envelopeOf(c.jobId)} ${grams(c.grams)}`)
        .join(', ');
      return `weighed out ${castings || 'no castings'}; button ${grams(e.data.buttonG)} (${DESTINATION_LABELS[e.data.buttonTo].toLowerCase()}), sprues ${grams(e.data.spruesG)} (${DESTINATION_LABELS[e.data.spruesTo].toLowerCase()})`;
    }
    case 'tree.note_added':
      return `noted: ${e.data.text}`;
    default:
      // Another stream's type under the tree's id is never folded into it.
      return `recorded ${e.type}`;
  }
}
