import { containerKill, containerRestart, containerStop, settle } from '../../../daemon/lifecycle';
import type { DockerCommand, FlagSpec, FlagValues } from '../../command';
import { forEachName } from './each';
import { parseGoInteger } from '../../format/strconv';

const SIGNAL_FLAG: FlagSpec = { name: 'signal', shorthand: 's', type: 'string', usage: 'Signal to send to the container' };
const TIMEOUT_FLAG: FlagSpec = {
  name: 'timeout',
  shorthand: 't',
  type: 'string',
  varname: 'int',
  usage: 'Seconds to wait before killing the container',
  validate: (value) => {
    const parsed = parseGoInteger(value, true);
    return typeof parsed === 'bigint' ? undefined : `strconv.ParseInt: parsing ${JSON.stringify(value)}: ${parsed}`;
  },
};

/** `--time`, the flag's name before Docker 23: still accepted, with pflag's notice. */
const TIME_FLAG: FlagSpec = {
  name: 'time',
  type: 'string',
  varname: 'int',
  usage: 'Seconds to wait before killing the container (deprecated: use --timeout)',
  ...(TIMEOUT_FLAG.validate ? { validate: TIMEOUT_FLAG.validate } : {}),
  deprecated: 'use --timeout instead',
  storesInto: 'timeout',
};

function stopOptions(flags: FlagValues): { timeout?: number; signal?: string } {
  const timeout = flags.get('timeout') as string | undefined;
  const signal = flags.get('signal') as string | undefined;
  return { ...(timeout !== undefined ? { timeout: Number(parseGoInteger(timeout, true)) } : {}), ...(signal ? { signal } : {}) };
}

/** docker stop: the stop signal, SIGKILL after the timeout (10 s by default). */
export const stopCommand: DockerCommand = {
  name: 'stop',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Stop one or more running containers',
  aliases: ['docker container stop', 'docker stop'],
  category: { group: 'other' },
  flags: [SIGNAL_FLAG, TIME_FLAG, TIMEOUT_FLAG],
  args: { kind: 'min', count: 1 },
  run: (context, flags, names) => forEachName(context, names, (name) => containerStop(context.engine, name, stopOptions(flags))),
};

/** docker restart: stop (if running), then start again, in the same writable layer. */
export const restartCommand: DockerCommand = {
  name: 'restart',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Restart one or more containers',
  aliases: ['docker container restart', 'docker restart'],
  category: { group: 'other' },
  flags: [SIGNAL_FLAG, TIME_FLAG, TIMEOUT_FLAG],
  args: { kind: 'min', count: 1 },
  run: (context, flags, names) =>
    forEachName(context, names, async (name) => {
      const { container, process } = await containerRestart(context.engine, name, stopOptions(flags));
      await settle(container, process);
    }),
};

/** docker kill: SIGKILL, or the signal given. */
export const killCommand: DockerCommand = {
  name: 'kill',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Kill one or more running containers',
  aliases: ['docker container kill', 'docker kill'],
  category: { group: 'other' },
  flags: [SIGNAL_FLAG],
  args: { kind: 'min', count: 1 },
  run: (context, flags, names) => forEachName(context, names, (name) => containerKill(context.engine, name, (flags.get('signal') as string | undefined) || undefined)),
};
