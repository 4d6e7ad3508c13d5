/**
 * The build checks BuildKit's Dockerfile frontend runs while it converts a
 * Dockerfile (frontend/dockerfile/linter/ruleset.go), reported by buildx as
 * `WARN:` lines and a `N warnings found` summary. Their wording is the
 * rules' own; each names the line it is about.
 */
import type { Instruction } from './dockerfile/instruction';
import type { Stage } from './dockerfile/stages';

/** Names ARG and ENV keys should not have (the secrets rule's patterns). */
const SECRET_KEY = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const PUBLIC_KEY = /(?:_|^)public(?:_|$)/i;

/** Instructions only the last of which counts in a stage (validateUsedOnce). */
const USED_ONCE = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

function at(instruction: Instruction, text: string): string {
  return `${text} (line ${instruction.startLine})`;
}

function keyOf(word: string): string {
  const eq = word.indexOf('=');
  return eq < 0 ? word : word.slice(0, eq);
}

/** The checks of instructions.Parse: every stage, reachable or not. */
function parseChecks(stages: readonly Stage[]): string[] {
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const stage of stages) {
    const { from } = stage;
    const as = /\s(as)\s/i.exec(from.original)?.[1];
    if (as !== undefined) {
      const fromUpper = from.keywordAsWritten === from.keywordAsWritten.toUpperCase();
      const asUpper = as === as.toUpperCase();
      if (fromUpper !== asUpper) warnings.push(at(from, `FromAsCasing: '${as}' and '${from.keywordAsWritten}' keywords' casing do not match`));
    }
    const name = from.args[2];
    if (name !== undefined && name !== name.toLowerCase()) warnings.push(at(from, `StageNameCasing: Stage name '${name}' should be lowercase`));
    if (stage.name !== '' && seen.has(stage.name)) warnings.push(at(from, `DuplicateStageName: Duplicate stage name "${stage.name}", stage names should be unique`));
    seen.add(stage.name);
    for (const instruction of stage.commands) {
      if (instruction.keyword === 'MAINTAINER') warnings.push(at(instruction, 'MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label'));
    }
  }
  return warnings;
}

/** The checks made while dispatching: only the stages the build runs. */
function dispatchChecks(stages: readonly Stage[], baseOf: (stage: Stage) => Stage | undefined): string[] {
  const warnings: string[] = [];
  const shellSet = new Map<Stage, boolean>();
  const workdirSet = new Map<Stage, boolean>();
  for (const stage of stages) {
    const base = baseOf(stage);
    let shell = base ? shellSet.get(base) ?? false : false;
    let workdir = base ? workdirSet.get(base) ?? false : false;
    const used = new Map<string, Instruction>();
    for (const instruction of stage.commands) {
      const keyword = instruction.keyword;
      if (keyword === 'SHELL') shell = true;
      if (USED_ONCE.has(keyword)) {
        const earlier = used.get(keyword);
        if (earlier) warnings.push(at(earlier, `MultipleInstructionsDisallowed: Multiple ${keyword} instructions should not be used in the same stage because only the last one will be used`));
        used.set(keyword, instruction);
      }
      if ((keyword === 'CMD' || keyword === 'ENTRYPOINT') && !instruction.json && !shell) {
        warnings.push(at(instruction, `JSONArgsRecommended: JSON arguments recommended for ${keyword} to prevent unintended behavior related to OS signals`));
      }
      if ((keyword === 'ENV' || keyword === 'LABEL') && !/^[^\s=]+=/.test(instruction.argsText)) {
        warnings.push(at(instruction, `LegacyKeyValueFormat: "${keyword} key=value" should be used instead of legacy "${keyword} key value" format`));
      }
      if (keyword === 'ENV' || keyword === 'ARG') {
        const keys = keyword === 'ENV' ? instruction.args.filter((_, i) => i % 2 === 0) : instruction.args.map(keyOf);
        for (const key of keys) {
          if (SECRET_KEY.test(key) && !PUBLIC_KEY.test(key)) warnings.push(at(instruction, `SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (${keyword} "${key}")`));
        }
      }
      if (keyword === 'WORKDIR') {
        const path = instruction.args[0] ?? '';
        if (!workdir && !path.startsWith('/') && !path.startsWith('$')) warnings.push(at(instruction, `WorkdirRelativePath: Relative workdir "${path}" can have unexpected results if the base image changes`));
        workdir = true;
      }
    }
    shellSet.set(stage, shell);
    workdirSet.set(stage, workdir);
  }
  return warnings;
}

/** Every warning of a build of `built` (in Dockerfile order) out of `all` stages. */
export function lintDockerfile(all: readonly Stage[], built: readonly Stage[], baseOf: (stage: Stage) => Stage | undefined): string[] {
  return [...parseChecks(all), ...dispatchChecks(built, baseOf)];
}

/** buildx's printWarnings: the summary after the display. */
export function warningsSummary(warnings: readonly string[], color: boolean): string {
  if (warnings.length === 0) return '';
  const count = warnings.length === 1 ? '1 warning found' : `${warnings.length} warnings found`;
  const heading = `${count} (use docker --debug to expand):\n`;
  return `\n ${color ? `\x1b[33m${heading}\x1b[0m` : heading}${warnings.map((w) => ` - ${w}\n`).join('')}\n`;
}
