// `npm run bench`: how much JavaScript each page loads, and how long a
// terminal page takes to become usable. A benchmark, not a test: it prints
// one JSON line per figure on stdout,
//   {"metric": "payload.home.initial_js_gzip", "value": 1234, "unit": "bytes"}
// and everything else (build output, progress, a summary table, the budgets)
// on stderr. It exits 0 whether or not the budgets are met, and non-zero
// only when it cannot measure (no Chromium, the build fails, ...).
//
// Sizes are those of the built files in dist/, each compressed on its own
// with node:zlib gzipSync at level 9 (maximum compression), which is what a
// static host that pre-compresses assets would send. `astro preview` itself
// serves them uncompressed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, basename, sep } from 'node:path';
import { gzipSync, constants as zlibConstants } from 'node:zlib';
import { init as initLexer, parse as parseModule } from 'es-module-lexer';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, HOW_TO_GET_CHROMIUM, findChromium } from './chromium.mjs';
import { ROOT, buildSite, runWithCleanup, startPreview } from './serve-dist.mjs';

const DIST = join(ROOT, 'dist');
const GZIP_LEVEL = zlibConstants.Z_BEST_COMPRESSION; // 9
const TIMING_RUNS = 5;
const READY_TIMEOUT_MS = 30_000;
/** After a page is interactive, how long to keep listening for JS it loads later (after scrolling to the end). */
const LATER_WINDOW_MS = 1_500;
const WORKER_MARK = 'session.worker';
const BUDGETS = {
  home: 30 * 1024,
  lesson: 150 * 1024, // every lesson_* page
};

const log = (...args) => console.error(...args);
const emit = (metric, value, unit) => process.stdout.write(`${JSON.stringify({ metric, value, unit })}\n`);

// --- files and sizes ---------------------------------------------------------

const gzipCache = new Map();
function gzipSize(file) {
  if (!gzipCache.has(file)) gzipCache.set(file, gzipSync(readFileSync(file), { level: GZIP_LEVEL }).length);
  return gzipCache.get(file);
}

/** The file in dist/ that serves `url`, or undefined when it is not one of ours. */
function distFileFor(url, origin) {
  const parsed = new URL(url);
  if (parsed.origin !== origin) return undefined;
  let path = decodeURIComponent(parsed.pathname);
  if (path.endsWith('/')) path += 'index.html';
  const file = join(DIST, path);
  if (!file.startsWith(DIST + sep) || !existsSync(file) || !statSync(file).isFile()) return undefined;
  return file;
}

const rel = (file) => file.slice(DIST.length + 1);

/** Every module `file` imports, statically or dynamically (when the specifier is a literal), transitively. */
function moduleClosure(roots) {
  const seen = new Set();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const [imports] = parseModule(readFileSync(file, 'utf8'));
    for (const entry of imports) {
      const specifier = entry.specifier;
      if (typeof specifier !== 'string' || entry.glob) continue;
      let target;
      if (specifier.startsWith('.')) target = join(file, '..', specifier);
      else if (specifier.startsWith('/')) target = join(DIST, specifier);
      else continue; // bare or absolute URL: not in dist/
      queue.push(target.split('?')[0]);
    }
  }
  return seen;
}

function listFiles(dir, predicate) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full, predicate);
    return predicate(full) ? [full] : [];
  });
}

/** Bytes (gzip) of inline <script> bodies in a page's HTML: shipped with the document, not counted as requested JS. */
function inlineScriptGzip(htmlFile) {
  const html = readFileSync(htmlFile, 'utf8');
  const bodies = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)]
    .filter((match) => !/type=["']?application\/(ld\+)?json/i.test(match[0]))
    .map((match) => match[1])
    .join('\n');
  return bodies.trim() ? gzipSync(Buffer.from(bodies), { level: GZIP_LEVEL }).length : 0;
}

// --- pages -------------------------------------------------------------------

function discoverPages() {
  const lessonsDir = join(DIST, 'lessons');
  const slugs = existsSync(lessonsDir)
    ? readdirSync(lessonsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(lessonsDir, entry.name, 'index.html')))
        .map((entry) => entry.name)
        .sort()
    : [];
  if (slugs.length === 0) throw new Error('no lesson pages found in dist/lessons/*/index.html');
  return [
    { key: 'home', path: '/' },
    { key: 'lessons_index', path: '/lessons/' },
    ...slugs.map((slug) => ({ key: `lesson_${slug}`, path: `/lessons/${slug}/` })),
    { key: 'sandbox', path: '/sandbox/' },
  ];
}

function budgetFor(key) {
  if (key === 'home') return BUDGETS.home;
  if (key.startsWith('lesson_')) return BUDGETS.lesson;
  return undefined;
}

