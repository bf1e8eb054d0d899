// One line per stage of a tree for its collapsed and finished sections: what was done, in numbers.
import { metalIssuedG, type TreeState } from '../../../domain/casting/tree';
import { metalForTree } from '../../../domain/casting/castingMath';
import { metalNeededG, type SectionId } from './treeSections';
import {
  degrees,
  flaskSizeLabel,
  grams,
  INVESTMENT_LABELS,
  liveJobs,
  msText,
  stageLength,
} from './treeText';

export function sectionSummary(id: SectionId, tree: TreeState): string {
  switch (id) {
    case 'waxes': {
      const jobs = liveJobs(tree);
      if (jobs.length === 0) return 'No waxes yet.';
      const ticked = (['wax_cleanup', 'sprue', 'tree'] as const).filter(
        (s) => tree.steps[s]?.done === true,
      ).length;
      return `${jobs.length} wax${jobs.length === 1 ? '' : 'es'}: ${jobs.map((j) => j.envelopeNumber).join(', ')} · ${ticked} of 3 steps ticked.`;
    }
    case 'weigh': {
      const w = tree.weighed;
      if (!w) return 'Not weighed yet.';
      const metal = metalForTree(w.grossG, w.baseG, tree.alloyId);
      return metal.ok
        ? `Wax ${grams(metal.rounded.waxG)} → ${grams(metal.rounded.totalG)} of metal with the button.`
        : `Wax ${grams(w.grossG - w.baseG)}.`;
    }
    case 'metal': {
      const { totalG } = metalIssuedG(tree);
      const needed = metalNeededG(tree);
      const of = needed === null ? '' : ` of ${grams(needed)}`;
      return totalG === 0
        ? `No metal issued yet${needed === null ? '' : `: ${grams(needed)} needed`}.`
        : `${grams(totalG)}${of} issued in ${tree.metalIssued.length} weighing${tree.metalIssued.length === 1 ? '' : 's'}.`;
    }
    case 'flask': {
      const i = tree.invested;
      if (!i) return 'Not invested yet.';
      return `Flask ${i.flaskId} · ${flaskSizeLabel(i.flaskSize)} · ${INVESTMENT_LABELS[i.investment].toLowerCase()} · mixed ${msText(i.mixedAtMs)}${tree.steps.vacuum?.done ? ' · vacuumed' : ''}.`;
    }
    case 'burnout': {
      const start = tree.burnout.findLast((r) => r.kind === 'started');
      if (start?.kind !== 'started') return 'Not started yet.';
      const total = start.program.stages.reduce((sum, s) => sum + s.minutes, 0);
      const changes = tree.burnout.filter((r) => r.kind !== 'started').length;
      return `${start.program.name} from ${msText(start.atMs)} (${stageLength(total)}), soak ${start.soakTempC} °C${changes > 0 ? `, ${changes} pause${changes === 1 ? '' : 's'} or changes` : ''}.`;
    }
    case 'cast': {
      const c = tree.cast;
      if (!c) return 'Not cast yet.';
      return `Cast at ${msText(c.atMs)} · flask ${degrees(c.flaskTempC)} · metal ${degrees(c.castingTempC)} · ${c.machine}.`;
    }
    case 'weighOut': {
      const out = tree.weighedOut;
      if (!out) return 'Not weighed out yet.';
      const castings = out.castings.reduce((sum, c) => sum + c.grams, 0);
      return `Castings ${grams(castings)} · button ${grams(out.buttonG)} · sprues ${grams(out.spruesG)}.`;
    }
  }
}
