import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryRegistry } from '../registry/memory';
import { RecordingTerminal, testSession } from './transcript';

/** Words learners (and cats on keyboards) type after `docker`. */
const WORDS = [
  'docker', 'images', 'image', 'ls', 'rm', 'rmi', 'pull', 'tag', 'history', 'inspect', 'create', 'commit', 'cp', 'diff', 'ps', 'save',
  'container', 'version', 'help', 'foo', '-a', '-q', '-f', '--format', '--no-trunc', '--digests', '-H=false', '--filter', 'dangling=true',
  'reference=a*', '{{.ID}}', '{{json .}}', '{{if .Tag}}x{{end}}', '{{.Nope}}', '{{', 'table', 'json', 'busybox', 'alpine:3', 'Alpine',
  'a:b:c', 'sha256:abc', 'box', 'box:/etc', 'hello.txt', '-o', 'out.tar', '--name', '-m', 'msg', '-c', 'CMD ["sh"]', '--', '-', '""', "''",
  '--help', '-h', '--platform', 'linux/amd64', '@', '..', '/', 'x'.repeat(300),
];

describe('the docker CLI on arbitrary command lines', () => {
  it('never throws, never hits an internal error, and always ends with an exit status', async () => {
    const session = testSession({ registry: new MemoryRegistry() });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 7 }), async (words) => {
        const line = `docker ${words.map((word) => `'${word.replaceAll("'", '')}'`).join(' ')}`;
        const terminal = new RecordingTerminal();
        const status = await session.run(line, terminal);
        // A command that throws is caught by the session and reported as an internal error: that is a bug.
        expect(terminal.output).not.toContain('internal error');
        expect(Number.isInteger(status)).toBe(true);
        expect(status).toBeGreaterThanOrEqual(0);
        expect(status).toBeLessThan(256);
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);
});
