import { describe, expect, it } from 'vitest';
import { answerQuestion, mergeProgress, passCheckpoint, progressFile, readProgressFile, resetCheckpoints, startLesson } from './record';
import { emptyProgress, lessonStatus, quizScore } from './schema';

const t1 = new Date('2026-11-24T09:00:00Z');
const t2 = new Date('2026-11-24T10:00:00Z');
const required = { checkpoints: ['pull', 'tag'], questions: ['q1', 'q2'] };

describe('progress', () => {
  it('goes from not started to in progress to complete: every checkpoint passed and every question answered', () => {
    let progress = emptyProgress();
    expect(lessonStatus(progress.lessons.intro, required)).toBe('not-started');
    progress = startLesson(progress, 'intro', t1);
    expect(lessonStatus(progress.lessons.intro, required)).toBe('in-progress');
    progress = passCheckpoint(passCheckpoint(progress, 'intro', 'pull', t1), 'intro', 'tag', t2);
    progress = answerQuestion(progress, 'intro', 'q1', true, t2);
    expect(lessonStatus(progress.lessons.intro, required)).toBe('in-progress');
    progress = answerQuestion(progress, 'intro', 'q2', false, t2);
    expect(lessonStatus(progress.lessons.intro, required)).toBe('complete');
  });

  it('keeps the first time a checkpoint passed, and whether a question was right at the first try', () => {
    let progress = passCheckpoint(emptyProgress(), 'intro', 'pull', t1);
    progress = passCheckpoint(progress, 'intro', 'pull', t2);
    expect(progress.lessons.intro?.checkpoints.pull).toBe(t1.toISOString());
    progress = answerQuestion(progress, 'intro', 'q1', false, t1);
    progress = answerQuestion(progress, 'intro', 'q1', true, t2);
    expect(progress.lessons.intro?.quiz.q1).toEqual({ status: 'correct', attempts: 2, firstTry: false });
    progress = answerQuestion(progress, 'intro', 'q2', true, t2);
    expect(quizScore(progress.lessons.intro, ['q1', 'q2', 'q3'])).toEqual({ correct: 2, firstTry: 1, answered: 2, total: 3 });
  });

  it('a reset clears the lesson\'s checkpoints and keeps its quiz answers', () => {
    let progress = answerQuestion(passCheckpoint(emptyProgress(), 'intro', 'pull', t1), 'intro', 'q1', true, t1);
    progress = resetCheckpoints(progress, 'intro');
    expect(progress.lessons.intro?.checkpoints).toEqual({});
    expect(progress.lessons.intro?.quiz.q1?.status).toBe('correct');
  });

  it('merging two devices keeps everything either passed, at the earlier time, and the better answer', () => {
    const laptop = answerQuestion(passCheckpoint(emptyProgress(), 'intro', 'pull', t2), 'intro', 'q1', false, t2);
    const phone = answerQuestion(passCheckpoint(passCheckpoint(emptyProgress(), 'intro', 'pull', t1), 'other', 'x', t1), 'intro', 'q1', true, t1);
    const merged = mergeProgress(laptop, phone);
    expect(merged.lessons.intro?.checkpoints.pull).toBe(t1.toISOString());
    expect(merged.lessons.intro?.quiz.q1).toEqual({ status: 'correct', attempts: 1, firstTry: true });
    expect(merged.lessons.other?.checkpoints.x).toBe(t1.toISOString());
    expect(mergeProgress(merged, emptyProgress())).toEqual(merged);
  });

  it('exports a file that reads back as the same progress, with the learner\'s name', () => {
    const progress = passCheckpoint(emptyProgress(), 'intro', 'pull', t1);
    const read = readProgressFile(JSON.stringify(progressFile(progress, '  Ada <b>L</b>  ', t2)));
    expect(read).toEqual({ ok: true, file: { format: 'layerlab-progress', version: 1, learner: 'Ada <b>L</b>', exportedAt: t2.toISOString(), progress } });
  });

  it.each([
    ['not JSON', '{oops', /not JSON/],
    ['another kind of file', '{"auths":{}}', /not a Layerlab progress file/],
    ['a newer format', JSON.stringify({ format: 'layerlab-progress', version: 9 }), /newer Layerlab \(format version 9\)/],
    ['a damaged one', JSON.stringify({ format: 'layerlab-progress', version: 1, exportedAt: t1.toISOString(), progress: { version: 1, lessons: { intro: { startedAt: 'yesterday' } } } }), /damaged \(progress\.lessons\.intro\.startedAt/],
  ])('refuses %s, saying why', (_what, text, problem) => {
    const read = readProgressFile(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problem).toMatch(problem);
  });
});
