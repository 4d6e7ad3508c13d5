import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { TerminalPage } from './terminal-page';

const SANDBOX = '/sandbox/';

/** Opens the sandbox with its terminal ready and the Hub tab open. */
async function openHub(page: Page): Promise<{ terminal: TerminalPage; hub: Locator }> {
  await page.goto(SANDBOX);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await page.locator('[data-views]').getByRole('tab', { name: 'Hub' }).click();
  const hub = page.locator('[data-views] [data-hub]');
  await expect(hub.getByRole('heading', { name: 'Official images' })).toBeVisible({ timeout: 15_000 });
  return { terminal, hub };
}

async function signIn(hub: Locator, username = 'learner', password = 'layerlab-password'): Promise<void> {
  await hub.locator('.hub-header').getByRole('button', { name: 'Sign in' }).click();
  const form = hub.locator('[data-hub-form="signin"]');
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(hub.getByRole('heading', { name: 'Your repositories' })).toBeVisible();
  await expect(hub.locator('[data-hub-user]')).toContainText(username);
}

/** `docker login -u learner`, typing `secret` at the password prompt (which shows nothing of it). */
async function loginWithPrompt(terminal: TerminalPage, page: Page, secret: string): Promise<void> {
  await terminal.screen.click();
  await terminal.run('docker login -u learner');
  await expect.poll(() => terminal.lastLine(), { timeout: 10_000 }).toBe('Password: ');
  await terminal.type(secret);
  expect(await terminal.lastLine()).toBe('Password: ');
  await page.keyboard.press('Enter');
}

test('a token made on the Hub page logs in, a push shows up there, and the revoked token is refused', async ({ page }) => {
  const { terminal, hub } = await openHub(page);
  await signIn(hub);

  // Account settings → Personal access tokens → generate one, shown once with a Copy button.
  await hub.getByRole('button', { name: 'Account settings' }).click();
  await expect(hub.getByRole('heading', { name: 'Personal access tokens' })).toBeVisible();
  const form = hub.locator('[data-hub-form="token"]');
  await form.getByLabel('Access token description').fill('e2e laptop');
  await form.getByLabel('Access permissions').selectOption('read-write');
  await form.getByRole('button', { name: 'Generate' }).click();
  const created = hub.locator('[data-hub-new-token]');
  await expect(created).toContainText('it won’t be shown again');
  const token = await created.getByLabel('New access token').inputValue();
  expect(token).toMatch(/^dckr_pat_[0-9a-f]{27}$/);
  await created.getByRole('button', { name: 'Copy' }).click();
  await expect(created.getByRole('status')).not.toBeEmpty();
  await created.getByRole('button', { name: 'Done, I copied it' }).click();
  const row = hub.locator('[data-hub-tokens] tr[data-token-description="e2e laptop"]');
  await expect(row).toContainText(`dckr_pat_…${token.slice(-4)}`);
  await expect(row).toContainText('Active');
  await expect(row).toContainText('Read & Write');
  // The page never shows the token again.
  await expect(hub).not.toContainText(token);

  // Log in with it in the terminal, at the prompt that does not echo.
  await loginWithPrompt(terminal, page, token);
  await terminal.waitForText(/\nLogin Succeeded\n/);
  await terminal.waitForPrompt();
  expect(await terminal.text()).not.toContain(token);

  // Push; the repository and its tag appear on the page as it is, without a reload or a click.
  await hub.getByRole('button', { name: 'Repositories' }).click();
  await expect(hub.getByText('No repositories yet.')).toBeVisible();
  await terminal.screen.click();
  await terminal.run('docker pull -q alpine && docker tag alpine learner/demo:1 && docker push learner/demo:1');
  await terminal.waitForText(/\n1: digest: sha256:[0-9a-f]{64} size: \d+\n/, 30_000);
  await terminal.waitForPrompt();
  const pushedDigest = /\n1: digest: (sha256:[0-9a-f]{64})/.exec(await terminal.text())?.[1] ?? '';
  const repository = hub.locator('[data-hub-repositories] [data-repository="learner/demo"]');
  await expect(repository).toContainText('1 tag');
  await expect(repository).toContainText('Public');
  await repository.getByRole('button', { name: 'learner/demo', exact: true }).click();
  await expect(hub.getByRole('heading', { name: 'learner/demo' })).toBeFocused();
  const tag = hub.locator('[data-hub-tags] tr[data-tag="1"]');
  await expect(tag).toContainText(pushedDigest.slice(7, 19));
  await expect(tag).not.toContainText(pushedDigest);
  await expect(tag).toContainText(/\d(\.\d+)?MB/);
  await expect(tag).toContainText('a few seconds ago');
  await tag.getByRole('button', { name: 'Full digest of 1' }).click();
  await expect(tag).toContainText(pushedDigest);

  // Revoke the token on the page: a login with it now fails in the terminal.
  await hub.getByRole('button', { name: 'Account settings' }).click();
  await row.getByRole('button', { name: 'Revoke e2e laptop' }).click();
  await row.getByRole('button', { name: 'Yes, revoke e2e laptop' }).click();
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
  await loginWithPrompt(terminal, page, token);
  await terminal.waitForText(/\nError response from daemon: Get "https:\/\/registry-1\.docker\.io\/v2\/": unauthorized: incorrect username or password\n/);
  await terminal.waitForPrompt();
});

