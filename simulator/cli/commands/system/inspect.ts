import { inspectContainer } from '../../../daemon/inspect';
import { EngineError } from '../../../errdefs/errors';
import { inspectImage, typedImageInspect } from '../../../images/inspect';
import { AmbiguousImageIdError } from '../../../image/store';
import { familiarString, InvalidReferenceError, parseAnyReference, tagNameOnly } from '../../../reference/reference';
import type { CommandContext } from '../../../shell/command';
import type { DockerCommand, FlagValues } from '../../command';
import { goJson, parseTemplate, TemplateExecError, TemplateParseError, type Template } from '../../format/template';
import { INSPECT_FORMAT_HELP } from './version';

/** Go's json.MarshalIndent(v, "", "    ") with its HTML-safe escaping: how the daemon's inspect JSON reaches the learner. */
export function indentJson(value: unknown): string {
  return JSON.stringify(value, null, 4).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** What looking up one name gave: the object, or the error line docker/cli prints for it. */
export type InspectResult = { value: Record<string, unknown>; typed?: object } | { error: string };

/** A daemon error as the CLI prints it; anything that is not an engine error is a bug and is rethrown. */
export function daemonError(error: unknown): InspectResult {
  if (error instanceof EngineError) return { error: `Error response from daemon: ${error.message}` };
  throw error;
}

/** Parses an inspect `--format`: undefined for the JSON outputs (`` and `json`); on a bad template, prints docker/cli's error and gives its status, 64. */
export async function inspectTemplate(context: CommandContext, format: string): Promise<Template | undefined | number> {
  if (format === '' || format === 'json') return undefined;
  try {
    return parseTemplate('', format);
  } catch (error) {
    if (!(error instanceof TemplateParseError)) throw error;
    await context.stderr.write(`template parsing error: ${error.message}\n`);
    return 64;
  }
}

/**
 * docker/cli's inspect.Inspect once every name was looked up: the objects
 * found as a JSON array indented by four spaces (`--format json`: compact),
 * or the template's result for each, one per line (a lone empty line when
 * there is none); then the errors, one per line on stderr, and status 1 if
 * there were any.
 *
 * The template runs first on the object as docker/cli's typed API struct
 * decodes it (`typed`, when the result has one: maps print as `map[k:v]`,
 * unset fields as zero values). A template that fails on it is retried by
 * docker/cli on the raw JSON (maps, with missingkey=error), so a field the
 * object does not have reads `map has no entry for key "…"`; such errors join
 * the others.
 */
export async function printInspectResults(context: CommandContext, format: string, template: Template | undefined, results: readonly InspectResult[]): Promise<number> {
  const found = results.flatMap((result) => ('value' in result ? [result] : []));
  const errors = results.flatMap((result) => ('error' in result ? [result.error] : []));
  if (template === undefined) {
    const values = found.map((result) => result.value);
    const json = format === 'json' ? goJson(values) : indentJson(values);
    await context.stdout.write(`${found.length === 0 ? '[]' : json}\n`);
  } else {
    let output = '';
    for (const { value, typed } of found) {
      try {
        if (typed !== undefined) {
          try {
            output += `${template.execute(typed)}\n`;
            continue;
          } catch (error) {
            if (!(error instanceof TemplateExecError)) throw error;
          }
        }
        output += `${template.execute(value)}\n`;
      } catch (error) {
        if (!(error instanceof TemplateExecError)) throw error;
        errors.push(`template parsing error: ${error.message.replace(/can't evaluate field (\S+) in type .*$/, 'map has no entry for key "$1"')}`);
      }
    }
    await context.stdout.write(output === '' ? '\n' : output);
  }
  if (errors.length === 0) return 0;
  await context.stderr.write(`${errors.join('\n')}\n`);
  return 1;
}

/** The object types `docker inspect --type` accepts (docker/cli's allTypes). */
const ALL_TYPES = ['config', 'container', 'image', 'network', 'node', 'plugin', 'secret', 'service', 'task', 'volume'];
const TYPE_LIST = `"${ALL_TYPES.join('", "')}"`;

/** ErrImageDoesNotExist's words: the familiar reference, `:latest` added to a bare name. */
function noSuchImage(name: string): string {
  const parsed = parseAnyReference(name);
  return `No such image: ${parsed.kind === 'digest' ? parsed.digest : familiarString(tagNameOnly(parsed.ref))}`;
}

/** The daemon's not-found answer for the object types the simulated engine has none of. */
function absentObject(type: string, name: string): string {
  switch (type) {
    case 'network':
      return `network ${name} not found`;
    case 'volume':
      return `get ${name}: no such volume`;
    case 'plugin':
      return `plugin "${name}" not found`;
    default:
      return 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';
  }
}

/**
 * docker/cli's inspectAll: containers first, then images (then networks,
 * volumes, plugins and, on a swarm manager, swarm objects, none of which the
 * simulated engine has). A not-found answer, or an invalid reference, moves
 * on to the next kind; with `--type` only that kind is asked and its error is
 * the answer.
 */
function lookupObject(context: CommandContext, name: string, type: string, size: boolean, warnings: string[]): InspectResult {
  const engine = context.engine;
  const skippable = (error: unknown): boolean =>
    error instanceof InvalidReferenceError || (error instanceof EngineError && (error.kind === 'notFound' || error.message.includes('not supported') || error.message.includes('invalid reference format')));
  if (type === '' || type === 'container') {
    try {
      return { value: inspectContainer(engine, name, size) };
    } catch (error) {
      if (type !== '' || !skippable(error)) return daemonError(error);
    }
  }
  if (type === '' || type === 'image') {
    try {
      const value = inspectImage(engine, name);
      if (size) warnings.push('WARNING: --size ignored for image');
      return { value, typed: typedImageInspect(value) };
    } catch (error) {
      if (type !== '' && error instanceof InvalidReferenceError) return { error: `Error response from daemon: ${error.message}` };
      // The daemon's GetImage answers an ambiguous ID prefix as an image it does not have.
      if (type !== '' && error instanceof AmbiguousImageIdError) return { error: `Error response from daemon: ${noSuchImage(name)}` };
      if (type !== '' || !(skippable(error) || error instanceof AmbiguousImageIdError)) return daemonError(error);
    }
  }
  if (type !== '') return { error: `Error response from daemon: ${absentObject(type, name)}` };
  return { error: `Error: No such object: ${name}` };
}

/** The run of `docker image inspect` and `docker container inspect`: parse the format, look each name up, print. */
export async function inspectEach(
  context: CommandContext,
  flags: FlagValues,
  names: readonly string[],
  lookup: (name: string) => Record<string, unknown>,
  typed?: (value: Record<string, unknown>) => object,
): Promise<number> {
  const format = (flags.get('format') as string | undefined) ?? '';
  const template = await inspectTemplate(context, format);
  if (typeof template === 'number') return template;
  const results = names.map((name) => {
    try {
      const value = lookup(name);
      return typed ? { value, typed: typed(value) } : { value };
    } catch (error) {
      return daemonError(error);
    }
  });
  return printInspectResults(context, format, template, results);
}

/** docker inspect [OPTIONS] NAME|ID [NAME|ID...] */
export const inspectCommand: DockerCommand = {
  name: 'inspect',
  use: '[OPTIONS] NAME|ID [NAME|ID...]',
  short: 'Return low-level information on Docker objects',
  category: { group: 'other' },
  flags: [
    { name: 'format', shorthand: 'f', type: 'string', usage: INSPECT_FORMAT_HELP },
    { name: 'size', shorthand: 's', type: 'bool', usage: 'Display total file sizes if the type is container' },
    { name: 'type', type: 'string', usage: 'Only inspect objects of the given type' },
  ],
  args: { kind: 'min', count: 1 },
  async run(context, flags, names) {
    const type = flags.get('type') as string | undefined;
    if (type === '') {
      await context.stderr.write(`type is empty: must be one of ${TYPE_LIST}\n`);
      return 1;
    }
    if (type !== undefined && !ALL_TYPES.includes(type)) {
      await context.stderr.write(`unknown type: ${JSON.stringify(type)}: must be one of ${TYPE_LIST}\n`);
      return 1;
    }
    const format = (flags.get('format') as string | undefined) ?? '';
    const template = await inspectTemplate(context, format);
    if (typeof template === 'number') return template;
    const warnings: string[] = [];
    const results = names.map((name) => lookupObject(context, name, type ?? '', flags.get('size') === true, warnings));
    if (warnings.length > 0) await context.stderr.write(warnings.map((warning) => `${warning}\n`).join(''));
    return printInspectResults(context, format, template, results);
  },
};
