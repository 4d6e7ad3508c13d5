import { readTextFile } from '../../archive/union';
import type { Command, CommandContext } from '../../shell/command';
import { ENGINE_VERSION } from '../../daemon/version';
import { accountOf, namesById } from '../users';
import { dialectOf } from './dialect';

/** The host's kernel: a container has none of its own, so every image reports the same. */
const KERNEL = { name: 'Linux', release: ENGINE_VERSION.kernelVersion, version: '#79-Ubuntu SMP PREEMPT_DYNAMIC Tue Aug 12 14:42:46 UTC 2025', machine: 'x86_64' };

/** A small text file of the container (/etc/passwd), or undefined: readTextFile of the machine's layer, for the programs that only have their context. */
export function readText(context: CommandContext, path: string): string | undefined {
  return readTextFile(context.host, path);
}

function isGnu(context: CommandContext): boolean {
  return dialectOf(context) === 'gnu';
}

const UNAME_FIELDS: Record<string, (context: CommandContext) => string> = {
  s: () => KERNEL.name,
  n: (context) => context.shell.env.get('HOSTNAME') ?? context.container?.config.Hostname ?? 'localhost',
  r: () => KERNEL.release,
  v: () => KERNEL.version,
  m: () => KERNEL.machine,
  o: (context) => (isGnu(context) ? 'GNU/Linux' : 'Linux'),
};

/** uname [-asnrvmo]: the host kernel's identity; `-a` as coreutils or busybox prints it. */
export const uname: Command = {
  name: 'uname',
  summary: 'print system information',
  async run(context) {
    const letters: string[] = [];
    for (const arg of context.argv.slice(1)) {
      if (arg === '--all') letters.push('a');
      else if (/^-[asnrvmpio]+$/.test(arg)) letters.push(...arg.slice(1));
      else {
        await context.stderr.write(isGnu(context) ? `uname: invalid option -- '${arg.replace(/^-+/, '')[0] ?? ''}'\nTry 'uname --help' for more information.\n` : `uname: unrecognized option: ${arg.replace(/^-+/, '')[0] ?? ''}\n`);
        return 1;
      }
    }
    const wanted = letters.includes('a') ? ['s', 'n', 'r', 'v', 'm', ...(isGnu(context) ? ['p', 'i'] : []), 'o'] : letters.length > 0 ? letters : ['s'];
    const order = ['s', 'n', 'r', 'v', 'm', 'p', 'i', 'o'];
    const fields = order
      .filter((letter) => wanted.includes(letter))
      .map((letter) => (letter === 'p' || letter === 'i' ? (letters.includes('a') ? '' : 'unknown') : UNAME_FIELDS[letter]?.(context) ?? ''))
      .filter((field, index, all) => field !== '' || all.length === 1);
    await context.stdout.write(`${fields.join(' ')}\n`);
    return 0;
  },
};

/** hostname: the container's (its short ID unless --hostname was given). */
export const hostname: Command = {
  name: 'hostname',
  summary: 'show the system host name',
  async run(context) {
    await context.stdout.write(`${UNAME_FIELDS.n?.(context) ?? ''}\n`);
    return 0;
  },
};

/** A user (`name`, `uid`, `name:group`) as the machine's /etc/passwd and /etc/group know it. */
export function accountNamed(context: CommandContext, user: string): ReturnType<typeof accountOf> {
  return accountOf({ read: (path) => readText(context, path) }, user);
}

/** Who runs this: the container's configured user, or on the learner's machine, the owner of their shell. */
export function accountOfProcess(context: CommandContext): ReturnType<typeof accountOf> {
  return accountNamed(context, context.container ? context.container.config.User ?? '' : String(context.files?.owner.uid ?? 0));
}

/** whoami: the name of the user the process runs as. */
export const whoami: Command = {
  name: 'whoami',
  summary: 'print effective user name',
  async run(context) {
    const account = accountOfProcess(context);
    if (!namesById(readText(context, '/etc/passwd')).has(account.uid)) {
      await context.stderr.write(isGnu(context) ? `whoami: cannot find name for user ID ${account.uid}\n` : `whoami: unknown uid ${account.uid}\n`);
      return 1;
    }
    await context.stdout.write(`${account.name}\n`);
    return 0;
  },
};

/** id: uid, gid and groups from the container's /etc/passwd and /etc/group. */
export const id: Command = {
  name: 'id',
  summary: 'print real and effective user and group IDs',
  async run(context) {
    const account = accountOfProcess(context);
    const groupText = readText(context, '/etc/group');
    const groupNames = namesById(groupText);
    const groupName = (gid: number): string => groupNames.get(gid) ?? '';
    const groups = (groupText ?? '').split('\n').map((line) => line.split(':'));
    const named = (number: number, name: string): string => (name ? `${number}(${name})` : String(number));
    const member = groups.filter((fields) => (fields[3] ?? '').split(',').includes(account.name) && Number(fields[2]) !== account.gid).map((fields) => Number(fields[2]));
    const all = [account.gid, ...member];
    const user = namesById(readText(context, '/etc/passwd')).has(account.uid) ? account.name : '';
    await context.stdout.write(`uid=${named(account.uid, user)} gid=${named(account.gid, groupName(account.gid))} groups=${all.map((gid) => named(gid, groupName(gid))).join(',')}\n`);
    return 0;
  },
};
