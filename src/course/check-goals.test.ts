/**
 * `sim --state FILE --lesson ID` and `sim --state FILE --check ID`, run as a
 * teacher runs them: the exercise's setup, the learner's work piped in, and
 * each goal printed as passed or failed with the exit status saying whether
 * all passed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readLessons } from './lessons-on-disk';

const SIM = fileURLToPath(new URL('../../bin/sim.mjs', import.meta.url));
const scratch = await mkdtemp(join(tmpdir(), 'layerlab-check-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

function sim(args: string[], input = ''): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [SIM, ...args], { env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

const exercise = (await readLessons()).find((lesson) => lesson.id === 'rescue-data');

describe('sim --check', () => {
  it('fails every goal of an exercise not yet done, then passes them all once its solution ran', { timeout: 120_000 }, async () => {
    if (!exercise) throw new Error('the rescue-data exercise is missing');
    const state = join(scratch, 'rescue.json');
    const started = await sim(['--state', state, '--lesson', exercise.id], '');
    expect(started.status, started.stderr).toBe(0);

    const before = await sim(['--state', state, '--check', exercise.id]);
    expect(before.status).toBe(1);
    const ids = exercise.data.checkpoints.map((checkpoint) => checkpoint.id);
    expect(before.stdout.split('\n').filter((line) => /^(passed|failed) /.test(line))).toEqual(ids.map((id) => expect.stringMatching(new RegExp(`^failed  ${id}: `))));
    expect(before.stdout).toMatch(new RegExp(`^0 of ${ids.length} goals of exercise rescue-data passed$`, 'm'));

    const saved = await readFile(state, 'utf8');
    const worked = await sim(['--state', state], `${(exercise.data.solution ?? []).join('\n')}\n`);
    expect(worked.status, worked.stdout + worked.stderr).toBe(0);
    // Checking reads the session and leaves it as it was.
    const after = await sim(['--state', state, '--check', exercise.id]);
    expect(after.stdout).toMatch(new RegExp(`^${ids.length} of ${ids.length} goals of exercise rescue-data passed$`, 'm'));
    expect(after.status).toBe(0);
    expect(await readFile(state, 'utf8')).not.toBe(saved);
    expect((await sim(['--state', state, '--check', exercise.id])).stdout).toBe(after.stdout);
  });

  it('says what is wrong with its arguments, with exit status 2', { timeout: 60_000 }, async () => {
    const unknown = await sim(['--state', join(scratch, 'rescue.json'), '--check', 'no-such-exercise']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^sim: no lesson or exercise "no-such-exercise"\n {2}exercises: .*rescue-data/);
    const missing = await sim(['--check', 'rescue-data']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^sim: --check needs --state FILE/);
    const absent = await sim(['--state', join(scratch, 'absent.json'), '--check', 'rescue-data']);
    expect(absent.status).toBe(2);
    expect(absent.stderr).toMatch(/absent\.json: no such file/);
  });
});
