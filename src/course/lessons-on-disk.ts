/**
 * The course as Node reads it, without Astro: every lesson file's
 * frontmatter, validated by the same schema the site's build uses. The sim
 * CLI's `--check` and the course tests read lessons through it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { lessonSchema, type LessonData } from '../lesson-schema';

export interface LessonOnDisk {
  /** The lesson's id, as Astro's glob loader makes it: its path under lessons/ without `.mdx`. */
  id: string;
  file: string;
  data: LessonData;
}

export const LESSONS_DIRECTORY = fileURLToPath(new URL('../../lessons/', import.meta.url));

async function mdxFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.mdx')).map((entry) => join(entry.parentPath, entry.name));
}

/** The YAML between the leading `---` lines of an MDX file. */
export function frontmatterOf(source: string): unknown {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source);
  return match?.[1] === undefined ? {} : parse(match[1]);
}

/** Every lesson and exercise, in course order; throws naming the file and field when one is invalid. */
export async function readLessons(directory = LESSONS_DIRECTORY): Promise<LessonOnDisk[]> {
  const lessons: LessonOnDisk[] = [];
  for (const file of await mdxFiles(directory)) {
    const parsed = lessonSchema.safeParse(frontmatterOf(await readFile(file, 'utf8')));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
      throw new Error(`${relative(process.cwd(), file)} has an invalid frontmatter:\n${problems}`);
    }
    // Astro's glob loader slugifies the path the same way for the plain lower-case names lessons use.
    lessons.push({ id: relative(directory, file).replace(/\.mdx$/, ''), file, data: parsed.data });
  }
  return lessons.sort((a, b) => a.data.part - b.data.part || a.data.order - b.data.order);
}
