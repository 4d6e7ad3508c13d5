/** Changes to a learner's progress, as pure functions of the old value: the store saves what they return. */
import { PROGRESS_FILE_FORMAT, PROGRESS_VERSION, progressFileSchema, type Answer, type LessonProgress, type Progress, type ProgressFile } from './schema';

function lessonOf(progress: Progress, lesson: string, now: Date): LessonProgress {
  return progress.lessons[lesson] ?? { startedAt: now.toISOString(), checkpoints: {}, quiz: {} };
}

function withLesson(progress: Progress, lesson: string, change: (current: LessonProgress) => LessonProgress, now: Date): Progress {
  return { ...progress, lessons: { ...progress.lessons, [lesson]: change(lessonOf(progress, lesson, now)) } };
}

/** The learner opened the lesson: it is in progress from now on. */
export function startLesson(progress: Progress, lesson: string, now: Date): Progress {
  return progress.lessons[lesson] ? progress : withLesson(progress, lesson, (current) => current, now);
}

/** A checkpoint passed; the first time it passed is kept. */
export function passCheckpoint(progress: Progress, lesson: string, checkpoint: string, now: Date): Progress {
  if (progress.lessons[lesson]?.checkpoints[checkpoint] !== undefined) return progress;
  return withLesson(progress, lesson, (current) => ({ ...current, checkpoints: { ...current.checkpoints, [checkpoint]: now.toISOString() } }), now);
}

/** An answer to a question: the latest answer counts, and whether the first one was right is kept. */
export function answerQuestion(progress: Progress, lesson: string, question: string, correct: boolean, now: Date): Progress {
  return withLesson(
    progress,
    lesson,
    (current) => {
      const before = current.quiz[question];
      const answer: Answer = { status: correct ? 'correct' : 'incorrect', attempts: (before?.attempts ?? 0) + 1, firstTry: before ? before.firstTry : correct };
      return { ...current, quiz: { ...current.quiz, [question]: answer } };
    },
    now,
  );
}

/** "Reset lesson": its session starts again, so its checkpoints are to be passed again; quiz answers stay. */
export function resetCheckpoints(progress: Progress, lesson: string): Progress {
  const current = progress.lessons[lesson];
  return current ? { ...progress, lessons: { ...progress.lessons, [lesson]: { ...current, checkpoints: {} } } } : progress;
}

const earlier = (a: string | undefined, b: string | undefined): string | undefined => (a === undefined ? b : b === undefined || a <= b ? a : b);

function betterAnswer(a: Answer | undefined, b: Answer | undefined): Answer | undefined {
  if (!a || !b) return a ?? b;
  const status = a.status === 'correct' || b.status === 'correct' ? 'correct' : 'incorrect';
  return { status, attempts: Math.max(a.attempts, b.attempts), firstTry: a.firstTry || b.firstTry };
}

/**
 * Progress from two devices as one: every checkpoint either passed (at its
 * earlier time), every question with the better answer. Importing never
 * loses what this browser already has.
 */
export function mergeProgress(mine: Progress, theirs: Progress): Progress {
  const lessons: Progress['lessons'] = { ...mine.lessons };
  for (const [id, other] of Object.entries(theirs.lessons)) {
    const own = lessons[id];
    if (!own) {
      lessons[id] = other;
      continue;
    }
    const checkpoints: Record<string, string> = {};
    for (const key of new Set([...Object.keys(own.checkpoints), ...Object.keys(other.checkpoints)])) {
      const time = earlier(own.checkpoints[key], other.checkpoints[key]);
      if (time !== undefined) checkpoints[key] = time;
    }
    const quiz: Record<string, Answer> = {};
    for (const key of new Set([...Object.keys(own.quiz), ...Object.keys(other.quiz)])) {
      const answer = betterAnswer(own.quiz[key], other.quiz[key]);
      if (answer) quiz[key] = answer;
    }
    lessons[id] = { startedAt: earlier(own.startedAt, other.startedAt) ?? own.startedAt, checkpoints, quiz };
  }
  return { version: PROGRESS_VERSION, lessons };
}

/** The file a learner exports (for another device, or for their teacher). */
export function progressFile(progress: Progress, learner: string, now: Date): ProgressFile {
  return { format: PROGRESS_FILE_FORMAT, version: PROGRESS_VERSION, learner: learner.trim().slice(0, 100), exportedAt: now.toISOString(), progress };
}

export type ReadFile = { ok: true; file: ProgressFile } | { ok: false; problem: string };

/** Reads an exported progress file, saying in plain words why one cannot be used. */
export function readProgressFile(text: string): ReadFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'it is not a Layerlab progress file (not JSON)' };
  }
  const format = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).format : undefined;
  if (format !== PROGRESS_FILE_FORMAT) return { ok: false, problem: 'it is not a Layerlab progress file' };
  const version = (json as Record<string, unknown>).version;
  if (typeof version === 'number' && version > PROGRESS_VERSION) return { ok: false, problem: `it was made by a newer Layerlab (format version ${version})` };
  const parsed = progressFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `it is damaged (${issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : 'unreadable'})` };
  }
  return { ok: true, file: parsed.data };
}
