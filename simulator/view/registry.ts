/**
 * A registry as its web page shows it to someone (signed in or not): the
 * account's tokens, the repositories they may see with their tags, and the
 * official images. The same state `docker push` and `docker pull` use.
 */
import type { Engine } from '../daemon/engine';
import type { Credentials, TokenScope } from '../registry/accounts';
import type { TagSummary, Visibility } from '../registry/hosted';

export interface RegistryRepository {
  /** `learner/app` (without the host). */
  path: string;
  visibility: Visibility;
  /** Whether the signed-in account may push to it (and so change its visibility). */
  owned: boolean;
  tags: TagSummary[];
}

export interface RegistryToken {
  /** What the page names it by (to revoke it): never the secret, which is shown once, when it is created. */
  id: string;
  /** How the page lists it afterwards: `dckr_pat_…WXYZ`. */
  masked: string;
  description: string;
  scope: TokenScope;
  /** When it was created (ms since the epoch; 0 for the lesson account's own token). */
  createdAt: number;
  revoked: boolean;
}

export interface RegistryView {
  host: string;
  /** The account the credentials prove (password, or a token not revoked); null when signed out or refused. */
  account: { username: string; tokens: RegistryToken[] } | null;
  /** The repositories this visitor may see: public ones, and the account's own. */
  repositories: RegistryRepository[];
  /** The catalog's images this registry serves (Docker Hub's official images, gcr.io's distroless). */
  official: Array<{ name: string; description: string; tags: string[] }>;
}

/** What the page of `host` shows to the holder of `credentials` (signed out without them). */
export async function registryView(engine: Engine, host = 'docker.io', credentials?: Credentials): Promise<RegistryView> {
  const registry = engine.registry.registry(host);
  const username = registry.accounts.authenticate(credentials);
  const repositories = engine.registry
    .repositories(host)
    .filter((repository) => registry.canRead(repository.path, username))
    .map(({ path, visibility }) => ({ path, visibility, owned: username !== undefined && registry.canWrite(path, username), tags: engine.registry.tagSummaries(host, path) }));
  const catalog = await engine.registry.officialRepositories();
  const official = Object.entries(catalog)
    .filter(([name]) => hostOf(name) === host)
    .map(([name, entry]) => ({ name: host === 'docker.io' ? name : name.slice(host.length + 1), description: entry.description, tags: Object.keys(entry.tags).sort() }));
  const account = username === undefined ? null : { username, tokens: engine.registry.tokensOf(host, username).map(({ id, token, description, scope, createdAt, revoked }) => ({ id, masked: masked(token), description, scope, createdAt, revoked })) };
  return { host, account, repositories, official };
}

/** The registry a catalog name is on: its first component when that looks like a host, Docker Hub otherwise. */
function hostOf(name: string): string {
  const first = name.split('/')[0] ?? '';
  return name.includes('/') && (first.includes('.') || first.includes(':')) ? first : 'docker.io';
}

function masked(token: string): string {
  const prefix = token.startsWith('dckr_pat_') ? 'dckr_pat_' : '';
  return `${prefix}…${token.slice(-4)}`;
}
