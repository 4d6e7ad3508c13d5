import { describe, expect, it } from 'vitest';
import { lessonSchema } from './lesson-schema';

const base = { title: 'T', summary: 'S', part: 1, partTitle: 'P', order: 1, minutes: 5 };

/** The paths of the fields the schema complains about, as Astro names them in a build error. */
function failingFields(frontmatter: Record<string, unknown>): string[] {
  const result = lessonSchema.safeParse(frontmatter);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('lesson frontmatter', () => {
  it('accepts a lesson without setup or solution', () => {
    const lesson = lessonSchema.parse(base);
    expect(lesson.setup).toBeUndefined();
    expect(lesson.solution).toBeUndefined();
  });

  it('accepts setup files and commands and a solution, defaulting what is left out', () => {
    const lesson = lessonSchema.parse({
      ...base,
      setup: { files: { 'app/Dockerfile': 'FROM alpine\n', 'hello.txt': 'hi\n' }, commands: ['docker pull -q alpine'] },
      solution: ['docker tag alpine mine:v1'],
    });
    expect(lesson.setup?.files['app/Dockerfile']).toBe('FROM alpine\n');
    expect(lesson.solution).toEqual(['docker tag alpine mine:v1']);
    expect(lessonSchema.parse({ ...base, setup: { commands: ['true'] } }).setup).toEqual({ commands: ['true'], files: {} });
  });

  it.each([
    [{ setup: { commands: 'docker pull alpine' } }, 'setup.commands'],
    [{ setup: { commands: [''] } }, 'setup.commands.0'],
    [{ setup: { files: { '/etc/passwd': 'x' } } }, 'setup.files./etc/passwd'],
    [{ setup: { files: { '../escape': 'x' } } }, 'setup.files.../escape'],
    [{ setup: { files: { 'a.txt': 3 } } }, 'setup.files.a.txt'],
    [{ setup: { command: ['typo'] } }, 'setup'],
    [{ solution: 'docker images' }, 'solution'],
    [{ solution: ['  '] }, 'solution.0'],
    [{ minutes: 0 }, 'minutes'],
  ])('rejects %j, naming %s', (change, field) => {
    expect(failingFields({ ...base, ...change })).toContain(field);
  });

  it('explains a bad setup path in words', () => {
    const result = lessonSchema.safeParse({ ...base, setup: { files: { '/abs': 'x' } } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/relative to the learner's home/);
  });
});
