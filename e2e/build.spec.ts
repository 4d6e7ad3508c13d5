import { expect, test } from '@playwright/test';
import { TerminalPage } from './terminal-page';

const SANDBOX = '/sandbox/';

test('docker build draws BuildKit\'s live display, a rebuild is CACHED, and the image runs', async ({ page }) => {
  await page.goto(SANDBOX);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run(`mkdir app && cd app && printf 'FROM alpine\\nWORKDIR /app\\nCOPY greeting.txt .\\nRUN wc -c greeting.txt > size.txt\\nCMD ["cat", "size.txt"]\\n' > Dockerfile && echo hello > greeting.txt`);
  await terminal.waitForPrompt();
  await terminal.run('docker build -t greeter .');
  // The frame is redrawn in place: what stays on screen is its last state.
  await terminal.waitForText(/\[\+\] Building \d+\.\ds \(\d+\/\d+\) FINISHED +docker:default\n/, 30_000);
  await terminal.waitForText(/ => \[4\/4\] RUN wc -c greeting\.txt > size\.txt +\d+\.\ds\n/);
  await terminal.waitForText(/ => => naming to docker\.io\/library\/greeter:latest +\d+\.\ds\n/);
  await terminal.waitForPrompt();
  await terminal.run('clear && docker build -t greeter .');
  await terminal.waitForText(/ => CACHED \[4\/4\] RUN wc -c greeting\.txt > size\.txt +0\.0s\n/, 15_000);
  await terminal.waitForPrompt();
  await terminal.run('docker run --rm greeter');
  await terminal.waitForText(/\n6 greeting\.txt\n/);
  await terminal.run('docker history --no-trunc --format "{{.CreatedBy}}" greeter | head -3');
  await terminal.waitForText(/\nCMD \["cat" "size\.txt"\]\nRUN \/bin\/sh -c wc -c greeting\.txt > size\.txt # buildkit\nCOPY greeting\.txt \. # buildkit\n/);
  // The screen never shows the raw escape sequences of the redraws.
  expect(await terminal.text()).not.toContain('[?25l');
});

test('a failing RUN shows the step\'s output, the Dockerfile excerpt and the error', async ({ page }) => {
  await page.goto(SANDBOX);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run(`printf 'FROM alpine\\nRUN echo checking && exit 7\\n' > Dockerfile && docker build .`);
  await terminal.waitForText(/ => ERROR \[2\/2\] RUN echo checking && exit 7 +\d+\.\ds\n/, 30_000);
  await terminal.waitForText(/ > \[2\/2\] RUN echo checking && exit 7:\n0\.\d{3} checking\n/);
  await terminal.waitForText(/   2 \| >>> RUN echo checking && exit 7\n/);
  await terminal.waitForText('ERROR: failed to solve: process "/bin/sh -c echo checking && exit 7" did not complete successfully: exit code: 7');
  await terminal.waitForPrompt();
  await terminal.run('echo status $?');
  await terminal.waitForText(/\nstatus 1\n/);
});
