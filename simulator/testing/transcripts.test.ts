import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeCatalogRegistry, nodePackageMirrors } from './node-helpers';
import { runLine, TEST_START, testSession } from './transcript';
import { createHostFilesystem, LEARNER_UID } from '../host/filesystem';

/**
 * Golden transcripts: `$ command` lines, the exact text the learner sees
 * after them, and `? N` when the exit status is not 0. `< text` lines right
 * after a command are what the learner types while it runs (a container's
 * shell, a prompt); `< ^D` is Ctrl-D. The terminal shows each prompt and
 * typed line in the output. Lines starting with `#` before the first
 * command are comments. Each file is one session.
 */
interface Step {
  line: string;
  typed: Array<string | null>;
  output: string;
  status: number;
}

function parseTranscript(text: string): Step[] {
  const steps: Step[] = [];
  for (const raw of text.split('\n')) {
    const step = steps[steps.length - 1];
    if (raw.startsWith('$ ')) steps.push({ line: raw.slice(2), typed: [], output: '', status: 0 });
    else if (!step) continue;
    else if (raw.startsWith('< ') && step.output === '') step.typed.push(raw === '< ^D' ? null : raw.slice(2));
    else if (/^\? \d+$/.test(raw)) (steps[steps.length - 1] as Step).status = Number(raw.slice(2));
    else (steps[steps.length - 1] as Step).output += `${raw}\n`;
  }
  // The file's final newline is not part of the last command's output.
  const last = steps[steps.length - 1];
  if (last) last.output = last.output.replace(/\n$/, '');
  return steps;
}

const directory = join(import.meta.dirname, '..', 'testdata');

describe.each(readdirSync(directory).filter((name) => name.endsWith('.transcript')))('%s', (file) => {
  it('prints exactly what Docker and bash print', async () => {
    // Every transcript's learner has a hello.txt in their home, to copy into containers.
    const host = createHostFilesystem();
    host.writeFile('/home/learner/hello.txt', { kind: 'bytes', bytes: new TextEncoder().encode('hello\n') }, { mode: 0o644, uid: LEARNER_UID, gid: LEARNER_UID, mtime: TEST_START });
    const session = testSession({ registry: nodeCatalogRegistry(), mirrors: nodePackageMirrors(), host });
    for (const step of parseTranscript(readFileSync(join(directory, file), 'utf8'))) {
      const result = await runLine(session, step.line, step.typed);
      expect({ line: step.line, output: result.output, status: result.status }).toEqual({ line: step.line, output: step.output, status: step.status });
    }
  });
});
