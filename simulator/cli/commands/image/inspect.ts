import { EngineError } from '../../../errdefs/errors';
import { inspectImage } from '../../../images/inspect';
import type { CommandContext } from '../../../shell/command';
import type { DockerCommand, FlagValues } from '../../command';
import { reportError } from '../../errors';
import { goJson, parseTemplate, TemplateExecError, TemplateParseError } from '../../format/template';
import { INSPECT_FORMAT_HELP } from '../system/version';

/** Go's json.MarshalIndent(v, "", "    ") with its HTML-safe escaping. */
export function indentJson(value: unknown): string {
  return JSON.stringify(value, null, 4).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/**
 * docker/cli's inspect.Inspect: each object found is printed (a JSON array
 * indented by four spaces, or one template result per line); errors for the
 * others follow on stderr, and the exit status is 1 if any failed.
 */
export async function printInspected(
  context: CommandContext,
  flags: FlagValues,
  names: readonly string[],
  lookup: (name: string) => Record<string, unknown>,
): Promise<number> {
  const found: Record<string, unknown>[] = [];
  const errors: string[] = [];
  for (const name of names) {
    try {
      found.push(lookup(name));
    } catch (error) {
      if (!(error instanceof EngineError)) return reportError(context, error);
      errors.push(`Error response from daemon: ${error.message}`);
    }
  }
  const format = (flags.get('format') as string | undefined) ?? '';
  try {
    if (format === '') await context.stdout.write(`${found.length === 0 ? '[]' : indentJson(found)}\n`);
    else if (format === 'json') await context.stdout.write(`${goJson(found, {}, { escapeHTML: false })}\n`);
    else {
      const template = parseTemplate('', format);
      for (const item of found) await context.stdout.write(`${template.execute(item)}\n`);
    }
  } catch (error) {
    if (!(error instanceof TemplateParseError || error instanceof TemplateExecError)) throw error;
    await context.stderr.write(`${error instanceof TemplateParseError ? 'template parsing error: ' : ''}${error.message}\n`);
    return error instanceof TemplateParseError ? 64 : 1;
  }
  if (errors.length === 0) return 0;
  await context.stderr.write(`${errors.join('\n')}\n`);
  return 1;
}

/** docker image inspect [OPTIONS] IMAGE [IMAGE...] */
export const imageInspectCommand: DockerCommand = {
  name: 'inspect',
  use: '[OPTIONS] IMAGE [IMAGE...]',
  short: 'Display detailed information on one or more images',
  category: { group: 'other' },
  flags: [
    { name: 'format', shorthand: 'f', type: 'string', usage: INSPECT_FORMAT_HELP },
    { name: 'platform', type: 'string', usage: 'Inspect a specific platform of the multi-platform image.\nIf the image or the server is not multi-platform capable, the command will error out if the platform does not match.\n\'os[/arch[/variant]]\': Explicit platform (eg. linux/amd64)' },
  ],
  args: { kind: 'min', count: 1 },
  run: (context, flags, names) => printInspected(context, flags, names, (name) => inspectImage(context.engine, name)),
};
