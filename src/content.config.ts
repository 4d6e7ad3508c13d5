import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

/** A lesson's frontmatter; the build fails with the field's name when a lesson breaks it. */
const lessonSchema = z.object({
  title: z.string().min(1).describe('The lesson title, shown as its heading and page title.'),
  summary: z.string().min(1).describe('One or two sentences for the lessons index and the page description.'),
  part: z.number().int().positive().describe('The course part the lesson belongs to (1, 2, …).'),
  partTitle: z.string().min(1).describe('The title of that part, shown on the course map.'),
  order: z.number().int().positive().describe('Position of the lesson within its part.'),
  objectives: z.array(z.string()).default([]).describe('What the learner can do after the lesson.'),
  minutes: z.number().int().positive().describe('Estimated minutes to complete.'),
  prerequisites: z.array(z.string()).default([]).describe('Ids of lessons to take first.'),
});

export const collections = {
  lessons: defineCollection({
    loader: glob({ pattern: '**/*.mdx', base: './lessons' }),
    schema: lessonSchema,
  }),
};
