import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeCatalogRegistry, nodePackageMirrors } from './node-helpers';
import { RecordingTerminal, runLine, testSession } from './transcript';

/** Pieces of what learners type inside a container's shell, good and bad. */
const PIECES = [
  'ls', '-la', '/', '/etc', 'cd', '..', '/tmp', 'cat', '/etc/os-release', 'echo', 'hi', '$HOME', '"$PATH"', "'q'", '|', 'wc', '-l',
  '>', '>>', 'f.txt', '2>&1', '<', '&&', '||', ';', 'rm', '-rf', '/bin/ls', 'mkdir', '-p', 'a/b', 'touch', 'sh', '-c', 'exit', '3',
  'uname', '-a', 'id', 'whoami', 'hostname', 'which', 'nosuch', '/nope', './x', 'busybox', 'apk', 'find', '-name', '*.conf', 'grep',
  'root', 'sed', 's/a/b/', 'awk', '{print}', '$(', ')', '`', '"', "'", '\\', '{', '}', 'for', 'i', 'in', 'do', 'done', 'if', 'then', 'fi',
  'export', 'X=1', '$X', 'set', '-e', 'read', 'v', 'tar', 'cf', 'a.tar', 'x'.repeat(200),
  'apk', 'add', 'del', 'info', 'search', 'update', '--no-cache', '-U', '--virtual', '.deps', '-L', 'curl', 'jq', 'bash', 'curl', '--version',
];

/** The same for a Debian container's package tools. */
const APT_PIECES = ['apt-get', 'apt', 'update', 'install', 'remove', 'purge', 'autoremove', '-y', '--no-install-recommends', 'curl', 'jq', 'bash', 'nosuch', 'dpkg', '-l', '&&', ';', '|', 'tail', '-3', 'which', 'curl', '--version'];

async function neverThrows(image: string, pieces: readonly string[], numRuns: number): Promise<void> {
  const session = testSession({ registry: nodeCatalogRegistry(), mirrors: nodePackageMirrors() });
  expect((await runLine(session, `docker pull -q ${image}`)).status).toBe(0);
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }), async (lines) => {
      const typed = lines.map((words) => words.join(' '));
      const terminal = new RecordingTerminal(typed);
      const status = await session.run(`docker run -it --rm ${image} sh`, terminal);
      expect(terminal.output).not.toContain('internal error');
      // Errors are the shell's words, never a JavaScript error's.
      expect(terminal.output).not.toMatch(/\b(ENOENT|EISDIR|ENOTDIR|EBUSY|TypeError|ReferenceError|RangeError):/);
      expect(Number.isInteger(status)).toBe(true);
      expect(status).toBeGreaterThanOrEqual(0);
      expect(status).toBeLessThan(256);
    }),
    { numRuns },
  );
  expect(await runLine(session, 'echo still here')).toEqual({ output: 'still here\n', status: 0 });
}

describe('a container shell on arbitrary lines', () => {
  it('never throws past the shell and keeps the session usable (alpine, apk)', () => neverThrows('alpine', PIECES, 300), 120_000);
  it('never throws past the shell and keeps the session usable (debian, apt-get)', () => neverThrows('debian:bookworm', APT_PIECES, 60), 120_000);
});
