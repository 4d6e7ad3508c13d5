import { getCollection, type CollectionEntry } from 'astro:content';

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
