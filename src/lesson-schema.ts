import { z } from 'astro/zod';

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
});
