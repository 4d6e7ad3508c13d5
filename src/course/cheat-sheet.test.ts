/**
 * The cheat sheet against the course: every docker command a lesson's
 * solution or shell code blocks use is on it, and every docker command on
 * it is one the simulated engine has (so it never teaches a command the
 * terminal would refuse).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DOCKER_COMMANDS } from '../../simulator/cli/commands';
import { commandLines } from '../markdown/runnable-code';
import { CHEAT_SHEET, cheatSheetDockerCommands, commandAnchor, dockerCommandsIn } from './cheat-sheet';
import { readLessons } from './lessons-on-disk';

const SHELL_LANGUAGES = new Set(['sh', 'shell', 'bash', 'console']);

/** The command lines of an MDX body's shell code blocks (fenced with ``` or ~~~). */
function codeBlockLines(source: string): string[] {
  const lines: string[] = [];
  for (const match of source.matchAll(/^(`{3,}|~{3,})[ \t]*([\w-]*)[^\n]*\n([\s\S]*?)^\1[ \t]*$/gm)) {
    const language = match[2] ?? '';
    if (SHELL_LANGUAGES.has(language)) lines.push(...commandLines(language, match[3] ?? ''));
  }
  return lines;
}

describe('dockerCommandsIn', () => {
  it('finds one- and two-word commands wherever a line runs them', () => {
    expect(dockerCommandsIn('docker images')).toEqual(['docker images']);
    expect(dockerCommandsIn('docker image prune -a -f')).toEqual(['docker image prune']);
    expect(dockerCommandsIn('docker system df -v')).toEqual(['docker system df']);
    expect(dockerCommandsIn("docker version --format '{{.Server.Version}}' > v.txt")).toEqual(['docker version']);
    expect(dockerCommandsIn('docker rmi $(docker images -q) && DOCKER_BUILDKIT=0 docker build -t a . | tee log')).toEqual(['docker rmi', 'docker images', 'docker build']);
    expect(dockerCommandsIn('docker -H unix:///var/run/docker.sock ps')).toEqual(['docker ps']);
    expect(dockerCommandsIn('docker --version')).toEqual(['docker --version']);
    expect(dockerCommandsIn('docker image --help')).toEqual(['docker image']);
    expect(dockerCommandsIn('echo "docker run alpine"; ls')).toEqual([]);
  });
});

describe('the cheat sheet', () => {
  it('has every docker command the lessons use, in their solutions and shell code blocks', async () => {
    const covered = cheatSheetDockerCommands();
    const missing = new Map<string, Set<string>>();
    for (const lesson of await readLessons()) {
      const lines = [...(lesson.data.solution ?? []), ...codeBlockLines(await readFile(lesson.file, 'utf8'))];
      for (const line of lines) {
        for (const command of dockerCommandsIn(line)) {
          if (!covered.has(command)) missing.set(command, (missing.get(command) ?? new Set()).add(lesson.id));
        }
      }
    }
    expect(Object.fromEntries([...missing].map(([command, lessons]) => [command, [...lessons]]))).toEqual({});
  });

  it('lists only docker commands the simulated engine has', () => {
    const simulated = new Set<string>(['docker --help', 'docker --version']);
    for (const root of DOCKER_COMMANDS) {
      if ('subcommands' in root) for (const sub of root.subcommands) simulated.add(`docker ${root.name} ${sub.name}`);
      else simulated.add(`docker ${root.name}`);
    }
    expect([...cheatSheetDockerCommands()].filter((command) => !simulated.has(command))).toEqual([]);
  });

  it("gives each entry a one-line purpose and an example that runs the entry's command", () => {
    for (const group of CHEAT_SHEET) {
      for (const entry of group.commands) {
        expect(entry.purpose, entry.command).not.toContain('\n');
        const own = dockerCommandsIn(entry.command);
        if (own.length > 0) expect(dockerCommandsIn(entry.example), entry.command).toEqual(expect.arrayContaining(own));
      }
    }
  });

  it('has the groups the course needs, and unique entries with unique anchors', () => {
    expect(CHEAT_SHEET.map((group) => group.id)).toEqual(['images', 'containers', 'build', 'registries', 'housekeeping', 'shell']);
    const anchors = CHEAT_SHEET.flatMap((group) => group.commands.map((entry) => commandAnchor(entry.command)));
    expect(new Set(anchors).size).toBe(anchors.length);
    expect(commandAnchor('docker image prune')).toBe('docker-image-prune');
  });
});
