import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readLessons } from '../src/course/lessons-on-disk';
import type { Question } from '../src/lesson-schema';
import { LessonPage } from './course-page';

/** Quizzes graded on the page and by the engine, and progress kept across reloads, devices and damage. */
const lessons = await readLessons();
const firstContact = lessons.find((lesson) => lesson.id === 'first-contact');
const imageLesson = lessons.find((lesson) => lesson.id === 'what-is-an-image');
if (!firstContact || !imageLesson) throw new Error('the first-contact and what-is-an-image lessons are needed');

function questionOf<T extends Question['type']>(questions: readonly Question[], type: T): Extract<Question, { type: T }> {
  const question = questions.find((candidate): candidate is Extract<Question, { type: T }> => candidate.type === type);
  if (!question) throw new Error(`no ${type} question`);
  return question;
}

const questionBox = (page: Page, id: string): Locator => page.locator(`[data-quiz] [data-question="${id}"]`);

async function answerCommand(page: Page, id: string, command: string): Promise<void> {
  const box = questionBox(page, id);
  if (await box.getByRole('button', { name: 'Try again' }).isVisible()) await box.getByRole('button', { name: 'Try again' }).click();
  await box.getByRole('textbox', { name: 'Your command' }).fill(command);
  await box.getByRole('button', { name: 'Check answer' }).click();
}

test('choice questions are graded with an explanation for each answer, and can be retried', async ({ page }) => {
  const lessonPage = new LessonPage(page);
  await lessonPage.open('first-contact');
  await lessonPage.quizReady();
  const single = questionOf(firstContact.data.quiz, 'single');
  const box = questionBox(page, single.id);
  await expect(box).toHaveAttribute('data-status', 'unanswered');
  const wrong = single.choices.findIndex((choice) => !choice.correct);
  const right = single.choices.findIndex((choice) => choice.correct);
  await box.getByRole('radio').nth(wrong).check();
  await box.getByRole('button', { name: 'Check answer' }).click();
  await expect(box).toHaveAttribute('data-status', 'incorrect');
  await expect(box.locator('.quiz-feedback')).toContainText('Not quite.');
  await expect(box).toContainText(`Not this one: ${single.choices[wrong]?.why.replace(/[`*]/g, '')}`);
  await box.getByRole('button', { name: 'Try again' }).click();
  await expect(box).toHaveAttribute('data-status', 'unanswered');
  await box.getByRole('radio').nth(right).check();
  await box.getByRole('button', { name: 'Check answer' }).click();
  await expect(box).toHaveAttribute('data-status', 'correct');

  const multiple = questionOf(firstContact.data.quiz, 'multiple');
  const many = questionBox(page, multiple.id);
  const correct = multiple.choices.flatMap((choice, index) => (choice.correct ? [index] : []));
  // Only some of the right ones: wrong.
  await many.getByRole('checkbox').nth(correct[0] ?? 0).check();
  await many.getByRole('button', { name: 'Check answer' }).click();
  await expect(many).toHaveAttribute('data-status', 'incorrect');
  await many.getByRole('button', { name: 'Try again' }).click();
  for (const index of correct) await many.getByRole('checkbox').nth(index).check();
  await many.getByRole('button', { name: 'Check answer' }).click();
  await expect(many).toHaveAttribute('data-status', 'correct');
  await expect(page.locator('[data-quiz-score]')).toContainText(`Score: 2 of ${firstContact.data.quiz.length} correct`);
});

test('an ordering question is right only in the right order', async ({ page }) => {
  const lessonPage = new LessonPage(page);
  await lessonPage.open('what-is-an-image');
  await lessonPage.quizReady();
  const order = questionOf(imageLesson.data.quiz, 'order');
  const box = questionBox(page, order.id);
  const plain = order.items.map((item) => item.replace(/`/g, ''));
  const shown = async (): Promise<string[]> => (await box.locator('.quiz-order-text').allInnerTexts()).map((text) => text.trim());
  expect(await shown()).not.toEqual(plain);
  expect([...(await shown())].sort()).toEqual([...plain].sort());
  await box.getByRole('button', { name: 'Check answer' }).click();
  await expect(box).toHaveAttribute('data-status', 'incorrect');
  await expect(box).toContainText(`The right order: ${plain.join(' → ')}`);
  await box.getByRole('button', { name: 'Try again' }).click();
  // Move each item up, with the keyboard-reachable arrow buttons, until it is in its place.
  for (const [position, item] of plain.entries()) {
    while ((await shown()).indexOf(item) > position) await box.getByRole('button', { name: `Move up: ${item}` }).click();
  }
  expect(await shown()).toEqual(plain);
  await box.getByRole('button', { name: 'Check answer' }).click();
  await expect(box).toHaveAttribute('data-status', 'correct');
});

