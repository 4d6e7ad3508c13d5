import { expect, test, type Page } from '@playwright/test';
import { TerminalPage } from './terminal-page';

const LESSON = '/lessons/first-contact/';
const KEY = `page:${LESSON}`;

/** A page's saved session as JSON text (undefined when none), read straight from IndexedDB. */
function storedSession(page: Page, key = KEY): Promise<string | undefined> {
  return page.evaluate(
    (key) =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open('layerlab', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('sessions');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('sessions').objectStore('sessions').get(key);
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result === undefined ? undefined : JSON.stringify(get.result));
          };
        };
      }),
    key,
  );
}

test('the lesson session is saved, restored on reload, and Reset lesson returns to the setup', async ({ page }) => {
  await page.goto(LESSON);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run('docker pull -q alpine');
  await terminal.waitForText('docker.io/library/alpine:latest', 30_000);
  await terminal.waitForPrompt();
  await terminal.run('docker tag alpine mine:v1');
  await terminal.waitForPrompt();
  // Saved after a short pause: wait until the tag is in the stored session.
  await expect.poll(async () => (await storedSession(page)) ?? '', { timeout: 10_000 }).toContain('mine');

  await page.reload();
  await terminal.ready();
  await terminal.run('docker images');
  await terminal.waitForText(/mine\s+v1/);
  await terminal.waitForPrompt();

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Reset lesson' }).click();
  // A new screen: the fresh prompt and nothing from before.
  await expect.poll(() => terminal.text(), { timeout: 15_000 }).toBe('learner@layerlab:~$ ');
  await terminal.ready();
  await terminal.run('docker images');
  await terminal.waitForText('REPOSITORY');
  await terminal.waitForPrompt();
  expect(await terminal.text()).not.toMatch(/mine\s+v1/);
  // The setup's file is back in the learner's home.
  await terminal.run('cat hello.txt');
  await terminal.waitForText('Hello from Layerlab!');
});

test('a session saved from an older version of the lesson\'s setup starts again from the new setup, with a notice', async ({ page }) => {
  await page.goto(LESSON);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run('rm hello.txt && touch mine.txt');
  await terminal.waitForPrompt();
  await expect.poll(async () => (await storedSession(page)) ?? '', { timeout: 10_000 }).toContain('mine.txt');
  // The setup as the page declares it now is what was recorded; make the record say an older setup.
  expect(JSON.parse((await storedSession(page, `${KEY}#setup`)) ?? '""')).toContain('hello.txt');
  await page.evaluate(
    (key) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('layerlab', 1);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const transaction = open.result.transaction('sessions', 'readwrite');
          transaction.objectStore('sessions').put('{"files":{"old.txt":"an older lesson"},"commands":[]}', key);
          transaction.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      }),
    `${KEY}#setup`,
  );
  await page.reload();
  await terminal.ready();
  await expect(page.locator('[data-session-notice]')).toHaveText('This lesson has changed since you last worked on it, so it starts again from its new beginning.');
  await terminal.run('ls');
  await terminal.waitForText('hello.txt');
  await terminal.waitForPrompt();
  expect(await terminal.text()).not.toContain('mine.txt');
});

/** Saved sessions the page cannot use: garbage, and one whose outer shape is right but whose engine the worker refuses. */
const CORRUPT: Array<[string, unknown]> = [
  ['garbage', '{{ not a session'],
  ['a damaged engine inside', { version: 1, shell: { cwd: '/home/learner', env: {}, lastExitCode: 0, history: [] }, host: [], engine: { version: 99 } }],
];

for (const [what, value] of CORRUPT) {
  test(`a corrupt saved session (${what}) is discarded with a notice, and the terminal works`, async ({ page }) => {
    await page.goto(LESSON);
    await storedSession(page);
    await page.evaluate(
      ({ key, stored }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('layerlab', 1);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const transaction = open.result.transaction('sessions', 'readwrite');
            transaction.objectStore('sessions').put(stored, key);
            transaction.oncomplete = () => {
              open.result.close();
              resolve();
            };
          };
        }),
      { key: KEY, stored: value },
    );
    await page.reload();
    const terminal = new TerminalPage(page);
    await terminal.ready();
    await expect(page.locator('[data-session-notice]')).toContainText('could not be restored', { timeout: 15_000 });
    await terminal.run('cat hello.txt');
    await terminal.waitForText('Hello from Layerlab!');
    await terminal.waitForPrompt();
  });
}

test('the sandbox keeps a session of its own, with a Reset sandbox button', async ({ page }) => {
  await page.goto('/sandbox/');
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run('echo kept > sandbox.txt');
  await terminal.waitForPrompt();
  await expect.poll(async () => (await storedSession(page, 'sandbox')) ?? '', { timeout: 10_000 }).toContain('sandbox.txt');
  await page.reload();
  await terminal.ready();
  await terminal.run('ls');
  await terminal.waitForText('sandbox.txt');
  // The lesson's setup file belongs to the lesson only.
  expect(await terminal.text()).not.toContain('hello.txt');

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Reset sandbox' }).click();
  await expect.poll(() => terminal.text(), { timeout: 15_000 }).toBe('learner@layerlab:~$ ');
  await terminal.ready();
  await terminal.run('ls -a sandbox.txt');
  await terminal.waitForText('No such file');
});

test('a lesson whose starting state takes a while to build says so, then starts at a clean prompt', async ({ page }) => {
  // managing-images pulls four images and builds one twice before its first prompt.
  await page.goto('/lessons/managing-images/');
  const terminal = new TerminalPage(page);
  await expect.poll(() => terminal.text(), { timeout: 15_000 }).toContain("Preparing this lesson's machine…");
  await terminal.ready();
  expect(await terminal.text()).toBe('learner@layerlab:~$ ');
});
