/// <reference lib="webworker" />
import { CatalogRegistry } from '../../simulator/registry/catalog';
import { PackageMirrors } from '../../simulator/packages/mirrors';
import { serveSession } from '../../simulator/remote/serve';

// The engine lives here, off the page's main thread: a runaway command can
// never freeze the page, and the page can always kill and replace this worker.
// Official images are static files next to the site, fetched when pulled.
// Package archives (apk, apt-get in a container) come from the same place, when asked for.
const load = async (path: string): Promise<unknown> => {
  const response = await fetch(`/catalog/${path}`);
  if (!response.ok) throw new Error(`catalog file ${path}: HTTP ${response.status}`);
  return response.json();
};

serveSession(self, { registry: new CatalogRegistry(load), mirrors: new PackageMirrors(load), warmUp: true });
