import { getCollection, getEntry, type CollectionEntry } from 'astro:content';

export type Lesson = CollectionEntry<'lessons'>;

export interface CoursePart {
  number: number;
  title: string;
  lessons: Lesson[];
}

/** All lessons in course order: by part, then by order within the part. */
export async function lessonsInOrder(): Promise<Lesson[]> {
  const lessons = await getCollection('lessons');
  return lessons.sort((a, b) => a.data.part - b.data.part || a.data.order - b.data.order);
}

/** The course map: parts in order, each with its lessons. */
export function courseParts(lessons: readonly Lesson[]): CoursePart[] {
  const parts = new Map<number, CoursePart>();
  for (const lesson of lessons) {
    const part = parts.get(lesson.data.part) ?? { number: lesson.data.part, title: lesson.data.partTitle, lessons: [] };
    part.lessons.push(lesson);
    parts.set(part.number, part);
  }
  return [...parts.values()];
}

export function lessonHref(lesson: Lesson): string {
  return `/lessons/${lesson.id}/`;
}

/** The lesson a page under /lessons/<id>/ shows; a component placed in a lesson finds its frontmatter through it. */
export async function lessonOfPage(pathname: string): Promise<Lesson> {
  const id = /^\/lessons\/([^/]+)\/?$/.exec(pathname)?.[1];
  const lesson = id === undefined ? undefined : await getEntry('lessons', id);
  if (!lesson) throw new Error(`${pathname} is not a lesson page: <Checkpoint> and <Quiz> belong in lessons/*.mdx`);
  return lesson;
}
