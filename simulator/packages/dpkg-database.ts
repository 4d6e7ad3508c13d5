/**
 * dpkg's database: /var/lib/dpkg/status (a control stanza per package, with
 * its Status), and /var/lib/dpkg/info/<package>.list (the paths it owns).
 */
export const STATUS = '/var/lib/dpkg/status';
export const INFO = '/var/lib/dpkg/info';

export interface DpkgStanza {
  fields: Map<string, string>;
  /** The stanza's text, as stored. */
  text: string;
}

export function parseStatus(text: string): DpkgStanza[] {
  return text
    .split(/\n\n+/)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const fields = new Map<string, string>();
      let last = '';
      for (const line of block.split('\n')) {
        if (/^[ \t]/.test(line)) {
          if (last) fields.set(last, `${fields.get(last) ?? ''}\n${line}`);
          continue;
        }
        const colon = line.indexOf(':');
        if (colon < 0) continue;
        last = line.slice(0, colon);
        fields.set(last, line.slice(colon + 1).trim());
      }
      return { fields, text: `${block.replace(/\n+$/, '')}\n` };
    });
}

export function serializeStatus(stanzas: readonly DpkgStanza[]): string {
  return stanzas.map((stanza) => stanza.text).join('\n');
}

export function isInstalled(stanza: DpkgStanza): boolean {
  return stanza.fields.get('Status') === 'install ok installed';
}

/** The names an installed package answers to: its own and what it Provides. */
export function providedNames(stanza: DpkgStanza): string[] {
  return [stanza.fields.get('Package') ?? '', ...relationGroups(stanza, ['Provides']).flat()];
}

/** A stanza's relation fields (Depends, Recommends…) as groups of alternative names, versions and `:any` dropped. */
export function relationGroups(stanza: DpkgStanza, fields: readonly string[]): string[][] {
  return fields
    .map((field) => stanza.fields.get(field) ?? '')
    .join(',')
    .split(',')
    .map((group) => group.trim())
    .filter(Boolean)
    .map((group) => group.split('|').map((alternative) => alternative.trim().split(/[\s(:]/)[0] ?? ''));
}

/** A record from the mirror (a control stanza without Status) as it is stored once installed: dpkg writes Status after Package, Essential and Protected. */
export function installedStanza(record: string): DpkgStanza {
  const lines = record.replace(/\n+$/, '').split('\n');
  let at = 1;
  while (/^(Essential|Protected):/.test(lines[at] ?? '')) at++;
  const text = [...lines.slice(0, at), 'Status: install ok installed', ...lines.slice(at)].join('\n');
  return parseStatus(text)[0]!;
}

/** The name dpkg and apt print: `libc6:amd64` for Multi-Arch: same packages. */
export function displayName(name: string, multiArch: string | undefined, architecture: string): string {
  return multiArch === 'same' ? `${name}:${architecture}` : name;
}
