/**
 * What a registry's web page may change, as the page asks it: sign up, create
 * and revoke personal access tokens, make a repository public or private.
 * The mutating counterpart of the read-only `registry` query: every action
 * is plain JSON (it crosses postMessage), checks the credentials the page
 * signed in with (a password: a token never signs in to the website), and
 * reports what it changed as an engine event.
 */
import type { EngineEvents } from '../daemon/events';
import { TOKEN_SCOPES, type Credentials, type TokenScope } from './accounts';
import type { Visibility } from './hosted';
import type { Registries } from './registries';

export type RegistryAction =
  /** Checks a web sign-in (changes nothing): the password, as the website asks for, never a token. */
  | { kind: 'signIn'; host?: string; username: string; password: string }
  /** A new Docker ID (Docker Hub only). */
  | { kind: 'signUp'; username: string; password: string; email?: string }
  /** A new personal access token; the answer is the only time its text is shown. */
  | { kind: 'createToken'; host?: string; credentials: Credentials; description: string; scope?: TokenScope }
  | { kind: 'revokeToken'; host?: string; credentials: Credentials; tokenId: string }
  | { kind: 'setVisibility'; host?: string; credentials: Credentials; repository: string; visibility: Visibility };

/** The answer to each kind of action. */
export interface RegistryActionResults {
  signIn: { username: string };
  signUp: { username: string };
  createToken: { id: string; token: string; description: string; scope: TokenScope; createdAt: number };
  revokeToken: { id: string; description: string };
  setVisibility: { repository: string; visibility: Visibility };
}

export type RegistryActionResult<A extends RegistryAction = RegistryAction> = RegistryActionResults[A['kind']];

/** A refusal with the message the page shows (a taken name, a weak password, wrong credentials…). */
export class RegistryActionError extends Error {
  override readonly name = 'RegistryActionError';
}

/** Docker ID rules: 4 to 30 characters, lowercase letters and digits only (docs.docker.com, "Create an account"). */
const USERNAME = /^[a-z0-9]{4,30}$/;
/** Names Docker Hub keeps for itself (official images live under `library`). */
const RESERVED = new Set(['library', 'docker', 'dockerhub', 'hub', 'official', 'admin', 'root', 'registry', 'index', 'support', 'help']);
const MIN_PASSWORD = 9;
const COMMON_PASSWORDS = new Set(['password', 'password1', 'password123', '123456789', '1234567890', 'qwertyuiop', 'iloveyou1', 'abcdefghi', 'letmein123', 'dockerhub1', 'docker123']);
const MAX_DESCRIPTION = 100;

export interface ActionContext {
  registries: Registries;
  events: EngineEvents;
  /** The engine's time (ms since the epoch). */
  now: number;
}

/** Carries out `action`; throws a {@link RegistryActionError} saying why when it is refused. */
export function applyRegistryAction<A extends RegistryAction>(context: ActionContext, action: A): RegistryActionResult<A> {
  return apply(context, action) as RegistryActionResult<A>;
}

