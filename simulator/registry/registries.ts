import type { Changeset } from '../archive/types';
import { digestOf, type Digest } from '../digest/digest';
import { EngineError } from '../errdefs/errors';
import type { Credentials, TokenDetails, TokenRecord } from './accounts';
import type { CatalogIndex } from '../catalog/format';
import { HostedRegistry, type HostedRegistryJSON, type RepositorySummary, type TagSummary, type Visibility } from './hosted';
import { REGISTRY_PROFILES } from './profiles';
import { searchHub, type SearchResult } from './hub-search';
import type { Registry, RegistryMiss, RemoteImage } from './registry';

/** docker/cli's and moby's name for Docker Hub in config.json and logins. */
export const INDEX_SERVER = 'https://index.docker.io/v1/';

export interface RegistriesJSON {
  registries: Array<{ host: string } & HostedRegistryJSON>;
  tokensIssued: number;
}

/**
 * The daemon's error for a registry that is not there: nothing outside the
 * simulated world resolves (docker/hub-feedback's and Harbor's issues show the
 * lookup failure), and on the learner's own machine nothing else listens — a
 * loopback registry is tried over plain HTTP last, so that is the error shown
 * (docker/docs#13915, eocker/eocker#26).
 */
export function unknownHost(host: string): EngineError {
  const [hostname = host, port = '80'] = host.split(':');
  if (hostname === 'localhost' || /^127\./.test(hostname)) {
    const address = hostname === 'localhost' ? '[::1]' : hostname;
    return new EngineError('system', `Get "http://${host}/v2/": dial tcp ${address}:${port}: connect: connection refused`);
  }
  return new EngineError('system', `Get "https://${host}/v2/": dial tcp: lookup ${hostname}: no such host`);
}

/** The registry host a login address names (`https://index.docker.io/v1/` and `docker.io` are Docker Hub). */
export function registryHostOf(address: string): string {
  if (address === INDEX_SERVER || address === 'docker.io' || address === 'index.docker.io' || address === 'registry-1.docker.io') return 'docker.io';
  return address;
}

/**
 * Every registry of the simulated world, behind the engine: Docker Hub, the
 * cloud registries, a Harbor and a registry on localhost:5000, each with its
 * own login realm. Pulls and pushes reach them through here, with the
 * credentials the CLI found in config.json; the account and visibility methods
 * are the small interface a registry's web page works through.
 */
export class Registries implements Registry {
  private readonly byHost = new Map<string, HostedRegistry>();
  private tokensIssued = 0;

  private readonly catalog: Registry;

  /** `catalog` serves the official images (Docker Hub's `library/…`) and Google's distroless images on gcr.io. */
  constructor(catalog: Registry) {
    this.catalog = catalog;
    for (const profile of REGISTRY_PROFILES) this.byHost.set(profile.host, new HostedRegistry(profile, catalog));
  }

  /** The registry at `host`, or the daemon's lookup failure. */
  registry(host: string): HostedRegistry {
    const registry = this.byHost.get(host);
    if (!registry) throw unknownHost(host);
    return registry;
  }

  hosts(): string[] {
    return [...this.byHost.keys()];
  }

  /** The account `credentials` prove on `host`, if any. */
  userOf(host: string, credentials: Credentials | undefined): string | undefined {
    return this.registry(host).accounts.authenticate(credentials);
  }

  /**
   * Whom a pull with `credentials` reads as on `host`: their account, or
   * nobody for a token whose scope is public repositories only, which sees
   * what an anonymous pull sees.
   */
  readerOf(host: string, credentials: Credentials | undefined): string | undefined {
    const registry = this.registry(host);
    return registry.accounts.mayReadPrivate(credentials) ? registry.accounts.authenticate(credentials) : undefined;
  }

  async resolve(repository: string, tagOrDigest: string, credentials?: Credentials): Promise<RemoteImage | RegistryMiss> {
    const { host, path } = splitRepository(repository);
    return this.registry(host).resolve(path, tagOrDigest, this.readerOf(host, credentials));
  }

