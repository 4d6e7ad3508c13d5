/// <reference lib="webworker" />
import { serveSession } from '../../simulator/remote/serve';

// The engine lives here, off the page's main thread: a runaway command can
// never freeze the page, and the page can always kill and replace this worker.
serveSession(self);
