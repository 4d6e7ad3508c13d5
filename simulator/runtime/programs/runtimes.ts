import type { Command, CommandContext } from '../../shell/command';
import { INSTALLED, parseInstalled } from '../../packages/apk-database';
import { isInstalled, parseStatus, STATUS } from '../../packages/dpkg-database';
import { readText } from './identity';
import { unescapeLiteral } from './literals';
import { notSimulated } from './not-simulated';

/**
 * Programs a learner checks the version of after installing them (curl,
 * node, python3, git): the version is the installed package's, or the
 * official image's (its NODE_VERSION, PYTHON_VERSION), so `apk add curl`,
 * `curl --version` and `apk info curl` agree. What they would do beyond that
 * is not simulated, and they say so.
 */

/** The upstream version of an installed package (`8.9.1-r1` → `8.9.1`, `1:2.39.5-0+deb12u2` → `2.39.5`), or undefined. */
export function packageVersion(context: CommandContext, name: string): string | undefined {
  const apk = readText(context, INSTALLED);
  if (apk !== undefined) return upstream(parseInstalled(apk).find((record) => record.name === name)?.version);
  const stanza = parseStatus(readText(context, STATUS) ?? '').find((candidate) => candidate.fields.get('Package') === name && isInstalled(candidate));
  return upstream(stanza?.fields.get('Version'));
}

function upstream(version: string | undefined): string | undefined {
  return version?.replace(/^\d+:/, '').replace(/-r\d+$/, '').replace(/-[^-]*$/, '');
}

function isAlpine(context: CommandContext): boolean {
  return readText(context, INSTALLED) !== undefined;
}

/** curl's release dates, which `curl --version` prints. */
const CURL_RELEASES: Record<string, string> = {
  '7.88.1': '2023-02-20',
  '8.5.0': '2023-12-06',
  '8.9.1': '2024-07-31',
  '8.10.1': '2024-09-18',
  '8.11.1': '2024-12-11',
  '8.12.1': '2025-02-13',
  '8.14.1': '2025-06-04',
};

function curlVersion(context: CommandContext): string {
  const version = packageVersion(context, 'curl') ?? packageVersion(context, 'libcurl') ?? '8.9.1';
  const v = (name: string, fallback: string): string => packageVersion(context, name) ?? fallback;
  if (isAlpine(context)) {
    return [
      `curl ${version} (x86_64-alpine-linux-musl) libcurl/${version} OpenSSL/${v('libssl3', '3.3.2')} zlib/${v('zlib', '1.3.1')} brotli/${v('brotli-libs', '1.1.0')} zstd/${v('zstd-libs', '1.5.6')} c-ares/${v('c-ares', '1.33.1')} libidn2/${v('libidn2', '2.3.7')} libpsl/${v('libpsl', '0.21.5')} nghttp2/${v('nghttp2-libs', '1.62.1')}`,
      `Release-Date: ${CURL_RELEASES[version] ?? '[unreleased]'}`,
      'Protocols: dict file ftp ftps gopher gophers http https imap imaps ipfs ipns mqtt pop3 pop3s rtsp smb smbs smtp smtps telnet tftp ws wss',
      'Features: alt-svc AsynchDNS brotli HSTS HTTP2 HTTPS-proxy IDN IPv6 Largefile libz NTLM PSL SSL threadsafe TLS-SRP UnixSockets zstd',
    ].join('\n');
  }
  const debianVersion = parseStatus(readText(context, STATUS) ?? '').find((stanza) => stanza.fields.get('Package') === 'curl')?.fields.get('Version') ?? version;
  return [
    `curl ${version} (x86_64-pc-linux-gnu) libcurl/${version} OpenSSL/${v('libssl3', '3.0.17')} zlib/${v('zlib1g', '1.2.13').replace(/\.dfsg.*$/, '')} brotli/${v('libbrotli1', '1.0.9')} zstd/${v('libzstd1', '1.5.4').replace(/\+dfsg.*$/, '')} libidn2/${v('libidn2-0', '2.3.3')} libpsl/${v('libpsl5', '0.21.2')} (+libidn2/${v('libidn2-0', '2.3.3')}) libssh2/${v('libssh2-1', '1.10.0')} nghttp2/${v('libnghttp2-14', '1.52.0')} librtmp/2.3 OpenLDAP/${v('libldap-2.5-0', '2.5.13').replace(/\+dfsg.*$/, '')}`,
    `Release-Date: ${CURL_RELEASES[version] ?? '[unreleased]'}, security patched: ${debianVersion}`,
    'Protocols: dict file ftp ftps gopher gophers http https imap imaps ldap ldaps mqtt pop3 pop3s rtmp rtmpe rtmps rtmpt rtmpte rtmpts rtsp scp sftp smb smbs smtp smtps telnet tftp',
    'Features: alt-svc AsynchDNS brotli GSS-API HSTS HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM NTLM_WB PSL SPNEGO SSL threadsafe TLS-SRP UnixSockets zstd',
  ].join('\n');
}

