import { expect, test } from '@playwright/test';
import { TerminalPage } from './terminal-page';

test('docker login reads the password without showing it, and logs in', async ({ page }) => {
  await page.goto('/sandbox/');
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run('docker login -u learner');
  await expect.poll(() => terminal.lastLine(), { timeout: 10_000 }).toBe('Password: ');
  await terminal.type('layerlab-password');
  // Nothing of the typed password is drawn, not even a mask.
  expect(await terminal.lastLine()).toBe('Password: ');
  await page.keyboard.press('Enter');
  await terminal.waitForText(/\nLogin Succeeded\n/);
  await terminal.waitForPrompt();
  expect(await terminal.text()).not.toContain('layerlab-password');
  await terminal.run('cat ~/.docker/config.json; echo');
  await terminal.waitForText('"auth": "bGVhcm5lcjpsYXllcmxhYi1wYXNzd29yZA=="');
});