// Runs in the page before any of its scripts: notes when the terminal first
// reports data-ready="true", on the page's own clock (ms since navigation start).
function watchTerminalReady() {
  const check = () => {
    if (window.__benchReady === undefined && document.querySelector('[data-terminal][data-ready="true"]')) {
      window.__benchReady = { sinceNavigation: performance.now(), epoch: performance.timeOrigin + performance.now() };
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
}

/**
 * One load of one page in a fresh browser context (empty cache).
 * Returns the JS requests split into before/after interactive, and for a
 * terminal page the time from navigation start to data-ready="true".
 */
async function loadOnce(browser, origin, page) {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    await tab.addInitScript(watchTerminalReady);
    const scripts = [];
    const workers = [];
    // Playwright reports the requests a dedicated worker makes (its own script,
    // its imports) on the page too, attributed to the main frame, so worker
    // files are told apart by name and by the worker's import graph below.
    tab.on('request', (request) => {
      const url = request.url();
      const isJs = request.resourceType() === 'script' || /\.m?js(\?|$)/.test(new URL(url).pathname);
      if (isJs) scripts.push({ url, request, seenAt: Date.now() });
    });
    tab.on('worker', (worker) => workers.push(worker.url()));

    await tab.goto(origin + page.path, { waitUntil: 'load' });
    const hasTerminal = (await tab.locator('[data-terminal]').count()) > 0;
    let readyEpoch;
    let navigationToReady;
    if (hasTerminal) {
      await tab.waitForSelector('[data-terminal][data-ready="true"]', { state: 'attached', timeout: READY_TIMEOUT_MS });
      const ready = await tab.evaluate(() => window.__benchReady);
      readyEpoch = ready.epoch;
      navigationToReady = ready.sinceNavigation;
    } else {
      await tab.waitForLoadState('networkidle');
    }
    const interactiveAt = Date.now();

    // What comes after first interaction: idle/visible islands, lazy chunks.
    await tab.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await tab.waitForLoadState('networkidle');
    await tab.waitForTimeout(LATER_WINDOW_MS);

    for (const entry of scripts) {
      // The browser's own start time of the request (ms since the epoch), so it
      // compares exactly with the page's ready time; our receipt time otherwise.
      const start = entry.request.timing().startTime;
      const browserStart = typeof start === 'number' && start > 0 ? start : undefined;
      entry.initial = hasTerminal && browserStart !== undefined ? browserStart <= readyEpoch : entry.seenAt <= interactiveAt;
    }
    for (const url of workers) {
      if (!scripts.some((entry) => entry.url === url)) scripts.push({ url, initial: false, fromWorkerEvent: true });
    }
    return { hasTerminal, scripts, navigationToReady };
  } finally {
    await context.close();
  }
}

/** Splits one load's JS into initial (page, before interactive) and later (afterwards, or the worker's). */
function classify(origin, load) {
  const resolved = load.scripts.map((entry) => ({ ...entry, file: distFileFor(entry.url, origin) }));
  for (const entry of resolved) {
    if (!entry.file) log(`  note: ${entry.url} is not a file in dist/ — not counted`);
  }
  const known = resolved.filter((entry) => entry.file);

  const workerRoots = known.filter((entry) => basename(entry.file).includes(WORKER_MARK)).map((entry) => entry.file);
  const workerGraph = moduleClosure(workerRoots);
  const pageRoots = known.filter((entry) => !workerGraph.has(entry.file)).map((entry) => entry.file);
  const pageGraph = moduleClosure(pageRoots);
  // A chunk both sides import counts for the page (it is the page that needs it first).
  const workerOnly = new Set([...workerGraph].filter((file) => !pageGraph.has(file)));
  const shared = [...workerGraph].filter((file) => pageGraph.has(file));
  if (shared.length > 0) log(`  note: shared by page and worker, counted for the page: ${shared.map(rel).join(', ')}`);

  const initial = new Set();
  const later = new Set();
  for (const entry of known) {
    if (workerOnly.has(entry.file) || !entry.initial) later.add(entry.file);
    else initial.add(entry.file);
  }
  for (const file of initial) later.delete(file); // requested again later: already paid for
  const sum = (files) => [...files].reduce((total, file) => total + gzipSize(file), 0);
  return {
    initialFiles: [...initial].sort(),
    laterFiles: [...later].sort(),
    workerFiles: [...workerOnly].sort(),
    initialGzip: sum(initial),
    laterGzip: sum(later),
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

async function measure(origin, browser) {
  const pages = discoverPages();
  const rows = [];
  for (const page of pages) {
    log(`\n${page.key} (${page.path})`);
    const first = await loadOnce(browser, origin, page);
    const payload = classify(origin, first);
    emit(`payload.${page.key}.initial_js_gzip`, payload.initialGzip, 'bytes');
    emit(`payload.${page.key}.later_js_gzip`, payload.laterGzip, 'bytes');
    emit(`payload.${page.key}.initial_js_files`, payload.initialFiles.length, 'count');
    log(`  initial: ${payload.initialFiles.map((file) => `${rel(file)} ${kb(gzipSize(file))}`).join(', ') || '(none)'}`);
    log(`  later:   ${payload.laterFiles.map((file) => `${rel(file)} ${kb(gzipSize(file))}`).join(', ') || '(none)'}`);
    const htmlFile = distFileFor(origin + page.path, origin);
    const inline = htmlFile ? inlineScriptGzip(htmlFile) : 0;
    if (inline) log(`  inline <script> in the HTML: ${kb(inline)} gzip (part of the document, not counted above)`);

    let readyMs;
    if (first.hasTerminal) {
      const times = [first.navigationToReady];
      for (let run = 2; run <= TIMING_RUNS; run++) {
        const load = await loadOnce(browser, origin, page);
        times.push(load.navigationToReady);
        const again = classify(origin, load);
        if (again.initialGzip !== payload.initialGzip) log(`  note: run ${run} loaded ${kb(again.initialGzip)} initial JS (run 1: ${kb(payload.initialGzip)})`);
      }
      readyMs = Math.round(median(times) * 10) / 10;
      log(`  navigation → terminal ready: ${times.map((t) => t.toFixed(0)).join(', ')} ms → median ${readyMs} ms`);
      emit(`time.${page.key}.navigation_to_terminal_ready`, readyMs, 'ms');
    }
    rows.push({ ...page, ...payload, readyMs, inline });
  }

  const siteFiles = listFiles(join(DIST, '_astro'), (file) => file.endsWith('.js'));
  const siteTotal = siteFiles.reduce((total, file) => total + gzipSize(file), 0);
  emit('payload.site.total_js_gzip', siteTotal, 'bytes');
  // The worker (engine + shell) loads after the page is interactive; the shell interpreter is most of it.
  const workerFiles = [...moduleClosure(siteFiles.filter((file) => basename(file).includes(WORKER_MARK)))];
  const workerTotal = workerFiles.reduce((total, file) => total + gzipSize(file), 0);
  emit('payload.worker.js_gzip', workerTotal, 'bytes');
  const shell = gzipSync(readFileSync(join(ROOT, 'node_modules', 'just-bash', 'dist', 'bundle', 'browser.js')), { level: GZIP_LEVEL }).length;
  emit('payload.worker.shell_interpreter_gzip', shell, 'bytes');
  log(`\nworker: ${kb(workerTotal)} gzip in ${workerFiles.length} files, of which the shell interpreter (just-bash) ${kb(shell)}`);
  return { rows, siteTotal, siteFiles };
}

function report({ rows, siteTotal, siteFiles }) {
  const header = ['page', 'initial JS (gzip)', 'files', 'later JS (gzip)', 'ready (median)', 'budget'];
  const lines = rows.map((row) => {
    const budget = budgetFor(row.key);
    const verdict = budget === undefined ? '—' : `${row.initialGzip <= budget ? 'ok' : 'OVER'} (≤ ${kb(budget)})`;
    return [row.key, kb(row.initialGzip), String(row.initialFiles.length), kb(row.laterGzip), row.readyMs === undefined ? '—' : `${row.readyMs} ms`, verdict];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ');
  log(`\n${format(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}`);
  for (const line of lines) log(format(line));
  log(`\nall JS in dist/_astro: ${kb(siteTotal)} gzip in ${siteFiles.length} files (gzip level ${GZIP_LEVEL}, each file on its own)`);

  const over = rows.filter((row) => budgetFor(row.key) !== undefined && row.initialGzip > budgetFor(row.key));
  if (over.length === 0) log('budgets: all met (lesson pages ≤ 150 KB, home ≤ 30 KB initial JS, gzip)');
  else for (const row of over) log(`budget NOT met: ${row.key} loads ${kb(row.initialGzip)} of JS before first interaction, budget ${kb(budgetFor(row.key))}`);
}

const executablePath = findChromium();
if (!executablePath) {
  if (process.env.CHROMIUM_PATH) log(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.\n`);
  log(HOW_TO_GET_CHROMIUM);
  process.exit(1);
}

let server;
let browser;
await runWithCleanup(
  async () => {
    await initLexer;
    await buildSite();
    server = await startPreview({ preferredPort: 4398 });
    log(`> chromium ${executablePath} (headless)`);
    // Playwright's own signal handlers would exit before the preview server is stopped; runWithCleanup handles them.
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
    report(await measure(server.origin, browser));
  },
  async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  },
);

// The engine's own figures, measured in Node (scripts/bench-engine.ts).
log('> engine benchmark');
const engine = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(new URL('./bench-engine.ts', import.meta.url))], { stdio: ['ignore', 'inherit', 'inherit'] });
if (engine.status !== 0) process.exitCode = engine.status ?? 1;
