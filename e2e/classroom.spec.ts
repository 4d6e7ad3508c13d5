import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/**
 * The teacher's pages: /classroom/ reads exported progress files into a
 * results table (unreadable files reported one by one, learner names shown
 * as text), and the cheat sheet and glossary render.
 */

const exportedAt = '2026-01-05T10:00:00.000Z';

function progressFile(learner: string, lessons: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify({ format: 'layerlab-progress', version: 1, learner, exportedAt, progress: { version: 1, lessons } }));
}

const XSS_NAME = '<img src=x onerror=alert(1)>';

test('the results view reads progress files, reports a broken one and shows names as text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto('/classroom/');
  await expect(page.getByRole('heading', { level: 1, name: 'Layerlab in the classroom' })).toBeVisible();

  // first-contact's checkpoints and questions, as its frontmatter has them.
  const ada = progressFile('Ada', {
    'first-contact': {
      startedAt: exportedAt,
      checkpoints: { 'pull-hello-world': exportedAt, 'save-server-version': exportedAt },
      quiz: {
        'client-or-server': { status: 'correct', attempts: 1, firstTry: true },
        'daemon-missing': { status: 'correct', attempts: 2, firstTry: false },
        'version-parts': { status: 'incorrect', attempts: 1, firstTry: false },
        'version-to-file': { status: 'correct', attempts: 1, firstTry: true },
      },
    },
  });
  const sneaky = progressFile(XSS_NAME, {
    'first-contact': { startedAt: exportedAt, checkpoints: { 'pull-hello-world': exportedAt }, quiz: {} },
  });
  await page.getByLabel('Progress files (.json)').setInputFiles([
    { name: 'ada.json', mimeType: 'application/json', buffer: ada },
    { name: 'sneaky.json', mimeType: 'application/json', buffer: sneaky },
    { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "layerlab-progress", "vers') },
  ]);

  await expect(page.locator('[data-file-problem="broken.json"]')).toHaveText('broken.json cannot be used: it is not a Layerlab progress file (not JSON).');
  await expect(page.getByRole('status')).toHaveText('Showing 2 learners. 1 file could not be used.');

  const table = page.getByRole('table', { name: /Results of 2 learners/ });
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Learner' })).toBeVisible();
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(2);

  const adaRow = rows.filter({ has: page.getByRole('rowheader', { name: /^Ada/ }) });
  const adaLesson = adaRow.locator('td[data-lesson="first-contact"]');
  await expect(adaLesson).toHaveAttribute('data-status', 'complete');
  await expect(adaLesson).toContainText('Complete');
  await expect(adaLesson.locator('summary')).toHaveText('Checkpoints 2 of 2');
  await expect(adaLesson).toContainText('Quiz: 3 of 4 correct, 2 at first try');

  // The name is text in the row header, never an element.
  const sneakyRow = rows.filter({ has: page.getByRole('rowheader', { name: XSS_NAME }) });
  await expect(sneakyRow.locator('th .results-learner')).toHaveText(XSS_NAME);
  await expect(page.locator('table img')).toHaveCount(0);
  const sneakyLesson = sneakyRow.locator('td[data-lesson="first-contact"]');
  await expect(sneakyLesson).toHaveAttribute('data-status', 'in-progress');
  await sneakyLesson.locator('summary').click();
  await expect(sneakyLesson.getByText('Download the hello-world image (passed)')).toBeVisible();
  await expect(sneakyLesson.getByText("Save the engine's version in server-version.txt (not passed)")).toBeVisible();
  await expect(sneakyLesson).toContainText('Quiz: 0 of 4 correct, 0 at first try');
  // Every other lesson and exercise of the course is there, not started.
  await expect(sneakyRow.locator('td[data-status="not-started"]').first()).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download results as CSV' }).click();
  const csv = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of csv) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  expect(text).toContain('Learner,File,Exported at,Complete');
  expect(text).toContain(`${XSS_NAME},sneaky.json,`);
  expect(dialogs).toEqual([]);
});

test('the classroom page lists the exercises with a link and a print button', async ({ page }) => {
  await page.goto('/classroom/');
  const sheets = page.locator('[data-exercise-sheet]');
  const count = await sheets.count();
  for (let index = 0; index < count; index += 1) {
    const sheet = sheets.nth(index);
    await expect(sheet.getByRole('heading', { level: 3 })).toBeVisible();
    await expect(sheet.getByRole('link', { name: 'Open the exercise' })).toHaveAttribute('href', /^\/lessons\/[a-z0-9-]+\/$/);
  }
  await expect(page.getByRole('button', { name: 'Print the exercise sheets' })).toBeVisible();
  // Printed, the site's navigation and the buttons are hidden.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print the exercise sheets' })).toBeHidden();
});

test('the cheat sheet and the glossary render with their headings and anchors', async ({ page }) => {
  await page.goto('/cheat-sheet/');
  await expect(page.getByRole('heading', { level: 1, name: 'Cheat sheet' })).toBeVisible();
  for (const group of ['Images', 'Containers', 'Build', 'Registries', 'Housekeeping', 'Shell']) {
    await expect(page.getByRole('heading', { level: 2, name: group })).toBeVisible();
  }
  await expect(page.locator('#docker-image-prune')).toContainText('docker image prune');

  await page.goto('/glossary/#digest');
  await expect(page.getByRole('heading', { level: 1, name: 'Glossary' })).toBeVisible();
  await expect(page.locator('#digest')).toHaveText('Digest');
  await expect(page.locator('#missing')).toHaveText('<missing>');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Glossary' })).toHaveAttribute('aria-current', 'page');
});

test('the site navigation fits a phone: its links scroll inside the header, the page does not', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/classroom/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Lessons', 'Sandbox', 'Cheat sheet', 'Glossary', 'Classroom']) await expect(nav.getByRole('link', { name })).toBeAttached();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await nav.getByRole('link', { name: 'Classroom' }).focus();
  await expect(nav.getByRole('link', { name: 'Classroom' })).toBeInViewport();
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

for (const theme of ['light', 'dark'] as const) {
  test(`the classroom (with results), cheat sheet and glossary in the ${theme} theme have no serious axe violations`, async ({ page }) => {
    await page.addInitScript((value) => localStorage.setItem('layerlab:theme', value), theme);
    await page.goto('/classroom/');
    await page.getByLabel('Progress files (.json)').setInputFiles([
      { name: 'ada.json', mimeType: 'application/json', buffer: progressFile('Ada', { 'first-contact': { startedAt: exportedAt, checkpoints: {}, quiz: {} } }) },
      { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('nope') },
    ]);
    await expect(page.locator('[data-learner-row]')).toHaveCount(1);
    await page.locator('[data-learner-row] summary').first().click();
    expect(await seriousViolations(page)).toEqual([]);
    for (const path of ['/cheat-sheet/', '/glossary/']) {
      await page.goto(path);
      expect(await seriousViolations(page), path).toEqual([]);
    }
  });
}
