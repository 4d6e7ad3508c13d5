import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './lesson-schema';

export const collections = {
  lessons: defineCollection({
    loader: glob({ pattern: '**/*.mdx', base: './lessons' }),
    // In its own module so that unit tests can check it without Astro's virtual modules.
    schema: lessonSchema,
  }),
};
