import { expect, test } from '@playwright/test';
import { TerminalPage } from './terminal-page';

const LESSON = '/lessons/first-contact/';

test('Run types a shell block into the lesson terminal, runs it and moves focus there', async ({ page }) => {
  await page.goto(LESSON);
  // Clicked at once: the block waits for the terminal island to mount.
  await page.getByRole('button', { name: 'Run: docker version', exact: true }).click();
  const terminal = new TerminalPage(page);
  await terminal.waitForText('learner@layerlab:~$ docker version\nClient: Docker Engine - Community', 20_000);
  await terminal.waitForText('Experimental:     false');
  await terminal.waitForPrompt();
  expect(await terminal.screen.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  // As if typed: Up brings the command back from the history.
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => terminal.lastLine()).toBe('learner@layerlab:~$ docker version');
});

test('a block of several lines runs them one after another, from the keyboard too', async ({ page }) => {
  await page.goto(LESSON);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  const run = page.getByRole('button', { name: 'Run: docker pull hello-world; docker images', exact: true });
  await run.focus();
  await page.keyboard.press('Enter');
  await terminal.waitForText(
    /\$ docker pull hello-world\n[^]*Status: Downloaded newer image for hello-world:latest\ndocker\.io\/library\/hello-world:latest\nlearner@layerlab:~\$ docker images\nREPOSITORY +TAG +IMAGE ID +CREATED +SIZE\nhello-world +latest /,
    20_000,
  );
  await terminal.waitForPrompt();
});

test('Run waits for a running command to finish, and says so', async ({ page }) => {
  await page.goto(LESSON);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run('sleep 2');
  const block = page.locator('[data-runnable]').filter({ has: page.getByRole('button', { name: 'Run: docker version', exact: true }) });
  await block.getByRole('button', { name: 'Run: docker version', exact: true }).click();
  await expect(block.getByRole('status')).toHaveText('Waiting for the running command to finish…');
  await terminal.waitForText('learner@layerlab:~$ sleep 2\nlearner@layerlab:~$ docker version\nClient:', 10_000);
  await expect(block.getByRole('status')).toHaveText('Sent to the terminal');
});

test('Copy puts the command on the clipboard and announces it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(LESSON);
  const copy = page.getByRole('button', { name: "Copy: docker version --format '{{.Server.Version}}'", exact: true });
  await copy.click();
  const status = page.locator('[data-runnable]').filter({ has: copy }).getByRole('status');
  await expect(status).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("docker version --format '{{.Server.Version}}'");
  await expect(status).toHaveText('', { timeout: 5000 });
});

test('without the clipboard API, Copy selects the command instead', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
  await page.goto(LESSON);
  const copy = page.getByRole('button', { name: 'Copy: docker version', exact: true });
  await copy.click();
  await expect(page.locator('[data-runnable]').filter({ has: copy }).getByRole('status')).toHaveText('Selected: press Ctrl+C to copy');
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('docker version');
});
