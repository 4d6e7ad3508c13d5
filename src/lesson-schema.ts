import { z } from 'astro/zod';
import { InvalidCheckError, type Check } from '../simulator/checkpoints/types';
import { validateChecks } from '../simulator/checkpoints/validate';

/**
 * A path under the learner's home (`app/Dockerfile`): relative and inside
 * home, so a lesson cannot place files elsewhere on the machine by accident.
 */
const homePath = z
  .string()
  .min(1)
  .refine((path) => !path.startsWith('/') && !path.startsWith('~'), { message: 'must be relative to the learner\'s home (no leading "/" or "~")' })
    // An absolute path is already reported above: one message per mistake.
  .refine((path) => path.startsWith('/') || path.split('/').every((part) => part !== '..' && part !== '' && part !== '.'), { message: 'must not contain empty, "." or ".." segments' });

/** The engine state a lesson starts from: files placed in the learner's home, then commands run silently. */
export const lessonSetupSchema = z
  .object({
    commands: z.array(z.string().trim().min(1, 'a setup command must not be empty')).default([]),
    files: z.record(homePath, z.string()).default({}),
  })
  .strict();

export type LessonSetup = z.infer<typeof lessonSetupSchema>;

/** An id used in the DOM contract (`data-checkpoint`, `data-quiz`) and in progress files: short, lower-case words. */
const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by "-" (such as "pull-alpine")');

/** Checks in the engine's predicate language, validated by the engine's own validator so the message names the bad field. */
const checks = z.array(z.unknown()).min(1, 'needs at least one check').transform((value, context): Check[] => {
  try {
    return validateChecks(value);
  } catch (error) {
    if (!(error instanceof InvalidCheckError)) throw error;
    context.addIssue({ code: z.ZodIssueCode.custom, message: error.message });
    return z.NEVER;
  }
});

/** A named goal checked against the engine's state after every command. */
export const checkpointSchema = z
  .object({
    id,
    title: z.string().min(1).describe('The goal, in a few words ("Pull the alpine image").'),
    checks: checks.describe('What the engine state must satisfy, all of them (simulator/checkpoints/types.ts).'),
    hints: z.array(z.string().min(1)).default([]).describe('Shown one at a time, each a little more telling than the last.'),
  })
  .strict();

export type CheckpointDefinition = z.infer<typeof checkpointSchema>;

const choice = z
  .object({
    text: z.string().min(1),
    correct: z.boolean().default(false),
    why: z.string().min(1).describe('Why this choice is right or wrong, shown after an answer.'),
  })
  .strict();

const questionBase = { id, prompt: z.string().min(1) };

/** A quiz question. Prompts, choices and explanations may hold `code` spans. */
export const questionSchema = z
  .discriminatedUnion('type', [
    z.object({ ...questionBase, type: z.literal('single'), choices: z.array(choice).min(2) }).strict(),
    z.object({ ...questionBase, type: z.literal('multiple'), choices: z.array(choice).min(2) }).strict(),
    z
      .object({
        ...questionBase,
        type: z.literal('order'),
        items: z.array(z.string().min(1)).min(3).describe('In the right order; the page shows them shuffled.'),
        why: z.string().min(1),
      })
      .strict(),
    z
      .object({
        ...questionBase,
        type: z.literal('command'),
        checks: checks.describe("What the state must satisfy after the learner's command runs on a copy of the session."),
        why: z.string().min(1).describe('What a right command does, shown after an answer.'),
        answers: z.array(z.string().min(1)).min(1).describe('Right commands (tested to pass); the first is shown after a wrong answer.'),
        wrong: z.array(z.string().min(1)).default([]).describe('Plausible wrong commands, tested to fail.'),
        placeholder: z.string().optional(),
      })
      .strict(),
  ])
  .superRefine((question, context) => {
    const problem = questionProblem(question);
    if (problem) context.addIssue({ code: z.ZodIssueCode.custom, message: problem.message, path: [problem.field] });
  });

/** What is wrong with a question that has the right shape but cannot be answered. */
function questionProblem(question: { type: string; choices?: { correct: boolean }[]; items?: string[] }): { field: string; message: string } | undefined {
  const correct = question.choices?.filter((option) => option.correct).length ?? 0;
  if (question.type === 'single' && correct !== 1) return { field: 'choices', message: 'a single-choice question needs exactly one correct choice' };
  if (question.type === 'multiple' && correct === 0) return { field: 'choices', message: 'a multiple-choice question needs at least one correct choice' };
  if (question.items && new Set(question.items).size !== question.items.length) return { field: 'items', message: 'the items to order must all differ' };
  return undefined;
}

export type Question = z.infer<typeof questionSchema>;

function unique<T>(items: readonly T[], key: (item: T) => string): boolean {
  return new Set(items.map(key)).size === items.length;
}

/** A lesson's frontmatter; the build fails with the field's name when a lesson breaks it. */
export const lessonSchema = z.object({
  title: z.string().min(1).describe('The lesson title, shown as its heading and page title.'),
  summary: z.string().min(1).describe('One or two sentences for the lessons index and the page description.'),
  part: z.number().int().positive().describe('The course part the lesson belongs to (1, 2, …).'),
  partTitle: z.string().min(1).describe('The title of that part, shown on the course map.'),
  order: z.number().int().positive().describe('Position of the lesson within its part.'),
  objectives: z.array(z.string()).default([]).describe('What the learner can do after the lesson.'),
  minutes: z.number().int().positive().describe('Estimated minutes to complete.'),
  prerequisites: z.array(z.string()).default([]).describe('Ids of lessons to take first.'),
  setup: lessonSetupSchema.optional().describe("The state the lesson's session starts from."),
  solution: z.array(z.string().trim().min(1, 'a solution command must not be empty')).optional().describe('The commands that complete the lesson, in order.'),
  kind: z.enum(['lesson', 'exercise']).default('lesson').describe('A classroom exercise is listed on /classroom/ too.'),
  checkpoints: z
    .array(checkpointSchema)
    .default([])
    .refine((list) => unique(list, (checkpoint) => checkpoint.id), { message: 'checkpoint ids must be unique' })
    .describe('Goals placed in the prose with <Checkpoint id="…" />.'),
  quiz: z
    .array(questionSchema)
    .default([])
    .refine((list) => unique(list, (question) => question.id), { message: 'question ids must be unique' })
    .describe('Questions placed with <Quiz />.'),
  wrongAttempts: z
    .array(z.string().trim().min(1))
    .default([])
    .describe('Plausible wrong commands that must leave every checkpoint pending (the course tests type them).'),
});

export type LessonData = z.infer<typeof lessonSchema>;
