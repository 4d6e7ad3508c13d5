import type { DockerCommand } from '../../command';
import { runningContainer } from './each';
import { attachedIO, waitAttached } from './run';

/**
 * docker attach: the client's terminal on a running container's main
 * process — its output from now on, its stdin when it was kept open (-i)
 * unless --no-stdin; exits with the container's status. A shell waiting at
 * its prompt shows nothing until a line is typed, as the prompt went to no one.
 */
export const attachCommand: DockerCommand = {
  name: 'attach',
  use: '[OPTIONS] CONTAINER',
  short: 'Attach local standard input, output, and error streams to a running container',
  aliases: ['docker container attach', 'docker attach'],
  category: { group: 'other' },
  flags: [
    { name: 'detach-keys', type: 'string', usage: 'Override the key sequence for detaching a container' },
    { name: 'no-stdin', type: 'bool', usage: 'Do not attach STDIN' },
    { name: 'sig-proxy', type: 'bool', usage: 'Proxy all received signals to the process (default true)' },
  ],
  args: { kind: 'exact', count: 1 },
  async run(context, flags, [name = '']) {
    // docker/cli's attach.go checks the state itself before attaching.
    const found = await runningContainer(context, name, {
      paused: () => 'You cannot attach to a paused container, unpause it first',
      stopped: () => 'You cannot attach to a stopped container, start it first',
    });
    if (typeof found === 'number') return found;
    const { container, process } = found;
    const withStdin = container.config.OpenStdin === true && flags.get('no-stdin') !== true;
    const detach = process.attach(attachedIO(context, container, withStdin));
    try {
      return await waitAttached(context, container, process.exited);
    } finally {
      detach();
    }
  },
};
