/** Someone's credentials as `docker login` sends them: a password, or an access token in its place. */
export interface Credentials {
  username: string;
  password: string;
}

/**
 * What a personal access token allows, as Docker Hub offers them: "Read,
 * Write, Delete", "Read & Write", "Read-only", "Public Repo Read-only".
 */
export type TokenScope = 'read-write-delete' | 'read-write' | 'read' | 'public-read';

export const TOKEN_SCOPES: readonly TokenScope[] = ['read-write-delete', 'read-write', 'read', 'public-read'];

/** An access token as the account keeps it. */
export interface TokenRecord {
  /** The token's id (a UUID, as Docker Hub's API names tokens); never the secret itself. */
  id: string;
  token: string;
  description: string;
  scope: TokenScope;
  /** When it was created (ms since the epoch); 0 for the lesson account's seeded token. */
  createdAt: number;
  revoked: boolean;
}

interface Account {
  password: string;
  /** Repository namespaces the account may push to (`learner`, a project); `*` for every one. */
  namespaces: string[];
  email?: string;
  /** Access tokens by their text, in the order they were issued. */
  tokens: Map<string, TokenRecord>;
}

export interface AccountsJSON {
  accounts: Array<{
    username: string;
    password: string;
    namespaces: string[];
    email?: string;
    /** `id`, `description`, `scope` and `createdAt` are absent in sessions saved before tokens had them. */
    tokens: Array<{ token: string; revoked: boolean; id?: string; description?: string; scope?: TokenScope; createdAt?: number }>;
  }>;
}

/** The details of a new token besides its text. */
export type TokenDetails = Partial<Pick<TokenRecord, 'id' | 'description' | 'scope' | 'createdAt'>>;

/**
 * The accounts of one registry's login realm. A registry's own realm is the
 * only one that knows them: credentials for Docker Hub mean nothing to ghcr.io.
 */
export class AccountBook {
  private readonly accounts = new Map<string, Account>();

  createAccount(username: string, password: string, namespaces: readonly string[] = [username], email?: string): void {
    const previous = this.accounts.get(username);
    const mail = email ?? previous?.email;
    this.accounts.set(username, { password, namespaces: [...namespaces], ...(mail === undefined ? {} : { email: mail }), tokens: previous?.tokens ?? new Map() });
  }

  has(username: string): boolean {
    return this.accounts.has(username);
  }

  /** The account names, in the order they were created. */
  usernames(): string[] {
    return [...this.accounts.keys()];
  }

  /** Whether `password` is the account's password (not a token: a registry's web page takes passwords only). */
  checkPassword(username: string, password: string): boolean {
    const account = this.accounts.get(username);
    return account !== undefined && account.password === password;
  }

  addToken(username: string, token: string, details: TokenDetails = {}): boolean {
    const account = this.accounts.get(username);
    if (!account) return false;
    account.tokens.set(token, {
      id: details.id ?? tokenIdOf(token),
      token,
      description: details.description ?? '',
      scope: details.scope ?? 'read-write-delete',
      createdAt: details.createdAt ?? 0,
      revoked: false,
    });
    return true;
  }

  /** The account's access tokens in the order they were issued, revoked ones included; empty for no such account. */
  tokens(username: string): TokenRecord[] {
    return [...(this.accounts.get(username)?.tokens.values() ?? [])].map((record) => ({ ...record }));
  }

  /** Revokes `token`, whoever owns it; false when no account has it. */
  revokeToken(token: string): boolean {
    for (const account of this.accounts.values()) {
      const entry = account.tokens.get(token);
      if (entry) {
        entry.revoked = true;
        return true;
      }
    }
    return false;
  }

  /** Revokes the token of `username` with id `id`; the token revoked, or undefined when the account has no such token. */
  revokeTokenById(username: string, id: string): TokenRecord | undefined {
    for (const entry of this.accounts.get(username)?.tokens.values() ?? []) {
      if (entry.id === id) {
        entry.revoked = true;
        return { ...entry };
      }
    }
    return undefined;
  }

  /** The account name the credentials prove, or undefined (a wrong password, a revoked token, no such user). */
  authenticate(credentials: Credentials | undefined): string | undefined {
    if (!credentials) return undefined;
    const account = this.accounts.get(credentials.username);
    if (!account) return undefined;
    if (account.password === credentials.password) return credentials.username;
    const token = account.tokens.get(credentials.password);
    return token && !token.revoked ? credentials.username : undefined;
  }

  /** Whether the credentials' scope allows pushing (who may push where is the registry's to say): all but a read-only token's does. */
  mayWrite(credentials: Credentials | undefined): boolean {
    if (!credentials) return true;
    const token = this.accounts.get(credentials.username)?.tokens.get(credentials.password);
    return token === undefined || token.scope === 'read-write' || token.scope === 'read-write-delete';
  }

  /**
   * Whether the credentials' scope allows reading private repositories: all
   * but a "Public Repo Read-only" token's does (that one reads what anyone
   * may; Docker Hub refuses it the rest as it refuses an anonymous pull).
   */
  mayReadPrivate(credentials: Credentials | undefined): boolean {
    if (!credentials) return true;
    const token = this.accounts.get(credentials.username)?.tokens.get(credentials.password);
    return token === undefined || token.scope !== 'public-read';
  }

  /** Whether `username` may write below `namespace` (the first path component). */
  owns(username: string, namespace: string): boolean {
    const namespaces = this.accounts.get(username)?.namespaces ?? [];
    return namespaces.includes('*') || namespaces.includes(namespace);
  }

  toJSON(): AccountsJSON {
    return {
      accounts: [...this.accounts].map(([username, account]) => ({
        username,
        password: account.password,
        namespaces: account.namespaces,
        ...(account.email === undefined ? {} : { email: account.email }),
        tokens: [...account.tokens.values()].map(({ token, revoked, id, description, scope, createdAt }) => ({ token, revoked, id, description, scope, createdAt })),
      })),
    };
  }

  static fromJSON(json: AccountsJSON): AccountBook {
    const book = new AccountBook();
    for (const account of json.accounts) {
      book.createAccount(account.username, account.password, account.namespaces, account.email);
      for (const { token, revoked, id, description, scope, createdAt } of account.tokens) {
        book.addToken(account.username, token, { ...(id === undefined ? {} : { id }), ...(description === undefined ? {} : { description }), ...(scope === undefined ? {} : { scope }), ...(createdAt === undefined ? {} : { createdAt }) });
        if (revoked) book.revokeToken(token);
      }
    }
    return book;
  }
}

/** A token's id when none was given: a UUID-shaped name derived from the token (stable across saves). */
function tokenIdOf(token: string): string {
  let hash = 0x811c9dc5;
  const words: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (const char of `${round}:${token}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
    words.push(hash.toString(16).padStart(8, '0'));
  }
  const hex = words.join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
