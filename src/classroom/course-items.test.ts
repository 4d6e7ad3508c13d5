import { describe, expect, it } from 'vitest';
import { readLessons } from '../course/lessons-on-disk';
import { courseItems, parseCourse, scriptJson } from './course-items';

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

