/**
 * The results view on /classroom/: reads the progress files a teacher
 * chooses or drops, and shows the table that results.ts computes. Built with
 * DOM APIs and textContent only, since learner names and file names are
 * whatever the learners typed.
 */
import { downloadFile } from '../lib/download';
import { parseCourse } from './course-items';
import { checkpointSummary, quizSummary, readResults, resultsCsv, STATUS_LABELS, type CourseItem, type FileProblem, type LearnerRow, type LoadedFile } from './results';

/** Progress files are a few kilobytes; a much larger file is something else, and reading it would only slow the page. */
const MAX_FILE_BYTES = 1_000_000;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, options: { text?: string; className?: string; attributes?: Record<string, string> } = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.text !== undefined) node.textContent = options.text;
  if (options.className) node.className = options.className;
  for (const [name, value] of Object.entries(options.attributes ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function headerRow(course: readonly CourseItem[]): HTMLTableRowElement {
  const row = element('tr', {}, element('th', { text: 'Learner', attributes: { scope: 'col' } }), element('th', { text: 'Complete', attributes: { scope: 'col' } }));
  for (const item of course) {
    const cell = element('th', { attributes: { scope: 'col', 'data-lesson': item.id } }, element('a', { text: item.title, attributes: { href: item.href } }));
    if (item.kind === 'exercise') cell.append(' ', element('span', { text: 'Exercise', className: 'results-kind' }));
    row.append(cell);
  }
  return row;
}

function lessonCell(item: CourseItem, result: LearnerRow['lessons'][number]): HTMLTableCellElement {
  const cell = element('td', { attributes: { 'data-lesson': item.id, 'data-status': result.status } });
  cell.append(element('span', { text: STATUS_LABELS[result.status], className: `results-status results-${result.status}` }));
  if (result.checkpoints.length > 0) {
    // A disclosure rather than a tooltip: it opens with the keyboard and on a touch screen too.
    const list = element('ul', { className: 'results-checkpoints' });
    for (const checkpoint of result.checkpoints) {
      list.append(element('li', { className: checkpoint.passed ? 'passed' : 'pending' }, element('span', { text: checkpoint.passed ? '✓ ' : '○ ', attributes: { 'aria-hidden': 'true' } }), document.createTextNode(`${checkpoint.title} (${checkpoint.passed ? 'passed' : 'not passed'})`)));
    }
    const summary = element('summary', { text: `Checkpoints ${checkpointSummary(result)}`, attributes: { 'data-checkpoints': checkpointSummary(result) } });
    cell.append(element('details', { className: 'results-details' }, summary, list));
  }
  if (result.quiz) cell.append(element('span', { text: `Quiz: ${quizSummary(result)}`, className: 'results-quiz', attributes: { 'data-quiz': `${result.quiz.correct}/${result.quiz.total}/${result.quiz.firstTry}` } }));
  return cell;
}

function learnerRowElement(row: LearnerRow, course: readonly CourseItem[]): HTMLTableRowElement {
  const name = element('th', { attributes: { scope: 'row' } }, element('span', { text: row.learner, className: 'results-learner' }));
  if (row.learner !== row.fileName) name.append(element('span', { text: row.fileName, className: 'results-file' }));
  const tr = element('tr', { attributes: { 'data-learner-row': '' } }, name, element('td', { text: `${row.complete} of ${course.length}`, attributes: { 'data-complete': '' } }));
  row.lessons.forEach((result, index) => {
    const item = course[index];
    if (item) tr.append(lessonCell(item, result));
  });
  return tr;
}

function table(rows: readonly LearnerRow[], course: readonly CourseItem[]): HTMLTableElement {
  const caption = element('caption', { text: `Results of ${rows.length} ${rows.length === 1 ? 'learner' : 'learners'}: status, checkpoints passed and quiz score per lesson and exercise`, attributes: { id: 'results-caption' } });
  const body = element('tbody');
  for (const row of rows) body.append(learnerRowElement(row, course));
  return element('table', { className: 'results-table' }, caption, element('thead', {}, headerRow(course)), body);
}

/** A byte-order mark first, so that spreadsheet programs read the names as UTF-8. */
function downloadCsv(name: string, text: string): void {
  downloadFile(name, ['\uFEFF', text], 'text/csv;charset=utf-8');
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Wires the results view inside `root`; files chosen later add to those already shown (a file of the same name replaces the earlier one). */
export function mountResults(root: HTMLElement): void {
  const course = parseCourse(root.querySelector('[data-course-requirements]')?.textContent);
  const input = root.querySelector<HTMLInputElement>('[data-progress-files]');
  const zone = root.querySelector<HTMLElement>('[data-drop-zone]');
  const status = root.querySelector<HTMLElement>('[data-results-status]');
  const problemsList = root.querySelector<HTMLElement>('[data-results-problems]');
  const tableHolder = root.querySelector<HTMLElement>('[data-results-table]');
  const csvButton = root.querySelector<HTMLButtonElement>('[data-download-csv]');
  const clearButton = root.querySelector<HTMLButtonElement>('[data-clear-results]');
  if (!input || !zone || !status || !problemsList || !tableHolder || !csvButton || !clearButton) return;
  wire(course, { input, zone, status, problemsList, tableHolder, csvButton, clearButton });
}

interface Parts {
  input: HTMLInputElement;
  zone: HTMLElement;
  status: HTMLElement;
  problemsList: HTMLElement;
  tableHolder: HTMLElement;
  csvButton: HTMLButtonElement;
  clearButton: HTMLButtonElement;
}

function wire(course: readonly CourseItem[], { input, zone, status, problemsList, tableHolder, csvButton, clearButton }: Parts): void {

  const files = new Map<string, LoadedFile>();
  const tooLarge = new Map<string, FileProblem>();
  let rows: LearnerRow[] = [];

  function render(): void {
    const results = readResults([...files.values()], course);
    rows = results.rows;
    const problems = [...tooLarge.values(), ...results.problems];
    problemsList.replaceChildren(...problems.map((problem) => element('li', { text: problem.message, attributes: { 'data-file-problem': problem.fileName } })));
    problemsList.hidden = problems.length === 0;
    tableHolder.replaceChildren(...(rows.length > 0 ? [table(rows, course)] : []));
    tableHolder.hidden = rows.length === 0;
    csvButton.disabled = rows.length === 0;
    clearButton.disabled = files.size + tooLarge.size === 0;
    const unusable = problems.length > 0 ? ` ${plural(problems.length, 'file', 'files')} could not be used.` : '';
    status.textContent = files.size + tooLarge.size === 0 ? 'No files loaded yet.' : `Showing ${plural(rows.length, 'learner', 'learners')}.${unusable}`;
  }

  async function add(list: FileList | null): Promise<void> {
    if (!list) return;
    for (const file of Array.from(list)) {
      files.delete(file.name);
      tooLarge.delete(file.name);
      if (file.size > MAX_FILE_BYTES) tooLarge.set(file.name, { fileName: file.name, message: `${file.name} cannot be used: it is too large to be a Layerlab progress file.` });
      else files.set(file.name, { name: file.name, text: await file.text() });
    }
    render();
  }

  input.addEventListener('change', () => {
    void add(input.files).then(() => {
      // Cleared so that choosing the same file again (after a learner re-exports) reads it again.
      input.value = '';
    });
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    void add(event.dataTransfer?.files ?? null);
  });
  // A file dropped beside the zone would otherwise replace the page (and the results) with the file.
  for (const type of ['dragover', 'drop'] as const) {
    window.addEventListener(type, (event) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    });
  }
  csvButton.addEventListener('click', () => downloadCsv(`layerlab-results-${new Date().toISOString().slice(0, 10)}.csv`, resultsCsv(rows, course)));
  clearButton.addEventListener('click', () => {
    files.clear();
    tooLarge.clear();
    render();
  });
  render();
}
