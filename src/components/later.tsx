// Components shown only once the first screen is up (src/firstScreen.ts): their code is fetched
// after it, so it is neither downloaded nor parsed before the jobs list shows.
import { lazy, Suspense, type ComponentType } from 'react';
import { useFirstScreenUp } from '../firstScreen';

/**
 * `load`'s component, drawn as nothing until the first screen is up and its code is here. For what
 * has nothing to show at first anyway: the workshop's alerts, the clock and update banners.
 */
export function later<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Loaded = lazy(async () => ({ default: await load() }));
  return function Later(props: P) {
    const up = useFirstScreenUp();
    if (!up) return null;
    return (
      <Suspense fallback={null}>
        <Loaded {...props} />
      </Suspense>
    );
  };
}
