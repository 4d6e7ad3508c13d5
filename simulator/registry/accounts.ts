/** Someone's credentials as `docker login` sends them: a password, or an access token in its place. */
export interface Credentials {
  username: string;
  password: string;
}

interface Account {
  password: string;
  /** Repository namespaces the account may push to (`learner`, a project); `*` for every one. */
  namespaces: string[];
  /** Access tokens, and whether each was revoked. */
  tokens: Map<string, { revoked: boolean }>;
}

export interface AccountsJSON {
  accounts: Array<{ username: string; password: string; namespaces: string[]; tokens: Array<{ token: string; revoked: boolean }> }>;
}

/**
 * The accounts of one registry's login realm. A registry's own realm is the
 * only one that knows them: credentials for Docker Hub mean nothing to ghcr.io.
 */
export class AccountBook {
  private readonly accounts = new Map<string, Account>();

  createAccount(username: string, password: string, namespaces: readonly string[] = [username]): void {
    this.accounts.set(username, { password, namespaces: [...namespaces], tokens: this.accounts.get(username)?.tokens ?? new Map() });
  }

  has(username: string): boolean {
    return this.accounts.has(username);
  }

  addToken(username: string, token: string): boolean {
    const account = this.accounts.get(username);
    if (!account) return false;
    account.tokens.set(token, { revoked: false });
    return true;
  }

  /** The account's access tokens in the order they were issued, revoked ones included; empty for no such account. */
  tokens(username: string): Array<{ token: string; revoked: boolean }> {
    return [...(this.accounts.get(username)?.tokens ?? [])].map(([token, { revoked }]) => ({ token, revoked }));
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

  /** The account name the credentials prove, or undefined (a wrong password, a revoked token, no such user). */
  authenticate(credentials: Credentials | undefined): string | undefined {
    if (!credentials) return undefined;
    const account = this.accounts.get(credentials.username);
    if (!account) return undefined;
    if (account.password === credentials.password) return credentials.username;
    const token = account.tokens.get(credentials.password);
    return token && !token.revoked ? credentials.username : undefined;
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
        tokens: [...account.tokens].map(([token, { revoked }]) => ({ token, revoked })),
      })),
    };
  }

  static fromJSON(json: AccountsJSON): AccountBook {
    const book = new AccountBook();
    for (const account of json.accounts) {
      book.createAccount(account.username, account.password, account.namespaces);
      for (const { token, revoked } of account.tokens) {
        book.addToken(account.username, token);
        if (revoked) book.revokeToken(token);
      }
    }
    return book;
  }
}
