/// <reference lib="webworker" />
import { CatalogRegistry } from '../../simulator/registry/catalog';
import { serveSession } from '../../simulator/remote/serve';

// The engine lives here, off the page's main thread: a runaway command can
// never freeze the page, and the page can always kill and replace this worker.
// Official images are static files next to the site, fetched when pulled.
const catalog = new CatalogRegistry(async (path) => {
  const response = await fetch(`/catalog/${path}`);
  if (!response.ok) throw new Error(`catalog file ${path}: HTTP ${response.status}`);
  return response.json();
});

serveSession(self, { registry: catalog });