test('a command question is graded by its effect on a copy of the session: two spellings pass, a wrong one fails', async ({ page }) => {
  const lessonPage = new LessonPage(page);
  await lessonPage.open('first-contact');
  await lessonPage.quizReady();
  const question = questionOf(firstContact.data.quiz, 'command');
  const box = questionBox(page, question.id);
  const [first, second] = question.answers;
  const [wrong] = question.wrong;
  if (!first || !second || !wrong) throw new Error(`${question.id} needs two answers and a wrong one`);
  await answerCommand(page, question.id, wrong);
  await expect(box).toHaveAttribute('data-status', 'incorrect', { timeout: 20_000 });
  await expect(box).toContainText(`One command that works: ${first}`);
  await answerCommand(page, question.id, first);
  await expect(box).toHaveAttribute('data-status', 'correct', { timeout: 20_000 });
  await answerCommand(page, question.id, second);
  await expect(box).toHaveAttribute('data-status', 'correct', { timeout: 20_000 });
  await expect(box).toContainText('Your own session is unchanged.');
  // The learner's own session really is unchanged: the file exists only in the copies.
  await lessonPage.type(['ls']);
  await lessonPage.terminal.waitForText('hello.txt');
  expect(await lessonPage.terminal.text()).not.toContain('client-version.txt');
});

test('progress survives a reload, moves to a fresh browser through export and import, and shows on the course map', async ({ page, browser }) => {
  const lessonPage = new LessonPage(page);
  await lessonPage.open('first-contact');
  await lessonPage.settled();
  await lessonPage.type(['docker pull hello-world']);
  const checkpoint = page.locator('[data-checkpoint="pull-hello-world"]');
  await expect(checkpoint).toHaveAttribute('data-status', 'passed', { timeout: 20_000 });
  const single = questionOf(firstContact.data.quiz, 'single');
  const box = questionBox(page, single.id);
  await lessonPage.quizReady();
  await box.getByRole('radio').nth(single.choices.findIndex((choice) => choice.correct)).check();
  await box.getByRole('button', { name: 'Check answer' }).click();
  await expect(box).toHaveAttribute('data-status', 'correct');

  await page.reload();
  await lessonPage.quizReady();
  await expect(page.locator('[data-checkpoint="pull-hello-world"]')).toHaveAttribute('data-status', 'passed');
  await expect(page.locator('[data-checkpoint="save-server-version"]')).toHaveAttribute('data-status', 'pending');
  await expect(questionBox(page, single.id)).toHaveAttribute('data-status', 'correct');

  await page.goto('/lessons/');
  const row = page.locator('[data-lesson-id="first-contact"]');
  await expect(row.locator('[data-lesson-status]')).toHaveText('In progress');
  await expect(page.locator('[data-continue]')).toHaveText(`Continue: ${firstContact.data.title}`);
  await page.getByText('Move your progress to another device').click();
  await page.getByLabel('Your name').fill('Ada <script>alert(1)</script>');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export progress' }).click();
  const file = await (await downloading).path();
  const exported = JSON.parse(await readFile(file, 'utf8')) as { learner: string; progress: { lessons: Record<string, { checkpoints: Record<string, string> }> } };
  expect(exported.learner).toBe('Ada <script>alert(1)</script>');
  expect(Object.keys(exported.progress.lessons['first-contact']?.checkpoints ?? {})).toEqual(['pull-hello-world']);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('/lessons/');
  await expect(other.locator('[data-lesson-id="first-contact"] [data-lesson-status]')).toHaveText('Not started');
  await other.getByText('Move your progress to another device').click();
  await other.locator('[data-import]').setInputFiles(file);
  await expect(other.locator('[data-progress-notice]')).toContainText('Imported');
  await expect(other.locator('[data-lesson-id="first-contact"] [data-lesson-status]')).toHaveText('In progress');
  await other.goto('/lessons/first-contact/');
  await new LessonPage(other).quizReady();
  await expect(other.locator('[data-checkpoint="pull-hello-world"]')).toHaveAttribute('data-status', 'passed');
  await expect(questionBox(other, single.id)).toHaveAttribute('data-status', 'correct');

  // A file that is not progress is refused, and nothing changes.
  await other.goto('/lessons/');
  await other.getByText('Move your progress to another device').click();
  await other.locator('[data-import]').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await expect(other.locator('[data-progress-notice]')).toHaveText('notes.json could not be imported: it is not a Layerlab progress file. Your progress is unchanged.');
  await expect(other.locator('[data-lesson-id="first-contact"] [data-lesson-status]')).toHaveText('In progress');
  await fresh.close();
});

test('damaged stored progress is recovered with a notice, never a blank page', async ({ page }) => {
  await page.goto('/lessons/');
  await page.evaluate(() => localStorage.setItem('layerlab:progress', '{"version":1,"lessons":{"first-contact":'));
  await page.reload();
  await expect(page.locator('[data-progress-notice]')).toHaveText(
    'Your saved progress could not be read (it was damaged), so it was reset. A copy of the old data was kept in this browser.',
  );
  await expect(page.locator('[data-lesson-id="first-contact"] [data-lesson-status]')).toHaveText('Not started');
  expect(await page.evaluate(() => localStorage.getItem('layerlab:progress:unreadable'))).toBe('{"version":1,"lessons":{"first-contact":');
  // The lesson pages work on the recovered progress.
  const lessonPage = new LessonPage(page);
  await lessonPage.open('first-contact');
  await lessonPage.settled();
  await expect(page.locator('[data-checkpoint="pull-hello-world"]')).toHaveAttribute('data-status', 'pending');
  await page.goto('/lessons/');
  await expect(page.locator('[data-progress-notice]')).toBeHidden();
});
