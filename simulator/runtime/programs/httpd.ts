import type { Command, CommandContext } from '../../shell/command';
import { bridgeAddress } from '../../daemon/inspect';
import { SIGNALS } from '../process';
import { notSimulated } from './not-simulated';
import { untilSignalled } from './until-signalled';

const VERSION = '2.4.68';
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** httpd's error-log time: `Tue Dec 01 12:00:00.000000 2026` (UTC in a container). */
function stamp(context: CommandContext): string {
  const date = new Date(context.clock.now());
  const two = (n: number): string => String(n).padStart(2, '0');
  const micros = String(date.getUTCMilliseconds() * 1000).padStart(6, '0');
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${two(date.getUTCDate())} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}.${micros} ${date.getUTCFullYear()}`;
}

/**
 * Apache httpd in the foreground (`httpd -DFOREGROUND`), as the official
 * image runs it: the ServerName warning (printed twice, by the configuration
 * check and by the server), the event MPM's start notice, and a shutdown on
 * SIGWINCH (graceful: the image's STOPSIGNAL) or SIGTERM/SIGINT.
 */
export const httpd: Command = {
  name: 'httpd',
  summary: 'Apache Hypertext Transfer Protocol Server',
  async run(context) {
    const args = context.argv.slice(1);
    // Only the foreground server the image runs is simulated (not -v, -t, or daemonizing).
    if (!args.includes('-DFOREGROUND')) return notSimulated(context, context.argv[0] ?? 'httpd');
    const address = context.container ? bridgeAddress(context.container) : '127.0.0.1';
    const serverName = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${address}. Set the 'ServerName' directive globally to suppress this message\n`;
    const notice = (module: string, text: string): Promise<void> => context.stderr.write(`[${stamp(context)}] [${module}:notice] [pid 1:tid 1] ${text}\n`);
    await context.stderr.write(serverName);
    await context.stderr.write(serverName);
    await notice('mpm_event', `AH00489: Apache/${VERSION} (Unix) configured -- resuming normal operations`);
    await notice('core', `AH00094: Command line: 'httpd -D FOREGROUND'`);
    const received = await untilSignalled(context, [SIGNALS.SIGWINCH, SIGNALS.SIGTERM, SIGNALS.SIGINT]);
    if (received === undefined) return 137;
    await notice('mpm_event', received === SIGNALS.SIGWINCH ? 'AH00492: caught SIGWINCH, shutting down gracefully' : `AH00491: caught SIG${received === SIGNALS.SIGINT ? 'INT' : 'TERM'}, shutting down`);
    return 0;
  },
};
