import { describe, expect, it } from 'vitest';
import { answerQuestion, passCheckpoint, progressFile, startLesson } from '../progress/record';
import { emptyProgress, type Progress } from '../progress/schema';
import { csvField, learnerRow, quizSummary, readResults, resultsCsv, type CourseItem } from './results';

const course: CourseItem[] = [
  {
    id: 'first-contact',
    title: 'First contact',
    kind: 'lesson',
    href: '/lessons/first-contact/',
    checkpoints: [
      { id: 'pull', title: 'Pull hello-world' },
      { id: 'save', title: 'Save the version' },
    ],
    questions: ['q1', 'q2'],
  },
  {
    id: 'ex-layers',
    title: 'Exercise: layers',
    kind: 'exercise',
    href: '/lessons/ex-layers/',
    checkpoints: [{ id: 'build', title: 'Build it' }],
    questions: [],
  },
];

const now = new Date(Date.UTC(2026, 0, 5, 10));

function fileText(learner: string, progress: Progress): string {
  return JSON.stringify(progressFile(progress, learner, now));
}

/** Ada finished the first lesson (q2 right only at the second try) and opened the exercise. */
function adaProgress(): Progress {
  let progress = startLesson(emptyProgress(), 'first-contact', now);
  progress = passCheckpoint(progress, 'first-contact', 'pull', now);
  progress = passCheckpoint(progress, 'first-contact', 'save', now);
  progress = answerQuestion(progress, 'first-contact', 'q1', true, now);
  progress = answerQuestion(progress, 'first-contact', 'q2', false, now);
  progress = answerQuestion(progress, 'first-contact', 'q2', true, now);
  return startLesson(progress, 'ex-layers', now);
}

describe('readResults', () => {
  it('makes one row per readable file with status, checkpoints and quiz score per course item', () => {
    const { rows, problems } = readResults([{ name: 'ada.json', text: fileText('Ada', adaProgress()) }], course);
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row?.learner).toBe('Ada');
    expect(row?.complete).toBe(1);
    const [lesson, exercise] = row?.lessons ?? [];
    expect(lesson).toMatchObject({ status: 'complete', passed: 2, quiz: { correct: 2, firstTry: 1, answered: 2, total: 2 } });
    expect(lesson && quizSummary(lesson)).toBe('2 of 2 correct, 1 at first try');
    expect(exercise).toMatchObject({ status: 'in-progress', passed: 0, quiz: undefined });
    expect(exercise?.checkpoints).toEqual([{ id: 'build', title: 'Build it', passed: false }]);
  });

  it('says why each unreadable file cannot be used, and still reads the others', () => {
    const { rows, problems } = readResults(
      [
        { name: 'broken.json', text: '{"format": "layerlab-progress", ' },
        { name: 'ada.json', text: fileText('Ada', adaProgress()) },
        { name: 'notes.json', text: '{"hello": 1}' },
        { name: 'future.json', text: JSON.stringify({ ...progressFile(emptyProgress(), 'x', now), version: 9 }) },
      ],
      course,
    );
    expect(rows.map((row) => row.learner)).toEqual(['Ada']);
    expect(problems).toEqual([
      { fileName: 'broken.json', message: 'broken.json cannot be used: it is not a Layerlab progress file (not JSON).' },
      { fileName: 'notes.json', message: 'notes.json cannot be used: it is not a Layerlab progress file.' },
      { fileName: 'future.json', message: 'future.json cannot be used: it was made by a newer Layerlab (format version 9).' },
    ]);
  });

  it('names a learner who left the name empty by the file, and sorts rows by name', () => {
    const { rows } = readResults(
      [
        { name: 'zoe.json', text: fileText('zoé', emptyProgress()) },
        { name: 'anonymous-progress.json', text: fileText('   ', emptyProgress()) },
        { name: 'b.json', text: fileText('Ben', emptyProgress()) },
      ],
      course,
    );
    expect(rows.map((row) => row.learner)).toEqual(['anonymous-progress.json', 'Ben', 'zoé']);
    expect(rows[0]?.lessons.map((lesson) => lesson.status)).toEqual(['not-started', 'not-started']);
  });

  it('keeps a name that looks like HTML as the exact text, for the page to show literally', () => {
    const name = '<img src=x onerror=alert(1)>';
    const { rows } = readResults([{ name: 'x.json', text: fileText(name, emptyProgress()) }], course);
    expect(rows[0]?.learner).toBe(name);
  });

  it('ignores lessons and checkpoints the course does not have (an older or newer course)', () => {
    let progress = passCheckpoint(emptyProgress(), 'first-contact', 'gone', now);
    progress = passCheckpoint(progress, 'removed-lesson', 'x', now);
    const row = learnerRow('a.json', progressFile(progress, 'A', now), course);
    expect(row.lessons.map((lesson) => lesson.lesson)).toEqual(['first-contact', 'ex-layers']);
    expect(row.lessons[0]).toMatchObject({ status: 'in-progress', passed: 0 });
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Lovelace, Ada')).toBe('"Lovelace, Ada"');
    expect(csvField('Ada "Countess" L')).toBe('"Ada ""Countess"" L"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('-1+1')).toBe("'-1+1");
    expect(csvField(3)).toBe('3');
  });

  it('has a header and a line per learner, a quiz column set only for items with a quiz', () => {
    const { rows } = readResults(
      [
        { name: 'ada.json', text: fileText('Lovelace, Ada', adaProgress()) },
        { name: 'x.json', text: fileText('<img src=x onerror=alert(1)>', emptyProgress()) },
      ],
      course,
    );
    const lines = resultsCsv(rows, course).split('\r\n');
    expect(lines).toEqual([
      'Learner,File,Exported at,Complete,First contact: status,First contact: checkpoints passed,First contact: checkpoints,First contact: quiz correct,First contact: quiz first try,First contact: quiz questions,Exercise: layers: status,Exercise: layers: checkpoints passed,Exercise: layers: checkpoints',
      '<img src=x onerror=alert(1)>,x.json,2026-01-05T10:00:00.000Z,0 of 2,Not started,0,2,0,0,2,Not started,0,1',
      '"Lovelace, Ada",ada.json,2026-01-05T10:00:00.000Z,1 of 2,Complete,2,2,2,1,2,In progress,0,1',
      '',
    ]);
  });
});
