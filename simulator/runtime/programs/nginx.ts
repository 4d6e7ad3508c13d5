import type { Command, CommandContext } from '../../shell/command';
import { ENGINE_VERSION, HOST_INFO } from '../../daemon/version';
import { SIGNALS } from '../process';
import { accountNamed } from './identity';
import { untilSignalled } from './until-signalled';

const VERSION = '1.27.5';

/** nginx's error-log time: local time (UTC in a container), `2025/11/24 12:00:00`. */
function stamp(context: CommandContext): string {
  const iso = new Date(context.clock.now()).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '/')} ${iso.slice(11, 19)}`;
}

/**
 * nginx in the foreground (`daemon off;`), as the official image runs it: its
 * start-up notices on stderr (the image links error.log there), one worker per
 * CPU, and a shutdown on SIGQUIT (graceful: the image's STOPSIGNAL), SIGTERM
 * or SIGINT (fast).
 */
export const nginx: Command = {
  name: 'nginx',
  summary: 'HTTP and reverse proxy server',
  async run(context) {
    const args = context.argv.slice(1);
    if (args.includes('-v')) {
      await context.stderr.write(`nginx version: nginx/${VERSION}\n`);
      return 0;
    }
    if (args.includes('-t')) {
      await context.stderr.write('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
      return 0;
    }
    const notice = (pid: number, text: string): Promise<void> => context.stderr.write(`${stamp(context)} [notice] ${pid}#${pid}: ${text}\n`);
    const workers = Array.from({ length: HOST_INFO.ncpu }, (_, index) => 29 + index);
    // As the container's main process (exec'd by the entrypoint), nginx retitles itself and forks its workers.
    const table = context.processes;
    const master = table?.entries.find((entry) => entry.pid === 1 && entry.argv.includes('nginx'));
    if (master) master.argv = [`nginx: master process ${context.argv.join(' ')}`];
    const workerUid = accountNamed(context, 'nginx').uid;
    const forked = master ? workers.map((pid) => table?.spawn({ ppid: 1, uid: workerUid, argv: ['nginx: worker process'], started: context.clock.now(), tty: false }, pid)) : [];
    await notice(1, 'using the "epoll" event method');
    await notice(1, `nginx/${VERSION}`);
    await notice(1, 'built by gcc 12.2.0 (Debian 12.2.0-14) ');
    await notice(1, `OS: Linux ${ENGINE_VERSION.kernelVersion}`);
    await notice(1, 'getrlimit(RLIMIT_NOFILE): 1048576:1048576');
    await notice(1, 'start worker processes');
    for (const pid of workers) await notice(1, `start worker process ${pid}`);
    const received = await untilSignalled(context, [SIGNALS.SIGQUIT, SIGNALS.SIGTERM, SIGNALS.SIGINT]);
    if (received === undefined) return 137;
    const graceful = received === SIGNALS.SIGQUIT;
    const name = Object.entries(SIGNALS).find(([, number]) => number === received)?.[0] ?? String(received);
    await notice(1, graceful ? `signal ${received} (${name}) received, shutting down` : `signal ${received} (${name}) received, exiting`);
    for (const pid of workers) {
      if (graceful) await notice(pid, 'gracefully shutting down');
      await notice(pid, 'exiting');
      await notice(pid, 'exit');
    }
    for (const pid of workers) {
      await notice(1, `signal 17 (SIGCHLD) received from ${pid}`);
      await notice(1, `worker process ${pid} exited with code 0`);
    }
    await notice(1, 'exit');
    for (const entry of forked) if (entry) table?.exit(entry);
    return 0;
  },
};
