/**
 * The course map's progress: each lesson's status from the learner's
 * stored progress, the Continue button, export to a file and import from
 * one, and the notice when stored progress had to be recovered.
 */
import { downloadFile } from '../lib/download';
import { mergeProgress, progressFile, readProgressFile } from '../progress/record';
import { lessonStatus, type LessonRequirements, type LessonStatus } from '../progress/schema';
import { loadProgress, onProgressChange, saveProgress } from '../progress/store';

const STATUS_WORDS: Record<LessonStatus, string> = { 'not-started': 'Not started', 'in-progress': 'In progress', complete: 'Complete' };

interface MapLesson {
  id: string;
  title: string;
  href: string;
  element: HTMLElement;
  required: LessonRequirements;
}

const words = (value: string | undefined): string[] => (value ?? '').split(' ').filter((word) => word !== '');

function mapLessons(root: ParentNode): MapLesson[] {
  return [...root.querySelectorAll<HTMLElement>('[data-lesson-id]')].map((element) => ({
    id: element.dataset.lessonId ?? '',
    title: element.dataset.lessonTitle ?? '',
    href: element.querySelector('a')?.getAttribute('href') ?? '#',
    element,
    required: { checkpoints: words(element.dataset.checkpoints), questions: words(element.dataset.questions) },
  }));
}

function say(root: ParentNode, message: string, problem = false): void {
  const notice = root.querySelector<HTMLElement>('[data-progress-notice]');
  if (!notice) return;
  notice.textContent = message;
  notice.hidden = message === '';
  notice.classList.toggle('progress-notice', problem);
}

function render(root: ParentNode, lessons: readonly MapLesson[]): void {
  const { progress } = loadProgress();
  const statuses = lessons.map((lesson) => lessonStatus(progress.lessons[lesson.id], lesson.required));
  lessons.forEach((lesson, index) => {
    const status = statuses[index] ?? 'not-started';
    const badge = lesson.element.querySelector<HTMLElement>('[data-lesson-status]');
    if (badge) {
      badge.dataset.lessonStatus = status;
      badge.textContent = STATUS_WORDS[status];
    }
  });
  const complete = statuses.filter((status) => status === 'complete').length;
  const summary = root.querySelector('[data-progress-summary]');
  if (summary) summary.textContent = `${complete} of ${lessons.length} complete.`;
  const next = lessons[statuses.indexOf('in-progress')] ?? lessons[statuses.indexOf('not-started')];
  const cont = root.querySelector<HTMLAnchorElement>('[data-continue]');
  if (cont) {
    cont.hidden = next === undefined;
    if (next) {
      cont.href = next.href;
      cont.textContent = statuses.includes('in-progress') || complete > 0 ? `Continue: ${next.title}` : `Start: ${next.title}`;
    }
  }
}

function fileName(learner: string, now: Date): string {
  const who = learner.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `layerlab-progress${who ? `-${who}` : ''}-${now.toISOString().slice(0, 10)}.json`;
}

export function startCourseMap(root: HTMLElement): void {
  const lessons = mapLessons(root);
  const loaded = loadProgress();
  if (loaded.notice) say(root, loaded.notice, true);
  render(root, lessons);
  onProgressChange(() => render(root, lessons));

  const learner = root.querySelector<HTMLInputElement>('[data-learner-name]');
  root.querySelector('[data-export]')?.addEventListener('click', () => {
    const now = new Date();
    const name = learner?.value ?? '';
    downloadFile(fileName(name, now), [`${JSON.stringify(progressFile(loadProgress().progress, name, now), null, 2)}\n`], 'application/json');
    say(root, 'Your progress was saved to a file in your downloads.');
  });
  root.querySelector<HTMLInputElement>('[data-import]')?.addEventListener('change', async (event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const read = readProgressFile(await file.text());
    input.value = '';
    if (!read.ok) {
      say(root, `${file.name} could not be imported: ${read.problem}. Your progress is unchanged.`, true);
      return;
    }
    saveProgress(mergeProgress(loadProgress().progress, read.file.progress));
    if (learner && read.file.learner && !learner.value) learner.value = read.file.learner;
    say(root, `Imported ${file.name}: its progress is added to what this browser had.`);
  });
}
