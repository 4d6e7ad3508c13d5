/**
 * Build stages: the instructions grouped under each FROM, the global ARGs
 * before the first FROM, and the `--target` stage (BuildKit's instructions.Parse
 * and dockerfile2llb's target lookup).
 */
import { DockerfileParseError } from './errors';
import type { Dockerfile, Instruction } from './instruction';
import { withSuggestion } from './suggest';
import { goQuote } from './text';

export interface Stage {
  /** Position in the Dockerfile, from 0: what `COPY --from=0` refers to. */
  index: number;
  /** `FROM image AS name`: the name lower-cased, as BuildKit keeps it; '' when unnamed. */
  name: string;
  /** The base as written, variables not yet expanded: `golang:${GO}`, `scratch`, or an earlier stage's name. */
  baseName: string;
  /** `--platform=…` as written, if any. */
  platform?: string;
  /** The FROM instruction. */
  from: Instruction;
  /** The instructions after FROM, up to the next FROM. */
  commands: Instruction[];
}

export interface Stages {
  /** ARG instructions before the first FROM: visible to every FROM line. */
  globalArgs: Instruction[];
  stages: Stage[];
}

/** Group a parsed Dockerfile into stages. Throws `dockerfile contains no stages to build` when it has no FROM. */
export function buildStages(dockerfile: Dockerfile): Stages {
  const globalArgs: Instruction[] = [];
  const stages: Stage[] = [];
  for (const instruction of dockerfile.instructions) {
    if (instruction.keyword === 'FROM') {
      const [baseName = '', , name = ''] = instruction.args;
      const platform = instruction.flags.find((f) => f.name === 'platform')?.value;
      stages.push({
        index: stages.length,
        name: name.toLowerCase(),
        baseName,
        ...(platform === undefined ? {} : { platform }),
        from: instruction,
        commands: [],
      });
      continue;
    }
    const current = stages[stages.length - 1];
    if (current) current.commands.push(instruction);
    else globalArgs.push(instruction); // parseDockerfile lets only ARG through before FROM
  }
  if (stages.length === 0) throw new DockerfileParseError('dockerfile contains no stages to build', 0);
  return { globalArgs, stages };
}

/**
 * A stage by name (case-insensitive) or, when the reference is a number, by
 * index: how COPY --from and FROM resolve earlier stages.
 */
export function findStage(stages: readonly Stage[], ref: string): Stage | undefined {
  const lower = ref.toLowerCase();
  const byName = stages.find((s) => s.name !== '' && s.name === lower);
  if (byName) return byName;
  if (/^\d+$/.test(ref)) return stages[Number(ref)];
  return undefined;
}

/**
 * The stage `docker build --target` builds: the named stage, or the last one.
 * Throws `target stage "x" could not be found`, with BuildKit's suggestion of a
 * close stage name.
 */
export function selectTarget(stages: readonly Stage[], target?: string): Stage {
  if (target === undefined || target === '') {
    const last = stages[stages.length - 1];
    if (!last) throw new DockerfileParseError('dockerfile contains no stages to build', 0);
    return last;
  }
  const lower = target.toLowerCase();
  const found = stages.find((s) => s.name !== '' && s.name === lower);
  if (!found) {
    const names = stages.map((s) => s.name).filter((n) => n !== '');
    throw new DockerfileParseError(withSuggestion(`target stage ${goQuote(target)} could not be found`, target, names, true), 0);
  }
  return found;
}
