import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

for (const path of ['/', '/lessons/', '/lessons/first-contact/', '/sandbox/', '/no-such-page/']) {
  for (const theme of ['light', 'dark'] as const) {
    test(`${path} in the ${theme} theme has no serious or critical axe violations`, async ({ page }) => {
      await page.addInitScript((value) => localStorage.setItem('layerlab:theme', value), theme);
      await page.goto(path);
      if (await page.locator('[data-terminal]').count()) {
        await expect(page.locator('[data-terminal]')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
      }
      const results = await new AxeBuilder({ page }).analyze();
      const blocking = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(blocking.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
}

/** A lesson in use: a checkpoint passed, hints shown, quiz questions answered right and wrong, the solution open. */
for (const theme of ['light', 'dark'] as const) {
  test(`a lesson in use (checkpoints, hints, quiz feedback, solution) in the ${theme} theme has no serious or critical axe violations`, async ({ page }) => {
    await page.addInitScript((value) => localStorage.setItem('layerlab:theme', value), theme);
    await page.goto('/lessons/first-contact/');
    const terminal = page.locator('[data-terminal]');
    await expect(terminal).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
    await terminal.click();
    await page.keyboard.type('docker pull hello-world\n');
    await expect(page.locator('[data-checkpoint="pull-hello-world"]')).toHaveAttribute('data-status', 'passed', { timeout: 20_000 });
    await page.locator('[data-checkpoint="save-server-version"] [data-hint-next]').click();
    await page.locator('[data-quiz]').scrollIntoViewIfNeeded();
    await expect(page.locator('astro-island:has([data-quiz])')).not.toHaveAttribute('ssr', { timeout: 15_000 });
    const [first, second] = [page.locator('[data-question]').nth(0), page.locator('[data-question]').nth(1)];
    await first.getByRole('radio').nth(0).check();
    await first.getByRole('button', { name: 'Check answer' }).click();
    await second.getByRole('radio').nth(1).check();
    await second.getByRole('button', { name: 'Check answer' }).click();
    await expect(first).toHaveAttribute('data-status', 'incorrect');
    await expect(second).toHaveAttribute('data-status', 'correct');
    await page.getByRole('button', { name: 'Show solution' }).click();
    await page.getByRole('button', { name: 'Yes, show it' }).click();
    const results = await new AxeBuilder({ page }).analyze();
    const blocking = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(blocking.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
