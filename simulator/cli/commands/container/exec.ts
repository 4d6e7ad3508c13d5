import { Signals, SIGNALS } from '../../../runtime/process';
import { ContainerUserland, StartError } from '../../../runtime/userland';
import { abortable } from '../../../session/clock';
import type { DockerCommand } from '../../command';
import { runningContainer } from './each';
import { attachedIO } from './run';
import { ClientError, containerFlag, envFiles } from './create';

/**
 * docker exec: a new process in a running container, in the same files as
 * its main process (moby's ContainerExecCreate/Start). Attached, it exits
 * with the process's status; with -d it runs in the background.
 */
export const execCommand: DockerCommand = {
  name: 'exec',
  use: '[OPTIONS] CONTAINER COMMAND [ARG...]',
  short: 'Execute a command in a running container',
  aliases: ['docker container exec', 'docker exec'],
  category: { group: 'common', top: 2 },
  flags: [
    { name: 'detach', shorthand: 'd', type: 'bool', usage: 'Detached mode: run command in the background' },
    // Accepted as Docker accepts it; nothing here detaches by keys.
    { name: 'detach-keys', type: 'string', usage: 'Override the key sequence for detaching a\ncontainer' },
    containerFlag('env'),
    containerFlag('env-file'),
    containerFlag('interactive'),
    // Accepted: a simulated process has no capabilities to extend.
    { name: 'privileged', type: 'bool', usage: 'Give extended privileges to the command' },
    containerFlag('tty'),
    { name: 'user', shorthand: 'u', type: 'string', usage: 'Username or UID (format:\n"<name|uid>[:<group|gid>]")' },
    containerFlag('workdir'),
  ],
  interspersed: false,
  args: { kind: 'min', count: 2 },
  async run(context, flags, [name = '', ...argv]) {
    const found = await runningContainer(context, name, {
      paused: (container) => `Error response from daemon: Container ${container.id} is paused, unpause the container before exec`,
      stopped: (container) => `Error response from daemon: container ${container.id} is not running`,
    });
    if (typeof found === 'number') return found;
    const { container, process: main } = found;
    const userland = new ContainerUserland(context.engine, container, (flags.get('user') as string | undefined) ?? container.config.User ?? '');
    let env: string[];
    try {
      env = [...(await envFiles(context, (flags.get('env-file') as string[] | undefined) ?? [])), ...((flags.get('env') as string[] | undefined) ?? [])];
    } catch (error) {
      if (!(error instanceof ClientError)) throw error;
      await context.stderr.write(`${error.message}\n`);
      return 1;
    }
    const cwd = (flags.get('workdir') as string | undefined) ?? userland.workingDir;
    try {
      userland.checkStart(argv, userland.environment(env), cwd, true);
    } catch (error) {
      if (!(error instanceof StartError)) throw error;
      await context.stderr.write(`${error.message}\n`);
      return error.status;
    }
    // The exec'd process dies with the container, however it ends.
    const signals = new Signals();
    void main.exited.then(() => signals.deliver(SIGNALS.SIGKILL));
    const detach = flags.get('detach') === true;
    const tty = flags.get('tty') === true;
    const base = attachedIO(context, container, !detach && flags.get('interactive') === true);
    const io = detach ? { ...base, stdout: { write: async () => undefined }, stderr: { write: async () => undefined } } : { ...base, tty };
    // The exec'd process joins the container's PID namespace while it runs.
    const entry = main.table.spawn({ ppid: 0, uid: userland.account.uid, argv, started: context.engine.clock.now(), tty });
    const exited = userland.run(argv, io, signals, { interactive: flags.get('interactive') === true, env, cwd, table: main.table }).finally(() => main.table.exit(entry));
    if (detach) {
      // Nobody waits for a detached process; its failure is its own.
      exited.catch(() => undefined);
      return 0;
    }
    const release = tty ? undefined : context.onInterrupt?.(() => signals.deliver(SIGNALS.SIGINT));
    try {
      return await abortable(exited, context.signal);
    } finally {
      release?.();
    }
  },
};
