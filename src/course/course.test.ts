/**
 * Every lesson and exercise, played in Node on the real engine: its setup
 * leaves every checkpoint pending, its plausible wrong commands do too, its
 * solution passes every checkpoint, and its command questions pass their
 * right answers and fail their wrong ones. (e2e/course.spec.ts does the same
 * through the page; this one says why when a lesson is wrong.)
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createSession, ManualClock, type Session } from '../../simulator';
import { nodeCatalogRegistry, nodePackageMirrors } from '../../simulator/testing/node-helpers';
import { setupLines } from '../session/setup-lines';
import { readLessons, type LessonOnDisk } from './lessons-on-disk';
import { playLines } from './play';

const lessons = await readLessons();
const registry = nodeCatalogRegistry();
const mirrors = nodePackageMirrors();

async function startLesson(lesson: LessonOnDisk): Promise<Session> {
  const session = createSession({ registry, mirrors, clock: new ManualClock(Date.UTC(2026, 10, 24, 9)), seed: lesson.id });
  const played = await playLines(session, lesson.data.setup ? setupLines(lesson.data.setup) : []);
  expect(played.statuses.every((status) => status === 0), `setup of ${lesson.id}:\n${played.output}`).toBe(true);
  return session;
}

/** The ids of the lesson's checkpoints that the session's state satisfies now. */
async function passing(session: Session, lesson: LessonOnDisk): Promise<string[]> {
  const passed: string[] = [];
  for (const checkpoint of lesson.data.checkpoints) {
    const results = await session.check(checkpoint.checks);
    if (results.every((result) => result.passed)) passed.push(checkpoint.id);
  }
  return passed;
}

it('lessons name only existing lessons as prerequisites, each earlier in the course', () => {
  const order = new Map(lessons.map((lesson, index) => [lesson.id, index]));
  const wrong = lessons.flatMap((lesson, index) => lesson.data.prerequisites.filter((id) => (order.get(id) ?? Infinity) >= index).map((id) => `${lesson.id} → ${id}`));
  expect(wrong).toEqual([]);
});

describe.each(lessons.map((lesson) => [lesson.id, lesson] as const))('%s', { timeout: 60_000 }, (_id, lesson) => {
  it('has what the course promises: two checkpoints, and a quiz of four questions for a lesson', () => {
    expect(lesson.data.checkpoints.length).toBeGreaterThanOrEqual(2);
    if (lesson.data.kind === 'lesson') expect(lesson.data.quiz.length).toBeGreaterThanOrEqual(4);
    expect(lesson.data.solution?.length ?? 0).toBeGreaterThan(0);
    expect(lesson.data.wrongAttempts.length).toBeGreaterThan(0);
  });

  it('places each checkpoint once, its quiz once, one terminal, and ends with a summary', async () => {
    const body = (await readFile(lesson.file, 'utf8')).replace(/^---[\s\S]*?\n---\n/, '');
    for (const checkpoint of lesson.data.checkpoints) expect(body.split(`<Checkpoint id="${checkpoint.id}" />`).length - 1, checkpoint.id).toBe(1);
    expect(body.match(/<Checkpoint /g)?.length ?? 0).toBe(lesson.data.checkpoints.length);
    expect(body.match(/<Quiz \/>/g)?.length ?? 0).toBe(lesson.data.quiz.length > 0 ? 1 : 0);
    expect(body.match(/<Terminal \/>/g)?.length).toBe(1);
    expect(body).toMatch(/^## Summary$/m);
  });

  it('starts with every checkpoint pending, and plausible wrong commands leave them pending', async () => {
    const session = await startLesson(lesson);
    expect(await passing(session, lesson)).toEqual([]);
    await playLines(session, lesson.data.wrongAttempts, async (line) => {
      expect(await passing(session, lesson), `after \`${line}\``).toEqual([]);
    });
  });

  it('its solution passes every checkpoint, and its command questions grade by effect', async () => {
    const session = await startLesson(lesson);
    const passed = new Set<string>();
    // A checkpoint passes the moment the state satisfies it, as on the page: a later command may undo the state.
    const played = await playLines(session, lesson.data.solution ?? [], async () => {
      for (const id of await passing(session, lesson)) passed.add(id);
    });
    const pendingAfter = lesson.data.checkpoints.filter((checkpoint) => !passed.has(checkpoint.id));
    const why = await Promise.all(pendingAfter.map(async (checkpoint) => `${checkpoint.id}: ${(await session.check(checkpoint.checks)).map((result) => result.explanation).join('; ')}`));
    expect(why, played.output).toEqual([]);
    for (const question of lesson.data.quiz) {
      if (question.type !== 'command') continue;
      for (const answer of question.answers) {
        const tried = await session.tryCommand(answer, question.checks);
        expect(tried.results.filter((result) => !result.passed), `${question.id}: ${answer}\n${tried.output}`).toEqual([]);
      }
      for (const answer of question.wrong) {
        const tried = await session.tryCommand(answer, question.checks);
        expect(tried.results.every((result) => result.passed), `${question.id} must fail: ${answer}\n${tried.output}`).toBe(false);
      }
    }
  });
});
