// The jobs list: tabs (all open first; due today, late, in progress, QC, ready) and a search box.
import { lazy, Suspense, useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { WorkshopAlerts } from '../../components/WorkshopAlertsLater';
import { useJobCounts } from '../../db/jobHooks';
import { SEARCH_MIN_CHARS } from '../../db/jobQueries';
import { JOB_TABS, nothingInShop, tabCount, tabFromParam, type JobTab } from './list/jobFilters';
import { TabList } from './list/JobLists';
import { useToday } from './list/useToday';
import './jobs.css';

// The search's code comes when the box is first typed in (loadSearch), by the time a second
// character starts it.
const loadSearch = () => import('./list/SearchResults');
const SearchResults = lazy(async () => ({ default: (await loadSearch()).SearchResults }));

const PANEL_ID = 'jobs-panel';
const SEARCH_HINT_ID = 'jobs-search-hint';
const tabId = (tab: JobTab) => `jobs-tab-${tab.id}`;

export function JobsScreen() {
  const today = useToday();
  // The counts wait for the list's first rows: both queue on IndexedDB, and the rows come first.
  const [listRead, setListRead] = useState(false);
  const counts = useJobCounts(today, listRead);
  const onListRead = useCallback(() => {
    setListRead(true);
  }, []);
  // The tab and the search live in the address, so a reload or Back from a job keeps them.
  const [params, setParams] = useSearchParams();
  const tab = tabFromParam(params.get('tab'));
  // The box keeps its own text: the address is written after it, never read back while typing.
  const [query, setQuery] = useState(() => params.get('q') ?? '');
  // One character would match half the shop: the search waits for a second, and says so.
  const typed = query.trim().length;
  const searching = typed >= SEARCH_MIN_CHARS;
  const tooShort = typed > 0 && !searching;
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());

  const setParam = (name: string, value: string | null) => {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value === null) next.delete(name);
        else next.set(name, value);
        return next;
      },
      // Switching tabs or typing is not a place to go Back to: Back leaves the list.
      { replace: true },
    );
  };

  const chooseTab = (next: JobTab) => {
    setParam('tab', next.id);
  };

  const changeQuery = (text: string) => {
    if (text !== '') void loadSearch();
    setQuery(text);
    setParam('q', text === '' ? null : text);
  };

  // Arrow keys move between tabs (the ARIA tabs pattern) for a keyboard or a switch device.
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const at = JOB_TABS.findIndex((t) => t.id === tab.id);
    const moves: Record<string, number> = {
      ArrowRight: at + 1,
      ArrowLeft: at - 1,
      Home: 0,
      End: JOB_TABS.length - 1,
    };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = JOB_TABS[(to + JOB_TABS.length) % JOB_TABS.length];
    if (next === undefined) return;
    chooseTab(next);
    tabRefs.current.get(next.id)?.focus();
  };

  return (
    <div className="jobs-screen">
      <WorkshopAlerts />
      <div className="jobs-top">
        <div className="jobs-search-area">
          <div className="jobs-search">
            <label htmlFor="jobs-search-input" className="jobs-sr-only">
              Search envelope, name or phone
            </label>
            <input
              id="jobs-search-input"
              type="search"
              value={query}
              placeholder="Search envelope, name or phone"
              autoComplete="off"
              spellCheck={false}
              enterKeyHint="search"
              aria-describedby={tooShort ? SEARCH_HINT_ID : undefined}
              onChange={(e) => {
                changeQuery(e.target.value);
              }}
            />
            {query !== '' && (
              <button
                type="button"
                className="jobs-search-clear"
                aria-label="Clear search"
                onClick={() => {
                  changeQuery('');
                }}
              >
                ×
              </button>
            )}
          </div>
          {/* Always there, so a screen reader hears the hint when it appears. */}
          <p id={SEARCH_HINT_ID} className="jobs-search-hint" aria-live="polite">
            {tooShort ? `Type at least ${SEARCH_MIN_CHARS} characters to search.` : ''}
          </p>
        </div>
        <Link to="/intake" className="button button-primary jobs-new">
          + New envelope
        </Link>
      </div>

      {searching ? (
        <section className="jobs-panel" aria-label="Search results">
          <Suspense fallback={null}>
            <SearchResults query={query} today={today} />
          </Suspense>
        </section>
      ) : (
        <>
          <div className="jobs-tabs" role="tablist" aria-label="Jobs">
            {JOB_TABS.map((t) => {
              const selected = t.id === tab.id;
              const count = counts === undefined ? undefined : tabCount(t.id, counts);
              const warn = t.id === 'late' && count !== undefined && count > 0;
              return (
                <button
                  key={t.id}
                  ref={(el) => {
                    if (el) tabRefs.current.set(t.id, el);
                    else tabRefs.current.delete(t.id);
                  }}
                  type="button"
                  role="tab"
                  id={tabId(t)}
                  aria-selected={selected}
                  aria-controls={PANEL_ID}
                  tabIndex={selected ? 0 : -1}
                  className={['jobs-tab', selected ? 'selected' : '', warn ? 'warn' : '']
                    .filter((c) => c !== '')
                    .join(' ')}
                  onClick={() => {
                    chooseTab(t);
                  }}
                  onKeyDown={onTabKey}
                >
                  <span>{t.label}</span>
                  <span className="jobs-tab-count" data-testid={`count-${t.id}`}>
                    {count ?? '…'}
                  </span>
                </button>
              );
            })}
          </div>
          <section
            className="jobs-panel"
            role="tabpanel"
            id={PANEL_ID}
            aria-labelledby={tabId(tab)}
          >
            <TabList
              key={tab.id}
              tab={tab}
              today={today}
              shopEmpty={counts === undefined ? undefined : nothingInShop(counts)}
              count={counts === undefined ? undefined : tabCount(tab.id, counts)}
              onRead={onListRead}
            />
          </section>
        </>
      )}
    </div>
  );
}
