import type { LessonSetup } from '../lesson-schema';

/** Quotes `text` as one shell word that the shell takes literally. */
function quoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * A lesson's setup as the command lines that make it, run from the learner's
 * home: the files first (each directory made, then the exact text written
 * with printf, so no trailing newline is added), then the lesson's commands.
 */
export function setupLines(setup: LessonSetup): string[] {
  const files = Object.entries(setup.files).map(([path, text]) => {
    const slash = path.lastIndexOf('/');
    const write = `printf '%s' ${quoted(text)} > ${quoted(path)}`;
    return slash > 0 ? `mkdir -p ${quoted(path.slice(0, slash))} && ${write}` : write;
  });
  return [...files, ...setup.commands];
}
