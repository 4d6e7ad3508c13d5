import { beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../session/types';
import { nodeCatalogRegistry } from '../testing/node-helpers';
import { runLine, testSession } from '../testing/transcript';

/**
 * A container's first process is exec'd by runc's init, not by a shell: a
 * file that is not a program here fails execve (ENOEXEC) after the container
 * started, and runc's init says so on the container's stderr and exits 255.
 */
let session: Session;
beforeAll(async () => {
  session = testSession({ registry: nodeCatalogRegistry() });
  for (const line of [
    "mkdir ctx && printf '\\177ELF\\002\\001\\001\\000\\000' > ctx/payments && printf 'echo from a script without a shebang\\n' > ctx/job.sh && chmod +x ctx/payments ctx/job.sh",
    'printf \'FROM alpine\\nWORKDIR /app\\nCOPY job.sh ./\\nCOPY payments /usr/local/bin/payments\\nENTRYPOINT ["payments"]\\n\' > ctx/Dockerfile',
    'docker build -q -t pay ctx',
  ]) {
    const { output, status } = await runLine(session, line);
    expect(status, `${line}\n${output}`).toBe(0);
  }
}, 60_000);

describe('a container whose process is not a program it can run', () => {
  it('starts, prints runc’s `exec …: exec format error` and exits 255 (an ELF of another machine)', async () => {
    expect(await runLine(session, 'docker run --name pay1 pay')).toEqual({ output: 'exec /usr/local/bin/payments: exec format error\n', status: 255 });
    expect(await runLine(session, "docker inspect -f '{{.State.Status}} {{.State.ExitCode}} {{.State.Error}}' pay1")).toEqual({ output: 'exited 255 \n', status: 0 });
    expect((await runLine(session, 'docker logs pay1')).output).toBe('exec /usr/local/bin/payments: exec format error\n');
  });

  it('says the path as given when it has a slash, and fails a text file without #! alike (no shell falls back)', async () => {
    expect(await runLine(session, 'docker run --rm --entrypoint ./job.sh pay')).toEqual({ output: 'exec ./job.sh: exec format error\n', status: 255 });
    expect(await runLine(session, 'docker run --rm --entrypoint /app/job.sh pay')).toEqual({ output: 'exec /app/job.sh: exec format error\n', status: 255 });
  });

  it('leaves a shell’s own wording to a shell that runs it', async () => {
    expect(await runLine(session, 'docker run --rm --entrypoint sh pay -c payments')).toEqual({ output: 'sh: payments: Exec format error\n', status: 126 });
    expect(await runLine(session, 'docker run --rm --entrypoint sh pay -c ./job.sh')).toEqual({ output: 'from a script without a shebang\n', status: 0 });
  });
});
