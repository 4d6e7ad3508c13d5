/**
 * The course's requirements as the results view needs them, made at build
 * time from the lessons' frontmatter and embedded in the page as JSON.
 * Takes the plain `{ id, data }` shape so that both Astro's collection
 * entries and the Node reader (lessons-on-disk.ts) fit.
 */
import type { LessonData } from '../lesson-schema';
import type { CourseItem } from './results';

export interface LessonLike {
  id: string;
  data: Pick<LessonData, 'title' | 'kind' | 'checkpoints' | 'quiz'>;
}

export function courseItems(lessons: readonly LessonLike[]): CourseItem[] {
  return lessons.map((lesson) => ({
    id: lesson.id,
    title: lesson.data.title,
    kind: lesson.data.kind,
    href: `/lessons/${lesson.id}/`,
    checkpoints: lesson.data.checkpoints.map((checkpoint) => ({ id: checkpoint.id, title: checkpoint.title })),
    questions: lesson.data.quiz.map((question) => question.id),
  }));
}

/** JSON safe inside a `<script>` element: `<` escaped, so no `</script>` in a title can end it early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}

/** The embedded course, read back in the browser; a page without it has an empty course. */
export function parseCourse(text: string | null | undefined): CourseItem[] {
  if (!text) return [];
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? (value as CourseItem[]) : [];
}

