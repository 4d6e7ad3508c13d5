import { usePageSession } from './embedded';
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
  const session = usePageSession(storageKey);
  return (
    <section class="cv-island" aria-label="Image and container view" data-container-view-island="">
      {session ? <ContainerView session={session} {...(image ? { image } : {})} /> : <p class="views-loading">Loading…</p>}
    </section>
  );
}
