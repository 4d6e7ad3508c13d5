import { describe, expect, it } from 'vitest';
import { readLessons } from '../course/lessons-on-disk';
import { codeSpans, courseItems, parseCourse, scriptJson } from './course-items';

describe('courseItems', () => {
  it('lists every lesson on disk with its checkpoints and question ids, in course order', async () => {
    const lessons = await readLessons();
    const items = courseItems(lessons);
    expect(items.map((item) => item.id)).toEqual(lessons.map((lesson) => lesson.id));
    const first = items.find((item) => item.id === 'first-contact');
    expect(first?.href).toBe('/lessons/first-contact/');
    expect(first?.checkpoints.map((checkpoint) => checkpoint.id)).toContain('pull-hello-world');
    expect(first?.questions).toContain('client-or-server');
  });

  it('embeds as JSON that cannot close its script element, and reads back the same', () => {
    const items = [{ id: 'x', title: '</script><script>alert(1)</script>', kind: 'lesson' as const, href: '/lessons/x/', checkpoints: [], questions: [] }];
    const text = scriptJson(items);
    expect(text).not.toContain('<');
    expect(parseCourse(text)).toEqual(items);
    expect(parseCourse(null)).toEqual([]);
  });
});

describe('codeSpans', () => {
  it('splits `code` spans from the text around them, keeping a lone backtick', () => {
    expect(codeSpans("Measure it with `docker images` and `docker history` first")).toEqual([
      { text: 'Measure it with ', code: false },
      { text: 'docker images', code: true },
      { text: ' and ', code: false },
      { text: 'docker history', code: true },
      { text: ' first', code: false },
    ]);
    expect(codeSpans('no code')).toEqual([{ text: 'no code', code: false }]);
    expect(codeSpans('a ` b')).toEqual([{ text: 'a ` b', code: false }]);
    expect(codeSpans('`<b>`')).toEqual([{ text: '<b>', code: true }]);
  });
});
