import { expect, test } from '@playwright/test';
import { readLessons } from '../src/course/lessons-on-disk';
import { LessonPage } from './course-page';

/**
 * Every lesson and exercise in a real browser: its solution, typed into the
 * terminal, turns every checkpoint `passed`; with nothing typed, or with a
 * plausible wrong command, they stay `pending`.
 */
const lessons = await readLessons();

for (const lesson of lessons) {
  const ids = lesson.data.checkpoints.map((checkpoint) => checkpoint.id);

  test.describe(`${lesson.data.kind} ${lesson.id}`, () => {
    test('its solution passes every checkpoint', async ({ page }) => {
      test.setTimeout(180_000);
      const lessonPage = new LessonPage(page);
      await lessonPage.open(lesson.id);
      await lessonPage.settled();
      expect(Object.keys(await lessonPage.statuses()).sort()).toEqual([...ids].sort());
      await lessonPage.type(lesson.data.solution ?? []);
      await expect.poll(() => lessonPage.statuses(), { timeout: 30_000 }).toEqual(Object.fromEntries(ids.map((id) => [id, 'passed'])));
    });

    test('nothing typed, or a plausible wrong command, leaves every checkpoint pending', async ({ page }) => {
      test.setTimeout(120_000);
      const lessonPage = new LessonPage(page);
      await lessonPage.open(lesson.id);
      await lessonPage.settled();
      const pending = Object.fromEntries(ids.map((id) => [id, 'pending']));
      expect(await lessonPage.statuses()).toEqual(pending);
      for (const line of lesson.data.wrongAttempts) {
        await lessonPage.type([line]);
        // Checks follow each line typed at the shell's prompt; a line a container's shell or a question reads is part of its command.
        if (await lessonPage.atHostPrompt()) await lessonPage.settled();
        expect(await lessonPage.statuses(), `after \`${line}\``).toEqual(pending);
      }
    });
  });
}
