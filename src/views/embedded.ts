import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../../simulator/session/types';
import { pageSession } from '../session/page-session';

/** The page's session once it exists: in the browser only (a worker), never while the page is rendered at build time. */
export function usePageSession(storageKey: string): Session | undefined {
  const [session, setSession] = useState<Session | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void pageSession(storageKey).then((opened) => current && setSession(opened));
    return () => {
      current = false;
    };
  }, [storageKey]);
  return session;
}

/**
 * A view embedded in a page (`<LayerExplorer />`, `<HubPage />`…): the page's
 * session and the view's module, which loads when the island hydrates rather
 * than with the page. Both are undefined until they are there.
 */
export function useEmbeddedView<P>(storageKey: string, load: () => Promise<{ default: ComponentType<P> }>): { session: Session | undefined; View: ComponentType<P> | undefined } {
  const session = usePageSession(storageKey);
  const [View, setView] = useState<ComponentType<P> | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void load().then((module) => current && setView(() => module.default));
    return () => {
      current = false;
    };
    // The module to load is fixed per island: loaded once.
  }, []);
  return { session, View };
}
