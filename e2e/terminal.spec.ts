import { expect, test } from '@playwright/test';
import { TerminalPage } from './terminal-page';

const LESSON = '/lessons/first-contact/';

test('the lesson terminal answers docker version with both halves of the report', async ({ page }, testInfo) => {
  const started = Date.now();
  await page.goto(LESSON);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  testInfo.annotations.push({ type: 'navigation-to-ready-ms', description: String(Date.now() - started) });

  await terminal.run('docker version');
  await terminal.waitForText('Experimental:     false');
  const text = await terminal.text();
  expect(text).toContain('learner@layerlab:~$ docker version\nClient: Docker Engine - Community\n Version:           28.3.3');
  expect(text).toContain('Server: Docker Engine - Community\n Engine:\n  Version:          28.3.3\n  API version:      1.51 (minimum version 1.24)');
  await terminal.waitForPrompt();
});

test('Up recalls earlier commands, and history survives a reload', async ({ page }) => {
  await page.goto(LESSON);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run('echo one');
  await terminal.waitForText(/\none\n/);
  await terminal.run('echo two');
  await terminal.waitForText(/\ntwo\n/);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => terminal.lastLine()).toBe('learner@layerlab:~$ echo one');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => terminal.lastLine()).toBe('learner@layerlab:~$ echo two');

  await page.reload();
  await terminal.ready();
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => terminal.lastLine()).toBe('learner@layerlab:~$ echo two');
  await page.keyboard.press('Enter');
  await terminal.waitForText(/echo two\ntwo\n/);
});

test('Tab completes dock to docker, and a double Tab lists the choices', async ({ page }) => {
  await page.goto(LESSON);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.type('dock');
  await page.keyboard.press('Tab');
  await expect.poll(() => terminal.lastLine()).toBe('learner@layerlab:~$ docker ');
  await terminal.type('--');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await terminal.waitForText(/--help\s+--version/);
  await expect.poll(() => terminal.lastLine()).toBe('learner@layerlab:~$ docker --');
});

test('Ctrl-C interrupts a long command and returns the prompt', async ({ page }) => {
  await page.goto(LESSON);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run('sleep 600');
  await page.waitForTimeout(300);
  // Still running: no new prompt after the command line.
  expect(await terminal.lastLine()).toBe('learner@layerlab:~$ sleep 600');
  await page.keyboard.press('Control+C');
  await terminal.waitForText(/sleep 600\n\^C\nlearner@layerlab:~\$ $/, 3_000);
  await terminal.run('echo $?');
  await terminal.waitForText(/echo \$\?\n130\n/);
});

test('the page stays responsive while a command runs, and typed-ahead input runs next', async ({ page }) => {
  await page.goto(LESSON);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run('sleep 3');
  // Type-ahead while the command runs, as on a real terminal.
  await terminal.run('echo after the sleep');
  // The main thread answers at once: a frame, a click on the theme toggle.
  const frameDelay = await page.evaluate(async () => {
    const start = performance.now();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return performance.now() - start;
  });
  expect(frameDelay).toBeLessThan(200);
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  const before = await page.locator('html').getAttribute('data-theme');
  await toggle.click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', before ?? '');
  expect(await terminal.text()).not.toContain('\nafter the sleep');
  await terminal.waitForText(/\nafter the sleep\n/, 6_000);
});

test('a command can prompt for a line and read what is typed', async ({ page }) => {
  await page.goto('/sandbox/');
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run("read -p 'Your name: ' NAME");
  await expect.poll(() => terminal.lastLine()).toBe('Your name: ');
  await terminal.run('Ada');
  await terminal.waitForPrompt();
  await terminal.run('echo hello $NAME');
  await terminal.waitForText(/\nhello Ada\n/);
});

test('a multi-line paste runs its lines in order', async ({ page }) => {
  await page.goto('/sandbox/');
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.paste('echo first\nsleep 0.2\necho second\n');
  await terminal.waitForText(/echo first\nfirst\n.*sleep 0\.2\n.*echo second\nsecond\n/);
});

test('cd changes the prompt, Ctrl-L clears the screen', async ({ page }) => {
  await page.goto('/sandbox/');
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run('cd /usr/local');
  await expect.poll(() => terminal.lastLine()).toBe('learner@layerlab:/usr/local$ ');
  await page.keyboard.press('Control+L');
  await expect.poll(async () => (await terminal.text()).trim()).toMatch(/^learner@layerlab:\/usr\/local\$$/m);
});

test('Ctrl-C copies selected text instead of interrupting', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/sandbox/');
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run('echo copyme');
  await terminal.waitForText(/\ncopyme\n/);
  // The output is on the second row of the screen: double-click selects its word.
  const row = page.locator('.xterm-rows > div').nth(1);
  const box = await row.boundingBox();
  if (!box) throw new Error('no terminal row on screen');
  await page.mouse.dblclick(box.x + 12, box.y + box.height / 2);
  await page.keyboard.press('Control+C');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('copyme');
  expect(await terminal.lastLine()).toBe('learner@layerlab:~$ ');
});

test('docker pull fetches an official image from the catalog, and docker images lists it', async ({ page }) => {
  await page.goto('/sandbox/');
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run('docker pull hello-world');
  await terminal.waitForText('Status: Downloaded newer image for hello-world:latest\ndocker.io/library/hello-world:latest', 20_000);
  await terminal.run('docker images');
  await terminal.waitForText(/\nREPOSITORY    TAG       IMAGE ID       CREATED +SIZE\nhello-world   latest    f823a73b9253   \d+ years ago +13\.3kB\n/);
});