test('a repository made private on the page refuses an anonymous pull in the terminal', async ({ page }) => {
  const { terminal, hub } = await openHub(page);
  await terminal.screen.click();
  await terminal.run('echo layerlab-password | docker login -u learner --password-stdin');
  await terminal.waitForText(/\nLogin Succeeded\n/);
  await terminal.run('docker pull -q busybox && docker tag busybox learner/secret:v1 && docker push -q learner/secret:v1');
  await terminal.waitForText(/\ndocker\.io\/learner\/secret:v1\n/, 30_000);
  await terminal.waitForPrompt();

  await signIn(hub);
  const repository = hub.locator('[data-hub-repositories] [data-repository="learner/secret"]');
  await expect(repository).toContainText('Public');
  await repository.getByRole('button', { name: 'Make private (learner/secret)' }).click();
  await expect(repository.locator('[data-visibility]')).toHaveText(/Private/);

  await terminal.screen.click();
  await terminal.run('docker logout && docker rmi learner/secret:v1 && docker pull learner/secret:v1');
  await terminal.waitForText(/\nError response from daemon: pull access denied for learner\/secret, repository does not exist or may require 'docker login'/);
  await terminal.waitForPrompt();
  // Signed out, the page shows it no more to a visitor; signed in, its owner still sees it.
  await hub.getByRole('button', { name: 'Sign out' }).click();
  await hub.getByRole('button', { name: 'Repositories' }).click();
  await expect(hub.locator('[data-repository="learner/secret"]')).toHaveCount(0);
});

test('sign up refuses a taken name with a message tied to the form, and user text never runs as markup', async ({ page }) => {
  const { hub } = await openHub(page);
  await hub.locator('.hub-header').getByRole('button', { name: 'Sign up' }).click();
  const form = hub.locator('[data-hub-form="signup"]');
  await form.getByLabel('Username').fill('learner');
  await form.getByLabel('Password').fill('a-good-long-password');
  await form.getByRole('button', { name: 'Sign up' }).click();
  const username = form.getByLabel('Username');
  await expect(form.getByRole('alert')).toHaveText(/The username “learner” is already taken/);
  await expect(username).toHaveAttribute('aria-invalid', 'true');
  await expect(username).toHaveAccessibleDescription(/already taken/);

  await username.fill('ada2026');
  await form.getByLabel('Password').fill('analytical-engine');
  await form.getByRole('button', { name: 'Sign up' }).click();
  await expect(hub.locator('[data-hub-user]')).toContainText('ada2026');

  const hostile = '<img src=x onerror="window.__hubXss=1"><script>window.__hubXss=2</script>';
  await hub.getByRole('button', { name: 'Account settings' }).click();
  await hub.locator('[data-hub-form="token"]').getByLabel('Access token description').fill(hostile);
  await hub.locator('[data-hub-form="token"]').getByRole('button', { name: 'Generate' }).click();
  await expect(hub.locator('[data-hub-new-token]')).toContainText(hostile);
  await hub.getByRole('button', { name: 'Done, I copied it' }).click();
  await expect(hub.locator('[data-hub-tokens] tbody th')).toHaveText(hostile);
  await expect(hub.locator('img[src="x"], [data-hub-tokens] script')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __hubXss?: number }).__hubXss)).toBeUndefined();
});

