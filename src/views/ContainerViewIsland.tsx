import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../../simulator/session/types';
import { pageSession } from '../session/page-session';
import ContainerView from './ContainerView';
import './views.css';

interface Props {
  /** The page's session key: the same as its terminal's, so both show one engine. */
  storageKey: string;
  /** The image to show first. */
  image?: string;
}

/** The image and container view on its own, in a lesson's prose: `<ContainerView image="alpine" />`. */
export default function ContainerViewIsland({ storageKey, image }: Props) {
  // The session exists in the browser only (a worker): not while the page is rendered at build time.
  const [session, setSession] = useState<Session | undefined>(undefined);
  useEffect(() => void pageSession(storageKey).then(setSession), [storageKey]);
  return (
    <section class="cv-island" aria-label="Image and container view" data-container-view-island="">
      {session ? <ContainerView session={session} {...(image ? { image } : {})} /> : <p class="views-loading">Loading…</p>}
    </section>
  );
}
