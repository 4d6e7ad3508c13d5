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
