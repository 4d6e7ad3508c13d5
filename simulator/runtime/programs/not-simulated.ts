import type { CommandContext } from '../../shell/command';

/** What a known program says when asked for something Layerlab does not simulate: honest, never invented output. */
export async function notSimulated(context: CommandContext, name: string): Promise<number> {
  await context.stderr.write(`layerlab: ${name}: this program is not simulated (yet)\n`);
  return 126;
}
