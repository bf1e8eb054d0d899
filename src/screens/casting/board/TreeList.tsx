// The casting room's trees as tabs: in progress, in the kiln, cast and waiting to be weighed out, today's.
import { Link } from 'react-router';
import { useAddressTabs } from '../../../components/useAddressTabs';
import { useTreesInStages, useTreesStartedSince } from '../../../db';
import { treeCode, type TreeStage, type TreeState } from '../../../domain/casting/tree';
import { alloyName } from './kilnText';
import { useNow } from '../../../components/useNow';

export const TREE_STAGE_LABELS: Record<TreeStage, string> = {
  building: 'Being built',
  invested: 'Invested',
  kiln: 'In the kiln',
  cast: 'Cast, to weigh out',
  done: 'Weighed out',
};

type TabId = 'progress' | 'kiln' | 'cast' | 'today';

const IN_PROGRESS: readonly TreeStage[] = ['building', 'invested'];
const IN_KILN: readonly TreeStage[] = ['kiln'];
const CAST: readonly TreeStage[] = ['cast'];

const TABS: readonly { id: TabId; label: string; empty: string }[] = [
  {
    id: 'progress',
    label: 'In progress',
    empty:
      'No tree is being built or waiting in its flask. Tap “Start a tree”, choose the alloy, then add the waxes on its page.',
  },
  {
    id: 'kiln',
    label: 'In the kiln',
    empty: 'No flask in the kiln. Start the burnout from an invested tree’s page.',
  },
  {
    id: 'cast',
    label: 'Cast',
    empty:
      'Nothing cast is waiting to be weighed out. Record the cast on the tree’s page after pouring.',
  },
  {
    id: 'today',
    label: 'Today',
    empty: 'No tree started today yet. Tap “Start a tree” to begin one.',
  },
];

function localMidnight(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** A minute is fine for "today": the list moves to the new day within a minute of midnight. */
const DAY_TICK_MS = 60_000;

export function TreeList() {
  // The chosen tab is in the address, so coming back from a tree's page opens the same list.
  const tabs = useAddressTabs('list', TABS, 'progress');
  const { current } = tabs;
  const midnight = localMidnight(useNow(DAY_TICK_MS));
  const lists: Record<TabId, TreeState[] | undefined> = {
    progress: useTreesInStages(IN_PROGRESS),
    kiln: useTreesInStages(IN_KILN),
    cast: useTreesInStages(CAST),
    today: useTreesStartedSince(midnight),
  };
  const tab = TABS.find((t) => t.id === current) ?? TABS[0];
  const trees = lists[current];

  return (
    <section className="cast-lists" aria-label="Trees">
      <div
        className="cast-tabs"
        role="tablist"
        aria-label="Trees by stage"
        onKeyDown={tabs.onKeyDown}
      >
        {TABS.map((t) => {
          const count = lists[t.id]?.length;
          return (
            <button
              key={t.id}
              id={tabs.tabId(t.id)}
              type="button"
              role="tab"
              aria-selected={t.id === current}
              aria-controls={tabs.panelId}
              tabIndex={t.id === current ? 0 : -1}
              className={t.id === current ? 'cast-tab selected' : 'cast-tab'}
              onClick={() => tabs.choose(t.id)}
            >
              {count === undefined ? t.label : `${t.label} (${count})`}
            </button>
          );
        })}
      </div>
      <div
        id={tabs.panelId}
        role="tabpanel"
        aria-labelledby={tabs.tabId(current)}
        className="cast-panel"
      >
        {trees === undefined ? null : trees.length === 0 ? (
          <p className="cast-empty">{tab?.empty}</p>
        ) : (
          <ul className="cast-rows">
            {trees.map((t) => (
              <TreeRow key={t.id} tree={t} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function TreeRow({ tree }: { tree: TreeState }) {
  const waxes = tree.jobs.filter((j) => j.removed === null);
  return (
    <li>
      <Link className="cast-row" to={`/casting/trees/${tree.id}`}>
        <span className="cast-row-code">{treeCode(tree)}</span>
        <span className="cast-row-alloy">{alloyName(tree)}</span>
        <span className="cast-row-waxes">
          {waxes.length === 0
            ? 'No waxes yet'
            : `${waxes.length} ${waxes.length === 1 ? 'wax' : 'waxes'}: ${waxes.map((j) => j.envelopeNumber).join(', ')}`}
        </span>
        <span className="cast-row-flask">
          {tree.invested ? `Flask ${tree.invested.flaskId}` : 'No flask yet'}
        </span>
        <span className={`cast-row-stage cast-stage-${tree.stage}`}>
          {TREE_STAGE_LABELS[tree.stage]}
        </span>
      </Link>
    </li>
  );
}
