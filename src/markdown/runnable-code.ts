import type { Element, ElementContent, Root } from 'hast';

/** Languages whose code blocks are commands for the lesson's terminal. */
const SHELL_LANGUAGES = new Set(['sh', 'shell', 'bash', 'console']);

/**
 * The command lines of a shell code block, in the order to run them. Blank
 * lines are dropped and backslash-newline joins lines, as bash reads them;
 * in a `console` block only the `$ ` lines (and their `> ` continuations) are
 * commands, the rest is their output.
 */
export function commandLines(language: string, code: string): string[] {
  const console = language === 'console';
  const commands: string[] = [];
  /** A command so far, while its last line ended with a backslash. */
  let pending: string | undefined;
  for (const raw of code.split('\n')) {
    let line = raw.trimEnd();
    if (console && pending === undefined) {
      if (!line.startsWith('$ ')) continue;
      line = line.slice(2);
    } else if (console && line.startsWith('> ')) {
      line = line.slice(2);
    }
    const text = (pending ?? '') + line;
    if (text.endsWith('\\')) {
      pending = text.slice(0, -1);
      continue;
    }
    pending = undefined;
    if (text.trim() !== '') commands.push(text);
  }
  if (pending !== undefined && pending.trim() !== '') commands.push(pending);
  return commands;
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

function button(action: 'run' | 'copy', label: string, name: string): Element {
  return {
    type: 'element',
    tagName: 'button',
    properties: { type: 'button', className: ['runnable-button'], dataAction: action, ariaLabel: `${label}: ${name}` },
    children: [{ type: 'text', value: label }],
  };
}

/** The highlighted block with its toolbar, or undefined when `pre` is not a runnable shell block. */
function runnable(pre: Element): Element | undefined {
  const language = pre.properties.dataLanguage;
  if (typeof language !== 'string' || !SHELL_LANGUAGES.has(language)) return undefined;
  const commands = commandLines(language, pre.children.map(textOf).join(''));
  if (commands.length === 0) return undefined;
  // The command goes into attributes and text nodes only, which the serializer escapes: never HTML.
  const name = commands.join('; ');
  return {
    type: 'element',
    tagName: 'div',
    properties: { className: ['runnable'], dataRunnable: '', dataCommand: commands.join('\n') },
    children: [
      {
        type: 'element',
        tagName: 'div',
        properties: { className: ['runnable-toolbar'] },
        children: [
          button('run', 'Run', name),
          button('copy', 'Copy', name),
          { type: 'element', tagName: 'span', properties: { className: ['runnable-status'], role: 'status', dataRunnableStatus: '' }, children: [] },
        ],
      },
      pre,
    ],
  };
}

function wrapIn(parent: Root | Element): void {
  for (const [index, child] of parent.children.entries()) {
    if (child.type !== 'element') continue;
    if (child.tagName !== 'pre') wrapIn(child);
    else {
      const wrapped = runnable(child);
      if (wrapped) parent.children[index] = wrapped;
    }
  }
}

/**
 * Rehype plugin: gives every shell code block of a lesson a toolbar with Run
 * and Copy (src/terminal/code-blocks.ts wires them). It runs after Shiki, so
 * it finds the highlighted `pre` with its `data-language`.
 */
export function rehypeRunnableCode() {
  return (tree: Root): void => wrapIn(tree);
}
