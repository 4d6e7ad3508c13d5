import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { readLessons } from '../src/course/lessons-on-disk';
import { LessonPage } from './course-page';

/** A session downloaded from an exercise page is what `sim --check` grades: the browser and the CLI agree. */
const SIM = fileURLToPath(new URL('../bin/sim.mjs', import.meta.url));
const exercise = (await readLessons()).find((lesson) => lesson.id === 'rescue-data');

function check(state: string): Promise<{ status: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SIM, '--state', state, '--check', 'rescue-data'], (error, stdout) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout }));
  });
}

test('the downloaded session of a finished exercise passes sim --check; of an unfinished one, fails it', async ({ page }) => {
  test.setTimeout(120_000);
  if (!exercise) throw new Error('the rescue-data exercise is missing');
  const lessonPage = new LessonPage(page);
  await lessonPage.open(exercise.id);
  await lessonPage.settled();

  let downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download session' }).click();
  const unfinished = await check(await (await downloading).path());
  expect(unfinished.status).toBe(1);
  expect(unfinished.stdout).toMatch(/^failed {2}copy-the-report: /m);

  await lessonPage.type(exercise.data.solution ?? []);
  await expect.poll(() => lessonPage.statuses(), { timeout: 30_000 }).toEqual(Object.fromEntries(exercise.data.checkpoints.map((checkpoint) => [checkpoint.id, 'passed'])));
  downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download session' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('layerlab-session-rescue-data.json');
  const finished = await check(await download.path());
  expect(finished.stdout).toMatch(new RegExp(`^${exercise.data.checkpoints.length} of ${exercise.data.checkpoints.length} goals of exercise rescue-data passed$`, 'm'));
  expect(finished.status).toBe(0);
});
