import type { Command, CommandContext } from '../../shell/command';
import { displayName, INFO, parseStatus, STATUS, type DpkgStanza } from '../../packages/dpkg-database';
import { globMatches } from '../../packages/glob';
import { notSimulated } from './not-simulated';
import { readText } from './identity';

/**
 * dpkg's queries (dpkg-query 1.21, which `dpkg -l/-L/-s` hand over to):
 * what is installed, what a package owns, its status record. Installing
 * .deb files by hand is not simulated.
 */

function nameOf(stanza: DpkgStanza): string {
  return displayName(stanza.fields.get('Package') ?? '', stanza.fields.get('Multi-Arch'), stanza.fields.get('Architecture') ?? '');
}

/** dpkg-query matches a pattern against the name with and without its architecture (`libc6:amd64`). */
function matches(pattern: string, name: string): boolean {
  return globMatches(pattern, name) || globMatches(pattern, name.split(':')[0] ?? name);
}

/** The two status letters and error column of `dpkg -l`: ii for installed, rc for removed with its configuration kept. */
function statusLetters(stanza: DpkgStanza): string {
  const [want, , state] = (stanza.fields.get('Status') ?? '').split(' ');
  const desired = { install: 'i', deinstall: 'r', purge: 'p', hold: 'h', unknown: 'u' }[want ?? ''] ?? 'u';
  const current = { installed: 'i', 'config-files': 'c', 'not-installed': 'n', unpacked: 'U', 'half-configured': 'F', 'half-installed': 'H', 'triggers-awaited': 'W', 'triggers-pending': 't' }[state ?? ''] ?? 'n';
  return `${desired}${current} `;
}

function summaryOf(stanza: DpkgStanza): string {
  return (stanza.fields.get('Description') ?? '').split('\n')[0] ?? '';
}

/** dpkg -l: its legend, then a row per package, columns as wide as the widest entry (at least dpkg's defaults). */
async function list(context: CommandContext, stanzas: readonly DpkgStanza[], patterns: readonly string[]): Promise<number> {
  const chosen = stanzas.filter((stanza) => (patterns.length === 0 ? statusLetters(stanza) !== 'un ' : patterns.some((pattern) => matches(pattern, nameOf(stanza)))));
  const missing = patterns.filter((pattern) => !chosen.some((stanza) => matches(pattern, nameOf(stanza))));
  if (chosen.length > 0) {
    const width = (minimum: number, values: string[]): number => Math.max(minimum, ...values.map((value) => value.length));
    const nw = width(14, chosen.map(nameOf));
    const vw = width(12, chosen.map((stanza) => stanza.fields.get('Version') ?? ''));
    const aw = width(12, chosen.map((stanza) => stanza.fields.get('Architecture') ?? ''));
    const dw = width(33, chosen.map(summaryOf));
    const row = (status: string, name: string, version: string, arch: string, description: string): string => `${status} ${name.padEnd(nw)} ${version.padEnd(vw)} ${arch.padEnd(aw)} ${description}`;
    const lines = [
      'Desired=Unknown/Install/Remove/Purge/Hold',
      '| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend',
      '|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)',
      row('||/', 'Name', 'Version', 'Architecture', 'Description'),
      `+++-${'='.repeat(nw)}-${'='.repeat(vw)}-${'='.repeat(aw)}-${'='.repeat(dw)}`,
      ...chosen
        .slice()
        .sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : 1))
        .map((stanza) => row(statusLetters(stanza), nameOf(stanza), stanza.fields.get('Version') ?? '', stanza.fields.get('Architecture') ?? '', summaryOf(stanza)).trimEnd()),
    ];
    await context.stdout.write(`${lines.join('\n')}\n`);
  }
  for (const pattern of missing) await context.stderr.write(`dpkg-query: no packages found matching ${pattern}\n`);
  return missing.length > 0 ? 1 : 0;
}

function installed(stanzas: readonly DpkgStanza[], name: string): DpkgStanza | undefined {
  return stanzas.find((stanza) => (stanza.fields.get('Package') === name || nameOf(stanza) === name) && stanza.fields.get('Status')?.endsWith(' installed'));
}

export const dpkg: Command = {
  name: 'dpkg',
  summary: 'Debian package management system (queries)',
  async run(context) {
    const [option, ...rest] = context.argv.slice(1);
    const stanzas = parseStatus(readText(context, STATUS) ?? '');
    switch (option) {
      case '--print-architecture':
        await context.stdout.write('amd64\n');
        return 0;
      case '-S':
      case '--search': {
        // Which installed package owns a path, from their .list files.
        let status = 0;
        for (const pattern of rest) {
          const owners = stanzas
            .filter((stanza) => stanza.fields.get('Status')?.endsWith(' installed'))
            .filter((stanza) => (readText(context, `${INFO}/${nameOf(stanza)}.list`) ?? '').split('\n').some((path) => path === pattern || (!pattern.startsWith('/') && path.includes(pattern))))
            .map(nameOf);
          if (owners.length === 0) {
            await context.stderr.write(`dpkg-query: no path found matching pattern ${pattern}\n`);
            status = 1;
          } else await context.stdout.write(`${owners.join(', ')}: ${pattern}\n`);
        }
        return status;
      }
      case '-l':
      case '--list':
        return list(context, stanzas, rest);
      case '-L':
      case '--listfiles': {
        let status = 0;
        for (const name of rest) {
          const stanza = installed(stanzas, name);
          const files = stanza ? readText(context, `${INFO}/${nameOf(stanza)}.list`) : undefined;
          if (files === undefined) {
            await context.stderr.write(`dpkg-query: package '${name}' is not installed\nUse dpkg --contents (= dpkg-deb --contents) to list archive files contents.\n`);
            status = 1;
          } else await context.stdout.write(files);
        }
        return status;
      }
      case '-s':
      case '--status': {
        let status = 0;
        for (const [position, name] of rest.entries()) {
          const stanza = stanzas.find((candidate) => candidate.fields.get('Package') === name || nameOf(candidate) === name);
          if (!stanza) {
            await context.stderr.write(`dpkg-query: package '${name}' is not installed and no information is available\nUse dpkg --info (= dpkg-deb --info) to examine archive files.\n`);
            status = 1;
          } else await context.stdout.write(`${position > 0 ? '\n' : ''}${stanza.text}`);
        }
        return status;
      }
      default:
        return notSimulated(context, context.argv[0] ?? 'dpkg');
    }
  },
};