function apply({ registries, events, now }: ActionContext, action: RegistryAction): RegistryActionResult {
  switch (action.kind) {
    case 'signIn':
      return { username: signedIn(registries, action.host ?? 'docker.io', { username: text(action.username, 'username'), password: text(action.password, 'password') }) };
    case 'signUp': {
      const username = text(action.username, 'username');
      const password = text(action.password, 'password');
      const book = registries.registry('docker.io').accounts;
      if (!USERNAME.test(username)) throw new RegistryActionError('Usernames must be 4 to 30 characters long and contain only lowercase letters (a–z) and numbers (0–9).');
      if (book.has(username) || RESERVED.has(username)) throw new RegistryActionError(`The username “${username}” is already taken. Choose another one.`);
      if (password.length < MIN_PASSWORD) throw new RegistryActionError(`Passwords must be at least ${MIN_PASSWORD} characters long.`);
      if (password.toLowerCase().includes(username) || COMMON_PASSWORDS.has(password.toLowerCase()) || /^(.)\1*$/.test(password)) {
        throw new RegistryActionError('This password is too easy to guess: do not use your username, a repeated character or a common password.');
      }
      const email = action.email === undefined || action.email === '' ? undefined : text(action.email, 'email');
      if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new RegistryActionError('Enter a valid email address (name@example.com).');
      registries.createAccount('docker.io', username, password, [username], email);
      events.emit({ type: 'registry.account.created', host: 'docker.io', username });
      return { username };
    }
    case 'createToken': {
      const host = action.host ?? 'docker.io';
      const username = signedIn(registries, host, action.credentials);
      const description = text(action.description, 'description').trim();
      if (description === '') throw new RegistryActionError('Give the token a description, so you can tell it apart from your other tokens.');
      if (description.length > MAX_DESCRIPTION) throw new RegistryActionError(`Descriptions are at most ${MAX_DESCRIPTION} characters long.`);
      const scope = action.scope ?? 'read-write-delete';
      if (!TOKEN_SCOPES.includes(scope)) throw new RegistryActionError(`Unknown access permissions “${String(scope)}”.`);
      const token = registries.createToken(host, username, { description, scope, createdAt: now });
      const record = registries.tokensOf(host, username).find((candidate) => candidate.token === token);
      if (token === undefined || !record) throw new RegistryActionError('The token could not be created.');
      events.emit({ type: 'registry.token.created', host, username, tokenId: record.id, description, scope });
      return { id: record.id, token, description, scope, createdAt: now };
    }
    case 'revokeToken': {
      const host = action.host ?? 'docker.io';
      const username = signedIn(registries, host, action.credentials);
      const existing = registries.tokensOf(host, username).find((candidate) => candidate.id === action.tokenId);
      if (!existing) throw new RegistryActionError('No such access token on this account.');
      if (existing.revoked) throw new RegistryActionError('This access token was already revoked.');
      registries.registry(host).accounts.revokeTokenById(username, existing.id);
      events.emit({ type: 'registry.token.revoked', host, username, tokenId: existing.id, description: existing.description });
      return { id: existing.id, description: existing.description };
    }
    case 'setVisibility': {
      const host = action.host ?? 'docker.io';
      const username = signedIn(registries, host, action.credentials);
      const repository = text(action.repository, 'repository');
      if (action.visibility !== 'public' && action.visibility !== 'private') throw new RegistryActionError('Visibility is either public or private.');
      const registry = registries.registry(host);
      const exists = registries.repositories(host).some((candidate) => candidate.path === repository);
      if (!exists || !registry.canRead(repository, username)) throw new RegistryActionError(`No repository ${repository} here.`);
      if (!registry.canWrite(repository, username)) throw new RegistryActionError(`Only the owner of ${repository} may change its visibility.`);
      registries.setVisibility(host, repository, action.visibility);
      events.emit({ type: 'registry.visibility.changed', host, repository, visibility: action.visibility });
      return { repository, visibility: action.visibility };
    }
    default:
      throw new RegistryActionError(`Unknown registry action “${String((action as { kind?: unknown }).kind)}”.`);
  }
}

/** The account a web sign-in proves: its password only, as a registry's website asks for. */
function signedIn(registries: Registries, host: string, credentials: Credentials | undefined): string {
  const username = credentials?.username;
  const password = credentials?.password;
  if (typeof username !== 'string' || typeof password !== 'string' || username === '' || password === '') throw new RegistryActionError('Sign in first.');
  const book = registries.registry(host).accounts;
  if (book.checkPassword(username, password)) return username;
  if (book.authenticate(credentials) !== undefined) throw new RegistryActionError('Access tokens cannot sign in to the website: use your password.');
  throw new RegistryActionError('Incorrect username or password.');
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new RegistryActionError(`The ${field} is missing.`);
  return value;
}
