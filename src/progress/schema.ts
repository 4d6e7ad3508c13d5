/**
 * What a learner has done, as stored in this browser and as exported to a
 * file for another device or a teacher: which checkpoints passed and how
 * each quiz question was answered, per lesson. Versioned, so that a later
 * Layerlab can read (or knowingly reset) what an earlier one stored.
 */
import { z } from 'astro/zod';

export const PROGRESS_VERSION = 1;

const isoTime = z.string().datetime();

const answerSchema = z
  .object({
    status: z.enum(['correct', 'incorrect']),
    attempts: z.number().int().positive(),
    /** Whether the first answer given was right: the score a teacher reads. */
    firstTry: z.boolean(),
  })
  .strict();

export const lessonProgressSchema = z
  .object({
    startedAt: isoTime,
    /** Checkpoint id → when it passed. */
    checkpoints: z.record(z.string(), isoTime).default({}),
    /** Question id → its latest answer. */
    quiz: z.record(z.string(), answerSchema).default({}),
  })
  .strict();

export const progressSchema = z
  .object({
    version: z.literal(PROGRESS_VERSION),
    /** Lesson id → what was done in it. */
    lessons: z.record(z.string(), lessonProgressSchema),
  })
  .strict();

export type Answer = z.infer<typeof answerSchema>;
export type LessonProgress = z.infer<typeof lessonProgressSchema>;
export type Progress = z.infer<typeof progressSchema>;

export const PROGRESS_FILE_FORMAT = 'layerlab-progress';

/** The exported file: the progress with who exported it and when. */
export const progressFileSchema = z
  .object({
    format: z.literal(PROGRESS_FILE_FORMAT),
    version: z.literal(PROGRESS_VERSION),
    learner: z.string().max(100).default(''),
    exportedAt: isoTime,
    progress: progressSchema,
  })
  .strict();

export type ProgressFile = z.infer<typeof progressFileSchema>;

export const emptyProgress = (): Progress => ({ version: PROGRESS_VERSION, lessons: {} });

/** What the course asks of a lesson: its checkpoint ids and question ids (from its frontmatter). */
export interface LessonRequirements {
  checkpoints: readonly string[];
  questions: readonly string[];
}

export type LessonStatus = 'not-started' | 'in-progress' | 'complete';

/** Complete when every checkpoint passed and every question was answered; in progress once the lesson was opened. */
export function lessonStatus(progress: LessonProgress | undefined, required: LessonRequirements): LessonStatus {
  if (!progress) return 'not-started';
  const done = required.checkpoints.every((id) => progress.checkpoints[id] !== undefined) && required.questions.every((id) => progress.quiz[id] !== undefined);
  return done ? 'complete' : 'in-progress';
}

export interface QuizScore {
  correct: number;
  firstTry: number;
  answered: number;
  total: number;
}

/** A quiz's score: questions answered right (at any attempt), and right at the first try. */
export function quizScore(progress: LessonProgress | undefined, questions: readonly string[]): QuizScore {
  const answers = questions.map((id) => progress?.quiz[id]).filter((answer): answer is Answer => answer !== undefined);
  return {
    correct: answers.filter((answer) => answer.status === 'correct').length,
    firstTry: answers.filter((answer) => answer.firstTry).length,
    answered: answers.length,
    total: questions.length,
  };
}
