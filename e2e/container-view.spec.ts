import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { TerminalPage } from './terminal-page';

const SANDBOX = '/sandbox/';

async function openTab(page: Page, terminal: TerminalPage, name: string): Promise<void> {
  await page.locator('[data-views]').getByRole('tab', { name }).click();
  // Typing goes to the terminal again.
  await terminal.screen.click();
}

test('the image and container view: a column per container, only the written one lights up, docker rm takes it away', async ({ page }) => {
  await page.goto(SANDBOX);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await openTab(page, terminal, 'Containers');
  const view = page.locator('[data-views] [data-container-view]');
  await expect(view).toBeVisible();
  await expect(view).toContainText('No images yet');

  await terminal.run('docker run -d --name box-a alpine sleep 600');
  await terminal.waitForPrompt(30_000);
  await terminal.run('docker run -d --name box-b alpine sleep 600');
  await terminal.waitForPrompt();

  const a = view.locator('[data-cv-container="box-a"]');
  const b = view.locator('[data-cv-container="box-b"]');
  await expect(a).toBeVisible();
  await expect(b).toBeVisible();
  // The image's read-only layer, with its instruction and size, under both.
  await expect(view.locator('[data-cv-layers] [data-cv-layer]')).toHaveCount(1);
  await expect(view.locator('[data-cv-layer="0"]')).toContainText('ADD alpine-minirootfs-3.20.3-x86_64.tar.gz /');
  await expect(view.locator('[data-cv-layer="0"]')).toContainText(/\d(\.\d+)?MB/);
  await expect(a).toHaveAttribute('data-changes', '0');
  await expect(b).toHaveAttribute('data-changes', '0');

  // (Docker wants names of two characters or more.) docker exec emits no event: the view sees the write by reading running containers again.
  await terminal.run("docker exec box-a sh -c 'echo hi > /tmp/note'");
  await terminal.waitForPrompt();
  await expect(a.locator('[data-change="A"]')).toContainText('/tmp/note', { timeout: 5_000 });
  await expect(a.locator('[data-change="C"]')).toContainText('/tmp');
  await expect(a).toHaveAttribute('data-changes', '2');
  await expect(a.locator('[data-cv-writable]')).toContainText('Writable layer: 2 changes');
  await expect(b).toHaveAttribute('data-changes', '0');
  await expect(b).not.toContainText('/tmp/note');
  await expect(b.locator('[data-cv-writable]')).toContainText('Writable layer: empty');

  // A file named like markup shows as text and runs nothing.
  await terminal.run(`docker exec box-a touch '/tmp/<img src=x onerror="window.__xss=1">'`);
  await terminal.waitForPrompt();
  await expect(a.locator('[data-change="A"]').filter({ hasText: '<img src=x onerror="window.__xss=1">' })).toHaveCount(1, { timeout: 5_000 });
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  await terminal.run('docker rm -f box-b');
  await terminal.waitForPrompt();
  await expect(b).toHaveCount(0);
  await expect(a).toBeVisible();

  // docker commit: the view shows the new image, one read-only layer more, the top one from box-a's writable layer.
  await terminal.run('docker commit box-a snap');
  await terminal.waitForPrompt();
  await expect(view.locator('[data-cv-commit]')).toContainText("turned container box-a's writable layer into the top read-only layer of snap:latest");
  await expect(view.locator('[data-cv-layers] [data-cv-layer]')).toHaveCount(2);
  await expect(view.locator('[data-cv-layer="1"]')).toContainText("new: container box-a's writable layer");
  if (process.env.CV_SHOTS) await page.locator('[data-views]').screenshot({ path: `${process.env.CV_SHOTS}/commit.png` });
});

test('what happened explains a pull and a build whose cache missed, from the engine\'s events', async ({ page }) => {
  await page.goto(SANDBOX);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await openTab(page, terminal, 'What happened');
  const panel = page.locator('[data-views] [data-what-happened]');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('checkbox', { name: 'Explain each command' })).toBeChecked();

  await terminal.run('docker pull alpine');
  await terminal.waitForPrompt(30_000);
  await expect(panel.locator('[data-wh-sentence]').first()).toHaveText(/^Pulled alpine:latest: 1 layer downloaded \(\d+(\.\d+)?MB\)\.$/);
  await expect(panel.locator('[data-wh-live]')).toContainText('Pulled alpine:latest');

  await terminal.run(`mkdir app && cd app && printf 'FROM alpine\\nWORKDIR /app\\nCOPY app.js .\\nRUN cat app.js\\n' > Dockerfile && echo one > app.js`);
  await terminal.waitForPrompt();
  await terminal.run('docker build -q -t app .');
  await terminal.waitForPrompt(30_000);
  await expect(panel.locator('[data-wh-group]').first()).toContainText('Built app:latest: step 2 (WORKDIR /app) ran for the first time');
  await terminal.run('echo two > app.js && docker build -q -t app .');
  await terminal.waitForPrompt(30_000);
  const newest = panel.locator('[data-wh-group]').first();
  await expect(newest).toContainText('Built app:latest: step 2 came from the cache; step 3 (COPY app.js .) ran again because app.js changed; so the step after it ran too.');
  await expect(newest.getByRole('heading')).toContainText('Build');
  // Newest first: the pull is further down.
  await expect(panel.locator('[data-wh-group]').last()).toContainText('Pulled alpine:latest');

  // Turned off, the panel explains nothing; the choice is kept.
  await panel.getByRole('checkbox', { name: 'Explain each command' }).uncheck();
  await expect(panel.locator('[data-wh-group]')).toHaveCount(0);
  await expect(panel).toContainText('Explanations are off');
});

for (const theme of ['light', 'dark'] as const) {
  test(`the containers and what-happened views in the ${theme} theme have no serious or critical axe violations`, async ({ page }) => {
    await page.addInitScript((value) => localStorage.setItem('layerlab:theme', value), theme);
    await page.goto(SANDBOX);
    const terminal = new TerminalPage(page);
    await terminal.ready();
    await openTab(page, terminal, 'Containers');
    await terminal.run("docker run -d --name web alpine sleep 600 && docker run --name done alpine sh -c 'rm /etc/motd; echo x > /etc/hostname; touch /new'");
    await terminal.waitForPrompt(30_000);
    const view = page.locator('[data-views] [data-container-view]');
    await expect(view.locator('[data-cv-container="done"]')).toHaveAttribute('data-changes', /^[1-9]/);
    if (process.env.CV_SHOTS) await page.locator('[data-views]').screenshot({ path: `${process.env.CV_SHOTS}/containers-${theme}.png` });
    const axe = async (): Promise<void> => {
      const results = await new AxeBuilder({ page }).include('[data-views]').analyze();
      const blocking = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(blocking.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
    };
    await axe();
    await openTab(page, terminal, 'What happened');
    await expect(page.locator('[data-views] [data-wh-group]').first()).toBeVisible();
    if (process.env.CV_SHOTS) await page.locator('[data-views]').screenshot({ path: `${process.env.CV_SHOTS}/happened-${theme}.png` });
    await axe();
  });
}
