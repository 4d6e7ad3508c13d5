/**
 * A lesson with a bad frontmatter fails the site's build, and the message
 * names the file and each bad field in words. Runs Astro's content sync (the
 * step of `astro build` that validates collections) on a scratch project
 * that shares this one's code but has a single, broken lesson.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const scratch = await mkdtemp(join(tmpdir(), 'layerlab-lesson-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const BROKEN = `---
title: A broken lesson
summary: Its frontmatter has three mistakes.
part: 1
partTitle: Getting started
order: 1
minutes: 0
checkpoints:
  - id: Pull Alpine
    title: Pull alpine
    checks:
      - { kind: imageExists }
---

Text.
`;

it('fails with the file and every bad field named', { timeout: 120_000 }, async () => {
  for (const name of ['node_modules', 'src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) await symlink(join(ROOT, name), join(scratch, name));
  await mkdir(join(scratch, 'lessons'));
  await writeFile(join(scratch, 'lessons', 'broken.mdx'), BROKEN);
  const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = execFile(join(ROOT, 'node_modules', '.bin', 'astro'), ['sync'], { cwd: scratch, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: stdout + stderr }),
    );
    child.stdin?.end();
  });
  const output = result.output.replace(/\x1b\[[0-9;]*m/g, '');
  expect(result.code).not.toBe(0);
  expect(output).toMatch(/lessons → broken data does not match collection schema/);
  expect(output).toMatch(/minutes: Number must be greater than 0/);
  expect(output).toMatch(/checkpoints\.0\.id.*must be lower-case words joined by "-"/);
  expect(output).toMatch(/checkpoints\.0\.checks: checks\[0\]\.image: required by a imageExists check/);
  expect(output).toMatch(/lessons\/broken\.mdx/);
});
