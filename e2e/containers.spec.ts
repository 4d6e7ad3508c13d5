import { expect, test } from '@playwright/test';
import { TerminalPage } from './terminal-page';

const SANDBOX = '/sandbox/';

test('docker run -it alpine sh puts the terminal inside the container, and exit 3 leaves it', async ({ page }) => {
  await page.goto(SANDBOX);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run('docker run -it alpine sh');
  await expect.poll(() => terminal.lastLine(), { timeout: 15_000 }).toBe('/ # ');
  await terminal.run('echo hello > /tmp/note; cat /tmp/note');
  await terminal.waitForText(/cat \/tmp\/note\nhello\n\/ # $/);
  await terminal.run('uname -r');
  await terminal.waitForText(/uname -r\n6\.8\.0-79-generic\n\/ # $/);
  // Ctrl-C stops the command inside the container; the container's shell carries on.
  await terminal.run('sleep 600');
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+C');
  await expect.poll(() => terminal.lastLine(), { timeout: 5_000 }).toBe('/ # ');
  // Well past the supervisor's grace period: the container's shell, which took the Ctrl-C, is still there.
  await page.waitForTimeout(1_500);
  await terminal.run('cat /tmp/note');
  await terminal.waitForText(/cat \/tmp\/note\nhello\n\/ # $/);
  await terminal.run('exit 3');
  await terminal.waitForPrompt();
  await terminal.run('docker ps -a --format "{{.Image}} {{.Status}}"');
  await terminal.waitForText(/\nalpine Exited \(3\) .*ago\n/);
  await terminal.run('docker diff $(docker ps -lq)');
  await terminal.waitForText(/\nC \/tmp\nA \/tmp\/note\n/);
});

test('Ctrl-C stops a loop flooding the terminal and returns the prompt', async ({ page }) => {
  await page.goto(SANDBOX);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run('while true; do echo y; done');
  await terminal.waitForText(/\ny\ny\ny\n/);
  await page.keyboard.press('Control+C');
  await terminal.waitForPrompt(5_000);
  await terminal.run('echo after $?');
  await terminal.waitForText(/echo after \$\?\nafter 130\n/);
});

test('docker run -d nginx keeps running, and docker logs shows its start-up', async ({ page }) => {
  await page.goto(SANDBOX);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run('docker run -d --name web nginx');
  await terminal.waitForText(/\n[0-9a-f]{64}\n/, 15_000);
  await terminal.run('docker logs web');
  await terminal.waitForText('/docker-entrypoint.sh: Configuration complete; ready for start up');
  await terminal.waitForText(/\[notice\] 1#1: start worker processes\n/);
  await terminal.run('docker stop web && docker ps -a --format "{{.Names}} {{.Status}}"');
  await terminal.waitForText(/\nweb\nweb Exited \(0\) .*ago\n/);
});

test('apk add curl inside alpine installs curl into the container, and docker commit keeps it', async ({ page }) => {
  await page.goto(SANDBOX);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run('docker run -it --name box alpine sh');
  await expect.poll(() => terminal.lastLine(), { timeout: 15_000 }).toBe('/ # ');
  await terminal.run('apk add curl');
  // The package index and the packages come from the site's mirror files, fetched now.
  await terminal.waitForText('fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz\n', 15_000);
  await terminal.waitForText(/\(10\/10\) Installing curl \(8\.10\.1-r0\)\n[\s\S]*OK: \d+ MiB in 24 packages\n\/ # $/, 15_000);
  await terminal.run('curl --version | head -1; which curl');
  // The version line is longer than the terminal is wide: it wraps.
  await terminal.waitForText(/\ncurl 8\.10\.1 \(x86_64-alpine-linux-musl\) libcurl\/8\.10\.1 [\s\S]*nghttp2\/1\.62\.1\n\/usr\/bin\/curl\n\/ # $/);
  await terminal.run('exit');
  await terminal.waitForPrompt();
  await terminal.run('docker commit box with-curl && docker run --rm with-curl curl --version | head -1');
  await terminal.waitForText(/\nsha256:[0-9a-f]{64}\ncurl 8\.10\.1 \(x86_64-alpine-linux-musl\)/, 15_000);
});
