import { hostTools } from '../host/programs';
import type { Command } from '../shell/command';
import { apk } from './programs/apk';
import { apt, aptCache, aptGet } from './programs/apt';
import { date } from './programs/date';
import { dpkg } from './programs/dpkg';
import { find } from './programs/find';
import { go, goProgram } from './programs/go';
import { hello } from './programs/hello';
import { httpd } from './programs/httpd';
import { hostname, id, uname, whoami } from './programs/identity';
import { jq } from './programs/jq';
import { ls } from './programs/ls';
import { nginx } from './programs/nginx';
import { ps } from './programs/ps';
import { curl, git, node, python3 } from './programs/runtimes';
import { uniq } from './programs/uniq';
import { which } from './programs/which';

export type ShellFlavour = 'ash' | 'bash' | 'dash';

/** What a known binary does when run. */
export type Behaviour =
  | { kind: 'shell'; flavour: ShellFlavour }
  /** A text tool the interpreter implements (ls, cat, grep…), as coreutils or a busybox applet. */
  | { kind: 'tool'; name: string }
  /** One of Layerlab's container programs (hello, nginx, uname…). */
  | { kind: 'program'; name: string }
  | { kind: 'unknown' };

/** Programs whose container behaviour Layerlab implements, by the name they are installed under (built once: every command in a container looks here). */
const CONTAINER_PROGRAMS: ReadonlyMap<string, Command> = new Map(
  [apk, apt, aptCache, aptGet, curl, date, dpkg, find, git, go, goProgram, hello, hostname, httpd, id, jq, ls, nginx, node, ps, python3, uname, uniq, which, whoami].map((program) => [program.name, program]),
);

export function containerPrograms(): ReadonlyMap<string, Command> {
  return CONTAINER_PROGRAMS;
}

/** The interpreter's tools that container binaries map onto (its shells are Layerlab's; its stand-ins for identity tools are replaced). */
export const INTERPRETER_TOOLS: readonly string[] = hostTools().filter((name) => !['bash', 'sh', 'which', 'hostname', 'whoami', 'help', 'history'].includes(name));

const TOOLS = new Set(INTERPRETER_TOOLS);


/**
 * Binaries that are whichever program their link is named after: busybox,
 * which the busybox image stores as /bin/[ with every applet a hard link to it.
 */
export const MULTI_CALL: ReadonlySet<string> = new Set(['busybox', '[']);

/** Debian's alternatives: the binaries behind the generic names (awk → mawk). */
const ALTERNATIVES: Record<string, string> = { mawk: 'awk', gawk: 'awk', 'original-awk': 'awk', nodejs: 'node', 'which.debianutils': 'which' };

/**
 * What a binary does, from what it is and the name it was started by:
 * busybox is whichever applet its link is named after (`/bin/ls` → ls).
 */
export function behaviourOf(program: string, invokedAs: string): Behaviour {
  const installed = MULTI_CALL.has(program) ? invokedAs.slice(invokedAs.lastIndexOf('/') + 1) : program;
  // python3.11 and python3.12 are python3, whichever release the image has.
  const name = ALTERNATIVES[installed] ?? installed.replace(/^(python3)\.\d+$/, '$1');
  if (name === 'sh' || name === 'ash') return { kind: 'shell', flavour: program === 'dash' ? 'dash' : 'ash' };
  if (name === 'bash' || name === 'dash') return { kind: 'shell', flavour: name };
  if (CONTAINER_PROGRAMS.has(name)) return { kind: 'program', name };
  if (TOOLS.has(name)) return { kind: 'tool', name };
  return { kind: 'unknown' };
}
