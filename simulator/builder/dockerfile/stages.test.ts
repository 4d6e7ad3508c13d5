import { describe, expect, test } from 'vitest';
import { parseDockerfile } from './parse';
import { buildStages, findStage, selectTarget } from './stages';

const text = 'ARG BASE=alpine\nFROM --platform=linux/amd64 golang AS Build\nRUN go build\nFROM $BASE\nCOPY --from=build /out /out\nFROM scratch AS final\n';

describe('stages', () => {
  test('groups instructions under FROM, with the global ARGs apart', () => {
    const { globalArgs, stages } = buildStages(parseDockerfile(text));
    expect(globalArgs.map((i) => i.argsText)).toEqual(['BASE=alpine']);
    expect(stages.map((s) => [s.index, s.name, s.baseName, s.platform, s.commands.length])).toEqual([
      [0, 'build', 'golang', 'linux/amd64', 1],
      [1, '', '$BASE', undefined, 1],
      [2, 'final', 'scratch', undefined, 0],
    ]);
  });

  test('lookup by name or index', () => {
    const { stages } = buildStages(parseDockerfile(text));
    expect(findStage(stages, 'BUILD')?.index).toBe(0);
    expect(findStage(stages, '1')?.baseName).toBe('$BASE');
    expect(findStage(stages, 'nope')).toBeUndefined();
  });

  test('--target', () => {
    const { stages } = buildStages(parseDockerfile(text));
    expect(selectTarget(stages).name).toBe('final');
    expect(selectTarget(stages, 'build').index).toBe(0);
    expect(() => selectTarget(stages, 'buidl')).toThrow('target stage "buidl" could not be found (did you mean build?)');
    expect(() => selectTarget(stages, 'zzz')).toThrow(/^target stage "zzz" could not be found$/);
  });

  test('only ARGs: no stages', () => {
    expect(() => buildStages(parseDockerfile('ARG A=1\n'))).toThrow('dockerfile contains no stages to build');
  });
});
