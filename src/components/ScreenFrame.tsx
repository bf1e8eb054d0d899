// Where a screen loaded on demand appears: a quiet wait while its code arrives, a plain way out if it never does.
import { Component, Suspense, type ReactNode } from 'react';
import { useLocation } from 'react-router';

/** Shown while a screen's code arrives: blank at first (it is usually instant), words only if it lingers. */
export function ScreenLoading({ label = 'Opening…' }: { label?: string }) {
  return (
    <div className="screen-loading" role="status" aria-busy="true">
      <span className="screen-loading-text">{label}</span>
    </div>
  );
}

interface BoundaryProps {
  /** The address shown: going elsewhere clears a failure. */
  pathname: string;
  children: ReactNode;
}

/** The browsers' words for a chunk that could not be fetched (Chromium, Firefox, Safari). */
const LOAD_FAILURE =
  /dynamically imported module|Importing a module script failed|Failed to fetch/i;

function isLoadFailure(error: Error): boolean {
  return LOAD_FAILURE.test(error.message);
}

/**
 * A screen's code could not be fetched (no service worker yet and no network, or a version
 * replaced under an open tab). Lazy loading remembers the failure, so the way out is a reload.
 */
class ScreenLoadBoundary extends Component<BoundaryProps, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidUpdate(previous: BoundaryProps) {
    if (this.state.error !== null && previous.pathname !== this.props.pathname) {
      this.setState({ error: null });
    }
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    // Any other fault is not this boundary's to hide: thrown on, as before screens were lazy.
    if (!isLoadFailure(error)) throw error;
    return (
      <section className="empty-state" role="alert">
        <h2>This screen could not be opened</h2>
        <p>Loupe could not load it. Check the shop network, then try again.</p>
        <p>
          <button
            type="button"
            className="button"
            onClick={() => {
              window.location.reload();
            }}
          >
            Try again
          </button>
        </p>
      </section>
    );
  }
}

/** Wraps the routed screen, under the shell's header and above its navigation. */
export function ScreenFrame({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <ScreenLoadBoundary pathname={pathname}>
      <Suspense fallback={<ScreenLoading />}>{children}</Suspense>
    </ScreenLoadBoundary>
  );
}
