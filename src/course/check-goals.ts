/**
 * `sim --check <id>`: a lesson's or exercise's checkpoints against a saved
 * session, as a teacher or a grading script reads them: one line per goal,
 * passed or failed with what the engine found, and whether all passed.
 */
import type { Session } from '../../simulator';
import type { LessonOnDisk } from './lessons-on-disk';

export interface GoalReport {
  text: string;
  allPassed: boolean;
}

export async function checkGoals(session: Session, lesson: LessonOnDisk): Promise<GoalReport> {
  const lines: string[] = [];
  let passed = 0;
  for (const checkpoint of lesson.data.checkpoints) {
    const results = await session.check(checkpoint.checks);
    const ok = results.every((result) => result.passed);
    if (ok) passed++;
    const found = (ok ? results : results.filter((result) => !result.passed)).map((result) => result.explanation).join('; ');
    lines.push(`${ok ? 'passed' : 'failed'}  ${checkpoint.id}: ${checkpoint.title}`, `        ${found}`);
  }
  const total = lesson.data.checkpoints.length;
  lines.push(`${passed} of ${total} goals of ${lesson.data.kind === 'exercise' ? 'exercise' : 'lesson'} ${lesson.id} passed`);
  return { text: `${lines.join('\n')}\n`, allPassed: passed === total };
}