  async tags(repository: string, credentials?: Credentials): Promise<string[] | 'repository not found'> {
    const { host, path } = splitRepository(repository);
    return this.registry(host).tags(path, this.readerOf(host, credentials));
  }

  /** The daemon's login (POST /auth): the registry's status text, or its refusal. */
  login(address: string, credentials: Credentials): string {
    const registry = this.registry(registryHostOf(address));
    if (!registry.profile.open && registry.accounts.authenticate(credentials) === undefined) {
      throw new EngineError('unauthorized', registry.profile.loginFailure);
    }
    return 'Login Succeeded';
  }

  /** Docker Hub's search (GET /v1/search): official images and public repositories. */
  async search(term: string, limit: number): Promise<SearchResult[]> {
    return searchHub(term, limit, await this.officialRepositories(), this.registry('docker.io').list());
  }

  createAccount(host: string, username: string, password: string, namespaces?: readonly string[], email?: string): void {
    this.registry(host).accounts.createAccount(username, password, namespaces, email);
  }

  /** Issues a new access token for `username` (Docker Hub's are `dckr_pat_…`); undefined when there is no such account. */
  createToken(host: string, username: string, details: Omit<TokenDetails, 'id'> = {}): string | undefined {
    this.tokensIssued += 1;
    const seed = digestOf(`${host}/${username}/${this.tokensIssued}`).slice(7);
    const token = `${host === 'docker.io' ? 'dckr_pat_' : ''}${seed.slice(0, 27)}`;
    // Docker Hub names tokens by a UUID (its API's `uuid`); made from the same seed, so it says nothing of the secret.
    const id = `${seed.slice(32, 40)}-${seed.slice(40, 44)}-4${seed.slice(45, 48)}-a${seed.slice(49, 52)}-${seed.slice(52, 64)}`;
    return this.registry(host).accounts.addToken(username, token, { ...details, id }) ? token : undefined;
  }

  revokeToken(host: string, token: string): boolean {
    return this.registry(host).accounts.revokeToken(token);
  }

  setVisibility(host: string, path: string, visibility: Visibility): boolean {
    return this.registry(host).setVisibility(path, visibility);
  }

  repositories(host: string): RepositorySummary[] {
    return this.registry(host).list();
  }

  /** A repository's tags with digest, size and push time, for the registry's page. */
  tagSummaries(host: string, path: string): TagSummary[] {
    return this.registry(host).tagSummaries(path);
  }

  /** The official images (the catalog's repositories) with their descriptions and tags, for Docker Hub's page. */
  async officialRepositories(): Promise<CatalogIndex['repositories']> {
    return (await this.catalog.describedRepositories?.()) ?? {};
  }

  /** The access tokens of `username` on `host`, revoked ones included. */
  tokensOf(host: string, username: string): TokenRecord[] {
    return this.registry(host).accounts.tokens(username);
  }

  toJSON(): RegistriesJSON {
    return { registries: [...this.byHost].map(([host, registry]) => ({ host, ...registry.toJSON() })), tokensIssued: this.tokensIssued };
  }

  /** Every blob's contents, by diff ID: a snapshot saves them with the engine's layers. */
  blobContents(): Map<Digest, Changeset> {
    const contents = new Map<Digest, Changeset>();
    for (const registry of this.byHost.values()) for (const [diffId, changeset] of registry.blobContents()) contents.set(diffId, changeset);
    return contents;
  }

  restore(json: RegistriesJSON, changesetOf: (diffId: Digest) => Changeset): void {
    this.tokensIssued = json.tokensIssued;
    for (const saved of json.registries) this.byHost.get(saved.host)?.restore(saved, changesetOf);
  }
}

/** `docker.io/learner/app` → host `docker.io`, path `learner/app`. */
export function splitRepository(repository: string): { host: string; path: string } {
  const slash = repository.indexOf('/');
  return { host: repository.slice(0, slash), path: repository.slice(slash + 1) };
}