test('the Hub page is keyboard operable: tabs, sign in with Enter, and the official images', async ({ page }) => {
  await page.goto(SANDBOX);
  await new TerminalPage(page).ready();
  const tab = page.locator('[data-views]').getByRole('tab', { name: 'Hub' });
  await page.locator('[data-views]').getByRole('tab', { name: 'Layers' }).focus();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  const hub = page.locator('[data-views] [data-hub]');
  await expect(hub.getByRole('listitem').filter({ hasText: 'alpine' }).first()).toBeVisible({ timeout: 15_000 });
  await hub.getByLabel('Search official images').fill('alpine');
  await expect(hub.locator('[data-hub-official] > li').first()).toHaveAttribute('data-official', /alpine/);
  await hub.locator('[data-official="alpine"]').getByRole('button', { name: 'alpine', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(hub.getByRole('heading', { name: 'alpine' })).toBeFocused();
  await expect(hub.getByRole('list', { name: 'Tags of alpine' })).toContainText('latest');

  await hub.locator('.hub-header').getByRole('button', { name: 'Sign in' }).focus();
  await page.keyboard.press('Enter');
  await expect(hub.getByRole('heading', { name: 'Sign in' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(hub.getByLabel('Username')).toBeFocused();
  await page.keyboard.type('learner');
  await page.keyboard.press('Tab');
  await page.keyboard.type('wrong-password');
  await page.keyboard.press('Enter');
  await expect(hub.getByRole('alert')).toHaveText(/Incorrect username or password\./);
  await expect(hub.getByLabel('Password')).toHaveAccessibleDescription(/Incorrect username or password/);
  await hub.getByLabel('Password').fill('layerlab-password');
  await page.keyboard.press('Enter');
  await expect(hub.getByRole('heading', { name: 'Your repositories' })).toBeFocused();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the Hub page in the ${theme} theme has no serious or critical axe violations`, async ({ page }) => {
    await page.addInitScript((value) => localStorage.setItem('layerlab:theme', value), theme);
    const { terminal, hub } = await openHub(page);
    const check = async (): Promise<void> => {
      const results = await new AxeBuilder({ page }).include('[data-hub]').analyze();
      const blocking = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(blocking.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
    };
    await check();
    await terminal.screen.click();
    await terminal.run('echo layerlab-password | docker login -u learner --password-stdin; docker pull -q busybox && docker tag busybox learner/axe:v1 && docker push -q learner/axe:v1');
    await terminal.waitForText(/\ndocker\.io\/learner\/axe:v1\n/, 30_000);
    await signIn(hub);
    await check();
    await hub.getByRole('button', { name: 'learner/axe', exact: true }).click();
    await hub.getByRole('button', { name: 'Make private (learner/axe)' }).click();
    await expect(hub.locator('[data-hub-repository] [data-visibility]')).toHaveText(/Private/);
    await check();
    await hub.getByRole('button', { name: 'Account settings' }).click();
    await hub.getByLabel('Access token description').fill('axe');
    await hub.getByRole('button', { name: 'Generate' }).click();
    await expect(hub.locator('[data-hub-new-token]')).toBeVisible();
    await check();
  });
}
