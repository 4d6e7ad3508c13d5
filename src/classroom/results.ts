/**
 * The classroom's results view, as pure functions: the course's requirements
 * (from the build) and the progress files learners exported become one row
 * per learner, and the rows become CSV. The page only renders what these
 * return, with textContent, so nothing a learner typed is ever HTML.
 */
import { readProgressFile } from '../progress/record';
import { lessonStatus, quizScore, type LessonStatus, type ProgressFile, type QuizScore } from '../progress/schema';

/** What the course asks of one lesson or exercise, as the page embeds it at build time. */
export interface CourseItem {
  id: string;
  title: string;
  kind: 'lesson' | 'exercise';
  href: string;
  checkpoints: readonly { id: string; title: string }[];
  questions: readonly string[];
}

/** A file as the teacher chose it: its name and its text. */
export interface LoadedFile {
  name: string;
  text: string;
}

export interface CheckpointResult {
  id: string;
  title: string;
  passed: boolean;
}

export interface LessonResult {
  lesson: string;
  status: LessonStatus;
  checkpoints: CheckpointResult[];
  passed: number;
  /** Undefined when the lesson has no quiz. */
  quiz: QuizScore | undefined;
}

export interface LearnerRow {
  /** The name the learner typed when exporting, or the file's name when they left it empty. */
  learner: string;
  fileName: string;
  exportedAt: string;
  complete: number;
  lessons: LessonResult[];
}

export interface FileProblem {
  fileName: string;
  message: string;
}

export interface Results {
  rows: LearnerRow[];
  problems: FileProblem[];
}

/** One learner's row: every course item in course order, whatever the file holds besides. */
export function learnerRow(fileName: string, file: ProgressFile, course: readonly CourseItem[]): LearnerRow {
  const lessons = course.map((item): LessonResult => {
    const progress = file.progress.lessons[item.id];
    const checkpoints = item.checkpoints.map((checkpoint) => ({ ...checkpoint, passed: progress?.checkpoints[checkpoint.id] !== undefined }));
    return {
      lesson: item.id,
      status: lessonStatus(progress, { checkpoints: item.checkpoints.map((checkpoint) => checkpoint.id), questions: item.questions }),
      checkpoints,
      passed: checkpoints.filter((checkpoint) => checkpoint.passed).length,
      quiz: item.questions.length > 0 ? quizScore(progress, item.questions) : undefined,
    };
  });
  return {
    learner: file.learner.trim() || fileName,
    fileName,
    exportedAt: file.exportedAt,
    complete: lessons.filter((lesson) => lesson.status === 'complete').length,
    lessons,
  };
}

/**
 * Every file read on its own: an unreadable one becomes a problem naming the
 * file and saying why (readProgressFile's words), and the others still make
 * their rows. Rows are sorted by learner name, as a class list is.
 */
export function readResults(files: readonly LoadedFile[], course: readonly CourseItem[]): Results {
  const rows: LearnerRow[] = [];
  const problems: FileProblem[] = [];
  for (const { name, text } of files) {
    const read = readProgressFile(text);
    if (read.ok) rows.push(learnerRow(name, read.file, course));
    else problems.push({ fileName: name, message: `${name} cannot be used: ${read.problem}.` });
  }
  rows.sort((a, b) => a.learner.localeCompare(b.learner, undefined, { sensitivity: 'base' }) || a.fileName.localeCompare(b.fileName));
  return { rows, problems };
}

export const STATUS_LABELS: Record<LessonStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  complete: 'Complete',
};

export function checkpointSummary(result: LessonResult): string {
  return `${result.passed} of ${result.checkpoints.length}`;
}

export function quizSummary(result: LessonResult): string {
  return result.quiz ? `${result.quiz.correct} of ${result.quiz.total} correct, ${result.quiz.firstTry} at first try` : 'no quiz';
}

/**
 * A CSV field: quoted when it holds a comma, quote or line break (quotes
 * doubled, RFC 4180); and text a spreadsheet would run as a formula (`=`,
 * `+`, `-`, `@`, tab, CR first) gets a leading apostrophe, since a learner
 * chooses their own name.
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The results as CSV: a row per learner, and per course item its status, checkpoints and quiz score. */
export function resultsCsv(rows: readonly LearnerRow[], course: readonly CourseItem[]): string {
  const header: (string | number)[] = ['Learner', 'File', 'Exported at', 'Complete'];
  for (const item of course) {
    header.push(`${item.title}: status`, `${item.title}: checkpoints passed`, `${item.title}: checkpoints`);
    if (item.questions.length > 0) header.push(`${item.title}: quiz correct`, `${item.title}: quiz first try`, `${item.title}: quiz questions`);
  }
  const lines = [header];
  for (const row of rows) {
    const line: (string | number)[] = [row.learner, row.fileName, row.exportedAt, `${row.complete} of ${course.length}`];
    row.lessons.forEach((result, index) => {
      line.push(STATUS_LABELS[result.status], result.passed, result.checkpoints.length);
      if ((course[index]?.questions.length ?? 0) > 0) line.push(result.quiz?.correct ?? 0, result.quiz?.firstTry ?? 0, result.quiz?.total ?? 0);
    });
    lines.push(line);
  }
  return lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}
