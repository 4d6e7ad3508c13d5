import { fileBytes } from '../archive/tar';
import { LEARNER_UID } from '../host/filesystem';
import { resolvePath } from '../host/paths';
import type { Credentials } from '../registry/accounts';
import { INDEX_SERVER } from '../registry/registries';
import type { CommandContext } from '../shell/command';
import { decodeGoJson } from './go-json';

/**
 * The docker CLI's configuration file, ~/.docker/config.json, as docker/cli's
 * configfile package reads and writes it: the logins live in `auths`, each
 * `{"auth": base64("user:password")}` under the registry's key
 * (`https://index.docker.io/v1/` for Docker Hub, the host for the others).
 * Being logged in IS an entry here: delete it and the CLI sends no credentials.
 */
export interface DockerConfig {
  path: string;
  auths: Map<string, Credentials>;
  /** The file's other settings, written back as they were. */
  rest: Record<string, unknown>;
}

/** Where the CLI keeps its configuration: $DOCKER_CONFIG, or ~/.docker. */
export function dockerConfigPath(context: Pick<CommandContext, 'shell'>): string {
  const dir = context.shell.env.get('DOCKER_CONFIG');
  return dir ? `${resolvePath(context.shell.cwd, dir, context.shell.home)}/config.json` : `${context.shell.home}/.docker/config.json`;
}

/**
 * Reads config.json. A file that does not parse gives docker/cli's warning
 * (config.LoadDefaultConfigFile: `WARNING: Error parsing config file (…): …`)
 * and the CLI carries on with an empty configuration.
 */
export function loadDockerConfig(context: Pick<CommandContext, 'shell' | 'host'>): { config: DockerConfig; warning?: string } {
  const path = dockerConfigPath(context);
  const empty: DockerConfig = { path, auths: new Map(), rest: {} };
  const node = context.host.get(path);
  if (!node) return { config: empty };
  if (node.type !== 'file') return { config: empty, warning: `WARNING: Error loading config file: read ${path}: is a directory` };
  const parsed = parseDockerConfig(new TextDecoder().decode(fileBytes(node.content)));
  if ('error' in parsed) return { config: empty, warning: `WARNING: Error parsing config file (${path}): ${parsed.error}` };
  return { config: { path, ...parsed } };
}

/** configfile.LoadFromReader: the JSON, then each `auth` decoded (decodeAuth). */
export function parseDockerConfig(text: string): Omit<DockerConfig, 'path'> | { error: string } {
  const decoded = decodeGoJson(text);
  if ('empty' in decoded) return { auths: new Map(), rest: {} };
  if ('error' in decoded) return decoded;
  const value = decoded.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    if (value === null) return { auths: new Map(), rest: {} };
    return { error: `json: cannot unmarshal ${goKind(value)} into Go value of type configfile.ConfigFile` };
  }
  const { auths = {}, ...rest } = value as Record<string, unknown>;
  if (auths !== null && (typeof auths !== 'object' || Array.isArray(auths))) {
    return { error: `json: cannot unmarshal ${goKind(auths)} into Go struct field ConfigFile.auths of type map[string]types.AuthConfig` };
  }
  const entries = new Map<string, Credentials>();
  for (const [key, entry] of Object.entries(auths ?? {})) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      if (entry === null) continue;
      return { error: `json: cannot unmarshal ${goKind(entry)} into Go struct field ConfigFile.auths of type types.AuthConfig` };
    }
    const fields = entry as Record<string, unknown>;
    for (const field of ['auth', 'username', 'password']) {
      const fieldValue = fields[field];
      if (fieldValue !== undefined && fieldValue !== null && typeof fieldValue !== 'string') {
        return { error: `json: cannot unmarshal ${goKind(fieldValue)} into Go struct field AuthConfig.auths.${field} of type string` };
      }
    }
    const auth = typeof fields.auth === 'string' ? fields.auth : '';
    if (auth !== '') {
      const credentials = decodeAuth(auth);
      if (typeof credentials === 'string') return { error: credentials };
      entries.set(key, credentials);
    } else {
      entries.set(key, { username: typeof fields.username === 'string' ? fields.username : '', password: typeof fields.password === 'string' ? fields.password : '' });
    }
  }
  return { auths: entries, rest };
}

function goKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'string' ? 'string' : 'object';
}

/** configfile's decodeAuth: base64 (Go's errors for bad input), then `user:password`. */
function decodeAuth(auth: string): Credentials | string {
  const bytes = decodeBase64(auth);
  if (typeof bytes === 'number') return `illegal base64 data at input byte ${bytes}`;
  const text = new TextDecoder().decode(bytes);
  const colon = text.indexOf(':');
  if (colon <= 0) return 'invalid auth configuration file';
  return { username: text.slice(0, colon), password: text.slice(colon + 1).replace(/^\0+|\0+$/g, '') };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * base64.StdEncoding.DecodeString: the bytes, or the input offset Go's
 * CorruptInputError names — a character outside the alphabet, padding where
 * it cannot be, or the start of a quantum cut short.
 */
function decodeBase64(text: string): Uint8Array | number {
  // Go's decoder skips line breaks.
  const clean = text.replace(/[\r\n]/g, '');
  const padStart = clean.search(/=+$/);
  const body = padStart < 0 ? clean : clean.slice(0, padStart);
  const padding = clean.length - body.length;
  for (let index = 0; index < body.length; index++) {
    if (!BASE64.includes(body[index] ?? '')) return index;
  }
  if (padding > 0 && (clean.length % 4 !== 0 || body.length % 4 < 2 || padding > 2)) return body.length;
  if (padding === 0 && body.length % 4 !== 0) return body.length - (body.length % 4);
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of body) {
    buffer = ((buffer << 6) | BASE64.indexOf(char)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return new Uint8Array(bytes);
}

/** configfile.Save: json.MarshalIndent with a tab, `auths` first with its keys sorted, each login as `auth` alone. */
export function serializeDockerConfig(config: DockerConfig): string {
  const auths: Record<string, { auth: string }> = {};
  for (const key of [...config.auths.keys()].sort()) {
    const { username, password } = config.auths.get(key) ?? { username: '', password: '' };
    auths[key] = { auth: encodeBase64(`${username}:${password}`) };
  }
  // Go escapes <, > and & in strings; JSON.stringify otherwise writes what MarshalIndent does.
  return JSON.stringify({ auths, ...config.rest }, null, '\t').replace(/[<>&]/g, (char) => `\\u00${char.charCodeAt(0).toString(16)}`);
}

export function encodeBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Writes config.json (mode 0600 in a 0700 ~/.docker, as the CLI creates them). */
export function saveDockerConfig(context: Pick<CommandContext, 'host' | 'clock'>, config: DockerConfig): void {
  const metadata = { uid: LEARNER_UID, gid: LEARNER_UID, mtime: context.clock.now() };
  const dir = config.path.slice(0, config.path.lastIndexOf('/'));
  if (!context.host.isDirectory(dir)) context.host.mkdir(dir, { ...metadata, mode: 0o700 });
  context.host.writeFile(config.path, { kind: 'bytes', bytes: new TextEncoder().encode(serializeDockerConfig(config)) }, { ...metadata, mode: 0o600 });
}

/** The key a registry's login is stored under: Docker Hub's index address, or the host. */
export function authKeyFor(domain: string): string {
  return domain === 'docker.io' || domain === 'index.docker.io' ? INDEX_SERVER : domain;
}

/** The credentials the CLI sends for `domain` (fileStore.Get: the key itself, then keys that are URLs of the host). */
export function credentialsFor(config: DockerConfig, domain: string): Credentials | undefined {
  const key = authKeyFor(domain);
  const direct = config.auths.get(key);
  if (direct) return direct.username || direct.password ? direct : undefined;
  for (const [stored, credentials] of config.auths) {
    if (convertToHostname(stored) === key) return credentials;
  }
  return undefined;
}

/** credentials.ConvertToHostname: `https://host:port/path` → `host:port`. */
export function convertToHostname(address: string): string {
  const stripped = address.includes('://') ? address.slice(address.indexOf('://') + 3) : address;
  return stripped.split('/')[0] ?? '';
}
