// Shared by the measurement scripts (bench.mjs, lighthouse.mjs): build the
// site and serve dist/ with `astro preview`, the way `npm start` does.
// Everything the child processes print goes to our stderr, so a script's
// stdout stays machine-readable.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { constants as osConstants } from 'node:os';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs `npx astro build`; its output goes to stderr. Rejects when the build fails. */
export function buildSite() {
  console.error('> npx astro build');
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['astro', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`astro build failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** `preferred` when nothing listens on it, otherwise a port the OS hands out. */
export async function freePort(preferred) {
  if (preferred && (await portIsFree(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`astro preview exited early (${child.signalCode ?? `exit code ${child.exitCode}`})`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`astro preview did not answer on ${url} within ${timeoutMs / 1000}s`);
}

/**
 * Starts `npx astro preview` on 127.0.0.1 and resolves once it serves `/`.
 * Returns { origin, stop() }. The server runs in its own process group so
 * stop() ends npx and the astro process under it together.
 */
export async function startPreview({ preferredPort = 4398, timeoutMs = 60_000 } = {}) {
  const port = await freePort(preferredPort);
  const origin = `http://127.0.0.1:${port}`;
  console.error(`> npx astro preview --host 127.0.0.1 --port ${port}`);
  const child = spawn('npx', ['astro', 'preview', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.on('data', (chunk) => process.stderr.write(chunk));
  child.stderr.on('data', (chunk) => process.stderr.write(chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const signalGroup = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    signalGroup('SIGTERM');
    const timer = setTimeout(() => signalGroup('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    signalGroup('SIGKILL'); // anything left in the group (astro under npx)
  };

  try {
    await waitUntilServing(`${origin}/`, child, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, stop };
}

/**
 * Runs `cleanup` once, whether `main` finishes, throws, or the process is
 * interrupted (Ctrl-C, SIGTERM, SIGHUP). Exit code: 0 on success, 1 on
 * error, 128 + the signal's number on a signal.
 */
export async function runWithCleanup(main, cleanup) {
  let cleaning;
  let interrupted = false;
  const cleanOnce = () => (cleaning ??= Promise.resolve().then(cleanup).catch((error) => console.error('cleanup failed:', error)));
  const onSignal = (signal) => {
    interrupted = true;
    console.error(`\nreceived ${signal}, stopping…`);
    void cleanOnce().then(() => process.exit(128 + osConstants.signals[signal]));
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.once(signal, onSignal);
  try {
    await main();
    process.exitCode = 0;
  } catch (error) {
    // After a signal, main fails because cleanup pulled the browser away: not worth a stack trace.
    if (!interrupted) console.error(error?.stack ?? String(error));
    process.exitCode = 1;
  } finally {
    await cleanOnce();
    for (const signal of signals) process.off(signal, onSignal);
  }
}