/** curl: --version; a URL fails as it does in a container that cannot resolve names outside its network. */
export const curl: Command = {
  name: 'curl',
  summary: 'transfer a URL',
  async run(context) {
    const args = context.argv.slice(1);
    if (args.includes('--version') || args.includes('-V')) {
      await context.stdout.write(`${curlVersion(context)}\n`);
      return 0;
    }
    const url = args.find((arg) => !arg.startsWith('-'));
    if (!url) {
      await context.stderr.write("curl: try 'curl --help' or 'curl --manual' for more information\n");
      return 2;
    }
    const host = /^(?:[a-z]+:\/\/)?([^/:?#]+)/i.exec(url)?.[1] ?? url;
    await context.stderr.write(`curl: (6) Could not resolve host: ${host}\n`);
    return 6;
  },
};

/**
 * The lines a script prints when it does nothing but print string literals
 * (`console.log("hi")`, `print('hi')`), with comments and blank lines
 * around them; undefined for anything else, which Layerlab does not run.
 */
export function printedLiterals(source: string, callee: string): string[] | undefined {
  const lines: string[] = [];
  const call = new RegExp(`^${callee.replace('.', '\\.')}\\(\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|'((?:[^'\\\\]|\\\\.)*)'|\`([^\`$\\\\]*)\`)\\s*\\);?$`);
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('//') || line.startsWith('#') || /^['"]use strict['"];?$/.test(line)) continue;
    const match = call.exec(line);
    if (!match) return undefined;
    const literal = match[1] ?? match[2] ?? match[3] ?? '';
    lines.push(unescapeLiteral(literal));
  }
  return lines;
}

/**
 * A runtime: `--version` from the image's variable (official images) or the
 * installed package; a script that only prints literals, run (so that an
 * image built around one shows its output); anything else, not simulated.
 */
function runtimeProgram(name: string, variable: string, packages: readonly string[], format: (version: string) => string, printCall?: string): Command {
  return {
    name,
    summary: `${name} (its version, and scripts that only print)`,
    async run(context) {
      const args = context.argv.slice(1);
      const [first = ''] = args;
      if (printCall && args.length === 1 && !first.startsWith('-') && context.files) {
        const script = context.files.readText(context.files.resolvePath(context.shell.cwd, first));
        const printed = script === undefined ? undefined : printedLiterals(script, printCall);
        if (printed === undefined) return notSimulated(context, context.argv[0] ?? name);
        for (const line of printed) await context.stdout.write(`${line}\n`);
        return 0;
      }
      if (args.length !== 1 || !['--version', '-v', '-V', 'version'].includes(first)) return notSimulated(context, context.argv[0] ?? name);
      const version = context.shell.env.get(variable) ?? packages.map((pkg) => packageVersion(context, pkg)).find((found) => found !== undefined);
      if (!version) return notSimulated(context, context.argv[0] ?? name);
      await context.stdout.write(`${format(version)}\n`);
      return 0;
    },
  };
}

export const node = runtimeProgram('node', 'NODE_VERSION', ['nodejs'], (version) => `v${version.replace(/^v/, '').replace(/[+~].*$/, '')}`, 'console.log');
export const python3 = runtimeProgram('python3', 'PYTHON_VERSION', ['python3', 'python3.11', 'python3-minimal'], (version) => `Python ${version}`, 'print');
export const git = runtimeProgram('git', 'GIT_VERSION', ['git'], (version) => `git version ${version}`);
