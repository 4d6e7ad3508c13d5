// `npm run lighthouse`: Lighthouse scores for the home page and a lesson page,
// with Lighthouse's default (mobile) config and default throttling.
// stdout: one JSON line per score,
//   {"metric": "lighthouse.home.performance", "value": 98, "unit": "score"}
// stderr: build/server output, progress, and every audit that did not pass
// (score < 1), by category, so it is clear what to fix.
// Full reports: dist-reports/lighthouse-<page>.json.
// Exits 0 whatever the scores; non-zero only when it cannot run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM_ARGS, HOW_TO_GET_CHROMIUM, findChromium } from './chromium.mjs';
import { ROOT, buildSite, runWithCleanup, startPreview } from './serve-dist.mjs';

const PAGES = [
  { key: 'home', path: '/' },
  { key: 'lesson_first-contact', path: '/lessons/first-contact/' },
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };
const REPORT_DIR = join(ROOT, 'dist-reports');

const log = (...args) => console.error(...args);
const emit = (metric, value, unit) => process.stdout.write(`${JSON.stringify({ metric, value, unit })}\n`);

/** Audits in `category` that scored below 1 (not the informative / not-applicable / manual ones). */
function failingAudits(lhr, category) {
  return category.auditRefs
    .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
    .filter(({ audit }) => audit && typeof audit.score === 'number' && audit.score < 1)
    .filter(({ audit }) => !['notApplicable', 'manual', 'informative'].includes(audit.scoreDisplayMode))
    .sort((a, b) => b.ref.weight - a.ref.weight || a.audit.score - b.audit.score);
}

function describeFailures(lhr) {
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    if (!category) continue;
    const failing = failingAudits(lhr, category);
    if (failing.length === 0) {
      log(`  ${category.title}: every audit passes`);
      continue;
    }
    log(`  ${category.title}: ${failing.length} audit(s) below 1`);
    for (const { ref, audit } of failing) {
      const details = [`score ${audit.score}`, ref.weight > 0 ? `weight ${ref.weight}` : 'weight 0: does not change the score'];
      if (audit.displayValue) details.push(audit.displayValue);
      log(`    - ${audit.title} [${audit.id}] (${details.join(', ')})`);
      const items = audit.details?.items ?? [];
      for (const item of items.slice(0, 5)) {
        const where = item.node?.snippet ?? item.node?.selector ?? item.url ?? item.source?.url;
        if (where) log(`        ${String(where).replace(/\s+/g, ' ').slice(0, 160)}`);
      }
      if (items.length > 5) log(`        … and ${items.length - 5} more (see the JSON report)`);
    }
  }
}

const chromePath = findChromium();
if (!chromePath) {
  if (process.env.CHROMIUM_PATH) log(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.\n`);
  log(HOW_TO_GET_CHROMIUM);
  process.exit(1);
}

let server;
let chrome;
await runWithCleanup(
  async () => {
    await buildSite();
    server = await startPreview({ preferredPort: 4397 });
    log(`> chromium ${chromePath} (headless, via chrome-launcher)`);
    // handleSIGINT: false — chrome-launcher would exit on Ctrl-C before the preview server is stopped; runWithCleanup handles it.
    chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ['--headless=new', ...CHROMIUM_ARGS], logLevel: 'silent', handleSIGINT: false });
    mkdirSync(REPORT_DIR, { recursive: true });

    const below = [];
    for (const page of PAGES) {
      const url = server.origin + page.path;
      log(`\nlighthouse ${url} (mobile, default throttling)`);
      // No config: Lighthouse's default config, i.e. formFactor mobile with simulated throttling.
      const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
      if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
      const { lhr, report } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      for (const warning of lhr.runWarnings ?? []) log(`  warning: ${warning}`);
      const file = join(REPORT_DIR, `lighthouse-${page.key}.json`);
      writeFileSync(file, Array.isArray(report) ? report[0] : report);

      for (const id of CATEGORIES) {
        const category = lhr.categories[id];
        const score = category && category.score !== null ? Math.round(category.score * 100) : null;
        if (score !== null) emit(`lighthouse.${page.key}.${id}`, score, 'score');
        log(`  ${id}: ${score ?? 'n/a'} (target ${TARGETS[id]})`);
        if (score === null || score < TARGETS[id]) below.push(`${page.key} ${id} ${score ?? 'n/a'} < ${TARGETS[id]}`);
      }
      describeFailures(lhr);
      log(`  full report: ${file.slice(ROOT.length)}`);
    }
    log(below.length === 0 ? '\nall scores meet their targets' : `\nbelow target:\n  ${below.join('\n  ')}`);
  },
  async () => {
    // chrome-launcher's kill() ends Chromium and removes its temporary profile.
    await chrome?.kill();
    await server?.stop();
  },
);
