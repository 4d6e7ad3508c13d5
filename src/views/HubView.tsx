import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Credentials, TokenScope } from '../../simulator/registry/accounts';
import type { RegistryAction } from '../../simulator/registry/actions';
import type { RegistryRepository, RegistryToken, RegistryView } from '../../simulator/view/registry';
import type { Session } from '../../simulator/session/types';
import { dockerSize, shortDigest } from './format';
import { useEngineQuery } from './use-engine';
import type { ViewProps } from './ViewsIsland';
import './hub.css';

/**
 * The simulated Docker Hub's web page for the learner's session: sign up and
 * sign in, personal access tokens, the account's repositories with their
 * visibility and tags, and the official images. It reads the engine through
 * the read-only `registry` query (asked again on every engine event, so a
 * `docker push` in the terminal shows up here) and changes it only through
 * `session.registry(action)`. Who is signed in is this page's own state, never
 * the engine's. Every name shown (repositories, tags, descriptions) is
 * user-controlled text and is rendered as text only.
 */

type Route =
  | { page: 'explore' }
  | { page: 'official'; name: string }
  | { page: 'repositories' }
  | { page: 'repository'; path: string }
  | { page: 'settings' }
  | { page: 'signin'; then?: Route }
  | { page: 'signup' };

const SCOPES: ReadonlyArray<{ value: TokenScope; label: string }> = [
  { value: 'read-write-delete', label: 'Read, Write, Delete' },
  { value: 'read-write', label: 'Read & Write' },
  { value: 'read', label: 'Read-only' },
  { value: 'public-read', label: 'Public Repo Read-only' },
];

/**
 * Who is signed in, per session: kept in memory for the page's lifetime
 * (the views panel and a lesson's Hub page share it, and it survives
 * switching tabs), never in storage and never in the engine.
 */
const signIns = new WeakMap<Session, Credentials>();
const signInListeners = new Set<() => void>();

function setSignIn(session: Session, credentials: Credentials | undefined): void {
  if (credentials) signIns.set(session, credentials);
  else signIns.delete(session);
  signInListeners.forEach((listener) => listener());
}

function useSignIn(session: Session): Credentials | undefined {
  const [credentials, setCredentials] = useState(() => signIns.get(session));
  useEffect(() => {
    const update = (): void => setCredentials(signIns.get(session));
    update();
    signInListeners.add(update);
    return () => void signInListeners.delete(update);
  }, [session]);
  return credentials;
}

let instances = 0;

export default function HubView({ session }: ViewProps) {
  const ids = useMemo(() => `hub${++instances}`, []);
  const credentials = useSignIn(session);
  const [route, setRoute] = useState<Route>(() => (signIns.get(session) ? { page: 'repositories' } : { page: 'explore' }));
  const view = useEngineQuery(session, { kind: 'registry', credentials });
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  // A new page moves focus to its heading, as a page load would for a screen reader.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [route]);

  const signedIn = credentials !== undefined && view.data?.account != null;
  const go = (next: Route): void => setRoute(next);
  const signOut = (): void => {
    setSignIn(session, undefined);
    setRoute({ page: 'explore' });
  };
  const requireSignIn = (next: Route): void => setRoute(credentials ? next : { page: 'signin', then: next });

  const navItem = (label: string, target: Route, current: boolean, action = () => go(target)) => (
    <li>
      <button type="button" class="hub-nav-link" aria-current={current ? 'page' : undefined} onClick={action}>
        {label}
      </button>
    </li>
  );

  let body: ComponentChildren;
  if (view.error) body = <p class="view-error" role="alert">The registry could not be read: {view.error}</p>;
  else if (!view.data) body = <p class="views-loading">Loading…</p>;
  else {
    const data = view.data;
    switch (route.page) {
      case 'signin':
        body = <SignIn ids={ids} session={session} headingRef={heading} onDone={(next) => go(route.then ?? next)} onSignUp={() => go({ page: 'signup' })} />;
        break;
      case 'signup':
        body = <SignUp ids={ids} session={session} headingRef={heading} onDone={() => go({ page: 'repositories' })} onSignIn={() => go({ page: 'signin' })} />;
        break;
      case 'settings':
        body = credentials && data.account ? <Settings ids={ids} session={session} credentials={credentials} tokens={data.account.tokens} headingRef={heading} /> : <SignInFirst headingRef={heading} what="manage your access tokens" onSignIn={() => go({ page: 'signin', then: route })} />;
        break;
      case 'repositories':
        body = <Repositories data={data} signedIn={signedIn} headingRef={heading} session={session} credentials={credentials} open={(path) => go({ page: 'repository', path })} onSignIn={() => go({ page: 'signin', then: route })} />;
        break;
      case 'repository': {
        const repository = data.repositories.find((candidate) => candidate.path === route.path);
        body = repository ? (
          <RepositoryPage ids={ids} repository={repository} session={session} credentials={credentials} headingRef={heading} back={() => go({ page: 'repositories' })} />
        ) : (
          <NotFound headingRef={heading} what={route.path} signedIn={signedIn} back={() => go({ page: 'repositories' })} />
        );
        break;
      }
      case 'official': {
        const image = data.official.find((candidate) => candidate.name === route.name);
        body = image ? <OfficialPage image={image} headingRef={heading} back={() => go({ page: 'explore' })} /> : <NotFound headingRef={heading} what={route.name} signedIn={signedIn} back={() => go({ page: 'explore' })} />;
        break;
      }
      case 'explore':
        body = <Explore ids={ids} data={data} headingRef={heading} open={(name) => go({ page: 'official', name })} />;
        break;
    }
  }

  return (
    <div class="hub" data-hub="">
      <header class="hub-header">
        <span class="hub-brand" aria-hidden="true">
          <span class="hub-mark">▣</span> Hub
        </span>
        <nav aria-label="Registry" class="hub-nav">
          <ul>
            {navItem('Explore', { page: 'explore' }, route.page === 'explore' || route.page === 'official')}
            {navItem('Repositories', { page: 'repositories' }, route.page === 'repositories' || route.page === 'repository')}
            {signedIn ? navItem('Account settings', { page: 'settings' }, route.page === 'settings', () => requireSignIn({ page: 'settings' })) : null}
          </ul>
        </nav>
        <div class="hub-account">
          {signedIn && credentials ? (
            <>
              <span class="hub-user" data-hub-user="">
                <span class="hub-avatar" aria-hidden="true">
                  {credentials.username.slice(0, 1).toUpperCase()}
                </span>
                <span class="hub-visually-hidden">Signed in as </span>
                {credentials.username}
              </span>
              <button type="button" class="hub-button hub-button-quiet" onClick={signOut}>
                Sign out
              </button>
            </>
          ) : (
            <>
              <button type="button" class="hub-button hub-button-quiet" aria-current={route.page === 'signin' ? 'page' : undefined} onClick={() => go({ page: 'signin' })}>
                Sign in
              </button>
              <button type="button" class="hub-button" aria-current={route.page === 'signup' ? 'page' : undefined} onClick={() => go({ page: 'signup' })}>
                Sign up
              </button>
            </>
          )}
        </div>
      </header>
      <p class="hub-notice">A simulated registry: it holds what this page’s terminal pushes, and nothing leaves the browser.</p>
      <div class="hub-body">{body}</div>
    </div>
  );
}

interface HeadingProps {
  headingRef: { current: HTMLHeadingElement | null };
}

function Heading({ headingRef, children }: HeadingProps & { children: ComponentChildren }) {
  return (
    <h2 class="hub-title" ref={headingRef} tabIndex={-1}>
      {children}
    </h2>
  );
}

/** Runs a registry action, keeping its error message and whether it is under way. */
function useAction(session: Session) {
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const run = async <A extends RegistryAction>(action: A) => {
    setBusy(true);
    setError(undefined);
    try {
      return await session.registry(action);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run, setError };
}

function SignIn({ ids, session, headingRef, onDone, onSignUp }: HeadingProps & { ids: string; session: Session; onDone: (next: Route) => void; onSignUp: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(session);
  const errorId = `${ids}-signin-error`;
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const result = await action.run({ kind: 'signIn', username: username.trim(), password });
    if (!result) return;
    setSignIn(session, { username: result.username, password });
    onDone({ page: 'repositories' });
  };
  const shownError = action.error ? errorId : undefined;
  return (
    <section class="hub-card hub-form-card" aria-labelledby={`${ids}-signin-title`}>
      <h2 class="hub-title" id={`${ids}-signin-title`} ref={headingRef} tabIndex={-1}>
        Sign in
      </h2>
      <p class="hub-muted">
        The lesson account is <code>learner</code> with the password <code>layerlab-password</code>.
      </p>
      <form onSubmit={submit} data-hub-form="signin" noValidate>
        <Field label="Username" name="username" autoComplete="username" required value={username} onValue={setUsername} errorId={shownError} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required value={password} onValue={setPassword} errorId={shownError} />
        <FormError id={errorId} message={action.error} />
        <button type="submit" class="hub-button" disabled={action.busy}>
          Sign in
        </button>
      </form>
      <p>
        No account yet?{' '}
        <button type="button" class="hub-link" onClick={onSignUp}>
          Sign up
        </button>
      </p>
    </section>
  );
}

interface FieldProps {
  label: string;
  name: string;
  type?: 'email' | 'password';
  autoComplete: string;
  required?: boolean;
  value: string;
  onValue: (value: string) => void;
  /** The form error's id while one is shown: the field is then marked invalid and described by it. */
  errorId: string | undefined;
  /** A hint shown under the field, describing it. */
  hint?: { id: string; text: ComponentChildren };
}

/** A sign-in or sign-up form's text field: its label, the input, and a hint under it when there is one. */
function Field({ label, name, type, autoComplete, required, value, onValue, errorId, hint }: FieldProps) {
  const describedBy = [hint?.id, errorId].filter((id) => id !== undefined).join(' ');
  return (
    <>
      <label class="hub-field">
        <span>{label}</span>
        <input
          name={name}
          type={type}
          autoComplete={autoComplete}
          required={required}
          value={value}
          aria-invalid={errorId ? true : undefined}
          aria-describedby={describedBy || undefined}
          onInput={(event) => onValue(event.currentTarget.value)}
        />
      </label>
      {hint ? (
        <p class="hub-hint" id={hint.id}>
          {hint.text}
        </p>
      ) : null}
    </>
  );
}

function SignUp({ ids, session, headingRef, onDone, onSignIn }: HeadingProps & { ids: string; session: Session; onDone: () => void; onSignIn: () => void }) {
  const [email, setEmail] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(session);
  const errorId = `${ids}-signup-error`;
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const result = await action.run({ kind: 'signUp', username: username.trim(), password, ...(email.trim() ? { email: email.trim() } : {}) });
    if (!result) return;
    setSignIn(session, { username: result.username, password });
    onDone();
  };
  const shownError = action.error ? errorId : undefined;
  return (
    <section class="hub-card hub-form-card" aria-labelledby={`${ids}-signup-title`}>
      <h2 class="hub-title" id={`${ids}-signup-title`} ref={headingRef} tabIndex={-1}>
        Create your account
      </h2>
      <form onSubmit={submit} data-hub-form="signup" noValidate>
        <Field label="Email (optional)" name="email" type="email" autoComplete="email" value={email} onValue={setEmail} errorId={shownError} />
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          required
          value={username}
          onValue={setUsername}
          errorId={shownError}
          hint={{
            id: `${ids}-username-hint`,
            text: (
              <>
                4 to 30 lowercase letters and numbers. It becomes your namespace: <code>username/repository</code>.
              </>
            ),
          }}
        />
        <Field label="Password" name="password" type="password" autoComplete="new-password" required value={password} onValue={setPassword} errorId={shownError} hint={{ id: `${ids}-password-hint`, text: 'At least 9 characters, not easy to guess.' }} />
        <FormError id={errorId} message={action.error} />
        <button type="submit" class="hub-button" disabled={action.busy}>
          Sign up
        </button>
      </form>
      <p>
        Already have an account?{' '}
        <button type="button" class="hub-link" onClick={onSignIn}>
          Sign in
        </button>
      </p>
    </section>
  );
}

function SignInFirst({ headingRef, what, onSignIn }: HeadingProps & { what: string; onSignIn: () => void }) {
  return (
    <section class="hub-card">
      <Heading headingRef={headingRef}>Sign in required</Heading>
      <p>
        <button type="button" class="hub-link" onClick={onSignIn}>
          Sign in
        </button>{' '}
        to {what}.
      </p>
    </section>
  );
}

function NotFound({ headingRef, what, signedIn, back }: HeadingProps & { what: string; signedIn: boolean; back: () => void }) {
  return (
    <section class="hub-card">
      <Heading headingRef={headingRef}>Not found</Heading>
      <p>
        <code>{what}</code> is not here{signedIn ? '' : ', or it is private: sign in to see your own private repositories'}.
      </p>
      <button type="button" class="hub-link" onClick={back}>
        ← Back
      </button>
    </section>
  );
}

function VisibilityBadge({ visibility }: { visibility: 'public' | 'private' }) {
  return (
    <span class={`hub-badge hub-badge-${visibility}`} data-visibility={visibility}>
      <span aria-hidden="true">{visibility === 'private' ? '🔒' : '◯'}</span>
      {visibility === 'private' ? 'Private' : 'Public'}
    </span>
  );
}

function Repositories({
  data,
  signedIn,
  headingRef,
  session,
  credentials,
  open,
  onSignIn,
}: HeadingProps & { data: RegistryView; signedIn: boolean; session: Session; credentials: Credentials | undefined; open: (path: string) => void; onSignIn: () => void }) {
  const mine = data.repositories.filter((repository) => repository.owned);
  const others = data.repositories.filter((repository) => !repository.owned);
  const namespace = signedIn ? data.account?.username ?? 'learner' : 'learner';
  return (
    <section>
      <Heading headingRef={headingRef}>{signedIn ? 'Your repositories' : 'Repositories'}</Heading>
      {signedIn ? (
        mine.length ? (
          <RepositoryList repositories={mine} session={session} credentials={credentials} open={open} label="Your repositories" />
        ) : (
          <p class="view-empty">
            No repositories yet. Push one from the terminal: <code>docker tag alpine {namespace}/demo:1 &amp;&amp; docker push {namespace}/demo:1</code>
          </p>
        )
      ) : (
        <p>
          <button type="button" class="hub-link" onClick={onSignIn}>
            Sign in
          </button>{' '}
          to see your repositories, private ones included.
        </p>
      )}
      {others.length ? (
        <>
          <h3 class="hub-subtitle">{signedIn ? 'Public repositories of others' : 'Public repositories'}</h3>
          <RepositoryList repositories={others} session={session} credentials={credentials} open={open} label="Public repositories" />
        </>
      ) : null}
    </section>
  );
}

function lastPushed(repository: RegistryRepository): number | undefined {
  const times = repository.tags.map((tag) => tag.pushedAt).filter((time): time is number => time !== undefined);
  return times.length ? Math.max(...times) : undefined;
}

function RepositoryList({ repositories, session, credentials, open, label }: { repositories: RegistryRepository[]; session: Session; credentials: Credentials | undefined; open: (path: string) => void; label: string }) {
  return (
    <ul class="hub-list" aria-label={label} data-hub-repositories="">
      {repositories.map((repository) => {
        const pushed = lastPushed(repository);
        return (
          <li key={repository.path} class="hub-row" data-repository={repository.path}>
            <div class="hub-row-main">
              <button type="button" class="hub-link hub-repo-name" onClick={() => open(repository.path)}>
                {repository.path}
              </button>
              <span class="hub-muted">
                {repository.tags.length === 1 ? '1 tag' : `${repository.tags.length} tags`}
                {pushed !== undefined ? (
                  <>
                    {' · '}last pushed <When time={pushed} />
                  </>
                ) : null}
              </span>
            </div>
            <VisibilityBadge visibility={repository.visibility} />
            {repository.owned && credentials ? <VisibilitySwitch repository={repository} session={session} credentials={credentials} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

function VisibilitySwitch({ repository, session, credentials }: { repository: RegistryRepository; session: Session; credentials: Credentials }) {
  const action = useAction(session);
  const target = repository.visibility === 'public' ? 'private' : 'public';
  const errorId = `hub-visibility-error-${repository.path.replace(/[^a-z0-9]/gi, '-')}`;
  return (
    <span class="hub-switch">
      <button
        type="button"
        class="hub-button hub-button-quiet"
        disabled={action.busy}
        aria-describedby={action.error ? errorId : undefined}
        onClick={() => void action.run({ kind: 'setVisibility', credentials, repository: repository.path, visibility: target })}
      >
        Make {target}
        <span class="hub-visually-hidden"> ({repository.path})</span>
      </button>
      {action.error ? (
        <span class="hub-error" id={errorId} role="alert">
          {action.error}
        </span>
      ) : null}
    </span>
  );
}

function RepositoryPage({ ids, repository, session, credentials, headingRef, back }: HeadingProps & { ids: string; repository: RegistryRepository; session: Session; credentials: Credentials | undefined; back: () => void }) {
  const [full, setFull] = useState<Record<string, boolean>>({});
  return (
    <section data-hub-repository={repository.path}>
      <button type="button" class="hub-link hub-back" onClick={back}>
        ← Repositories
      </button>
      <div class="hub-repo-head">
        <Heading headingRef={headingRef}>{repository.path}</Heading>
        <VisibilityBadge visibility={repository.visibility} />
      </div>
      <p class="hub-muted">
        {repository.visibility === 'private'
          ? 'Only its owner sees and pulls it: an anonymous docker pull is refused as if it did not exist.'
          : 'Anyone may pull it, signed in or not.'}
      </p>
      <p>
        Pull it: <code>docker pull {repository.path}</code>
      </p>
      <h3 class="hub-subtitle" id={`${ids}-tags`}>
        Tags
      </h3>
      {repository.tags.length === 0 ? (
        <p class="view-empty">No tags.</p>
      ) : (
        <div class="hub-table-wrap">
          <table class="hub-table" aria-labelledby={`${ids}-tags`} data-hub-tags="">
            <thead>
              <tr>
                <th scope="col">Tag</th>
                <th scope="col">Digest</th>
                <th scope="col">Compressed size</th>
                <th scope="col">Last pushed</th>
              </tr>
            </thead>
            <tbody>
              {repository.tags.map((tag) => (
                <tr key={tag.tag} data-tag={tag.tag}>
                  <th scope="row">
                    <code>{tag.tag}</code>
                  </th>
                  <td>
                    <code class="hub-digest" id={`${ids}-digest-${tag.tag}`}>
                      {full[tag.tag] ? tag.digest : shortDigest(tag.digest)}
                    </code>{' '}
                    <button
                      type="button"
                      class="hub-link hub-small"
                      aria-expanded={full[tag.tag] ? true : false}
                      aria-controls={`${ids}-digest-${tag.tag}`}
                      onClick={() => setFull((previous) => ({ ...previous, [tag.tag]: !previous[tag.tag] }))}
                    >
                      {full[tag.tag] ? 'Short' : 'Full digest'}
                      <span class="hub-visually-hidden"> of {tag.tag}</span>
                    </button>
                  </td>
                  <td>{dockerSize(tag.size)}</td>
                  <td>{tag.pushedAt === undefined ? '—' : <When time={tag.pushedAt} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {repository.owned && credentials ? (
        <>
          <h3 class="hub-subtitle">Visibility</h3>
          <p>
            This repository is <strong>{repository.visibility}</strong>. <VisibilitySwitch repository={repository} session={session} credentials={credentials} />
          </p>
        </>
      ) : null}
    </section>
  );
}

function Settings({ ids, session, credentials, tokens, headingRef }: HeadingProps & { ids: string; session: Session; credentials: Credentials; tokens: RegistryToken[] }) {
  const [description, setDescription] = useState('');
  const [scope, setScope] = useState<TokenScope>('read-write-delete');
  const [created, setCreated] = useState<{ token: string; description: string } | undefined>(undefined);
  const [copied, setCopied] = useState('');
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  const create = useAction(session);
  const revoke = useAction(session);
  const tokenField = useRef<HTMLInputElement>(null);
  const createdHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (created) createdHeading.current?.focus();
  }, [created]);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const result = await create.run({ kind: 'createToken', credentials, description, scope });
    if (!result) return;
    setCreated({ token: result.token, description: result.description });
    setCopied('');
    setDescription('');
  };
  const copy = async (): Promise<void> => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied('Copied to the clipboard.');
    } catch {
      tokenField.current?.select();
      setCopied('The clipboard is not available here: the token is selected, press Ctrl+C (⌘C) to copy it.');
    }
  };
  const errorId = `${ids}-token-error`;
  const revokeErrorId = `${ids}-revoke-error`;
  return (
    <section data-hub-settings="">
      <Heading headingRef={headingRef}>Account settings</Heading>
      <h3 class="hub-subtitle" id={`${ids}-tokens-title`}>
        Personal access tokens
      </h3>
      <p class="hub-muted">
        Use a token instead of your password with <code>docker login -u {credentials.username}</code>: paste it at the <code>Password:</code> prompt. Revoke it and it stops working.
      </p>

      {created ? (
        <div class="hub-card hub-created" data-hub-new-token="">
          <h4 class="hub-created-title" ref={createdHeading} tabIndex={-1}>
            Copy your access token “{created.description}”
          </h4>
          <p class="hub-warning" id={`${ids}-once`}>
            <span aria-hidden="true">⚠ </span>
            <strong>Warning:</strong> this is the only time the token is shown. Copy it now: it won’t be shown again.
          </p>
          <div class="hub-token-row">
            <label class="hub-visually-hidden" for={`${ids}-new-token`}>
              New access token
            </label>
            <input id={`${ids}-new-token`} ref={tokenField} class="hub-token" readOnly value={created.token} aria-describedby={`${ids}-once`} data-hub-token="" onFocus={(event) => event.currentTarget.select()} />
            <button type="button" class="hub-button" onClick={() => void copy()}>
              Copy
            </button>
          </div>
          <p class="hub-status" role="status" aria-live="polite">
            {copied}
          </p>
          <button type="button" class="hub-button hub-button-quiet" onClick={() => setCreated(undefined)}>
            Done, I copied it
          </button>
        </div>
      ) : (
        <form class="hub-card hub-token-form" onSubmit={submit} data-hub-form="token" noValidate aria-labelledby={`${ids}-new-title`}>
          <h4 id={`${ids}-new-title`}>Generate a new token</h4>
          <label class="hub-field">
            <span>Access token description</span>
            <input name="description" required maxLength={100} value={description} aria-invalid={create.error ? true : undefined} aria-describedby={create.error ? errorId : undefined} onInput={(event) => setDescription(event.currentTarget.value)} />
          </label>
          <label class="hub-field">
            <span>Access permissions</span>
            <select name="scope" value={scope} onChange={(event) => setScope(event.currentTarget.value as TokenScope)}>
              {SCOPES.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
          <FormError id={errorId} message={create.error} />
          <button type="submit" class="hub-button" disabled={create.busy}>
            Generate
          </button>
        </form>
      )}

      <FormError id={revokeErrorId} message={revoke.error} />
      {tokens.length === 0 ? (
        <p class="view-empty">No access tokens yet.</p>
      ) : (
        <div class="hub-table-wrap">
          <table class="hub-table" aria-labelledby={`${ids}-tokens-title`} data-hub-tokens="">
            <thead>
              <tr>
                <th scope="col">Description</th>
                <th scope="col">Scope</th>
                <th scope="col">Token</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="hub-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...tokens].reverse().map((token) => (
                <tr key={token.id} data-token-id={token.id} data-token-description={token.description} data-revoked={token.revoked ? 'true' : 'false'}>
                  <th scope="row">{token.description || <span class="hub-muted">(no description)</span>}</th>
                  <td>{SCOPES.find((option) => option.value === token.scope)?.label ?? token.scope}</td>
                  <td>
                    <code>{token.masked}</code>
                  </td>
                  <td>{token.createdAt ? <When time={token.createdAt} /> : '—'}</td>
                  <td>
                    <span class={`hub-badge ${token.revoked ? 'hub-badge-revoked' : 'hub-badge-active'}`}>
                      <span aria-hidden="true">{token.revoked ? '✕' : '✓'}</span>
                      {token.revoked ? 'Revoked' : 'Active'}
                    </span>
                  </td>
                  <td>
                    {token.revoked ? null : confirming === token.id ? (
                      <span class="hub-confirm" role="group" aria-label={`Revoke ${token.description || 'this token'}?`}>
                        <span>Revoke? Logins with it will fail.</span>{' '}
                        <button
                          type="button"
                          class="hub-button hub-button-danger"
                          disabled={revoke.busy}
                          aria-describedby={revoke.error ? revokeErrorId : undefined}
                          onClick={async () => {
                            const result = await revoke.run({ kind: 'revokeToken', credentials, tokenId: token.id });
                            if (result) setConfirming(undefined);
                          }}
                        >
                          Yes, revoke
                          <span class="hub-visually-hidden"> {token.description}</span>
                        </button>{' '}
                        <button type="button" class="hub-button hub-button-quiet" onClick={() => setConfirming(undefined)}>
                          Cancel
                        </button>
                      </span>
                    ) : (
                      <button type="button" class="hub-button hub-button-quiet" onClick={() => setConfirming(token.id)}>
                        Revoke
                        <span class="hub-visually-hidden"> {token.description}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Explore({ ids, data, headingRef, open }: HeadingProps & { ids: string; data: RegistryView; open: (name: string) => void }) {
  const [filter, setFilter] = useState('');
  const term = filter.trim().toLowerCase();
  const images = data.official.filter((image) => !term || image.name.includes(term) || image.description.toLowerCase().includes(term));
  return (
    <section>
      <Heading headingRef={headingRef}>Official images</Heading>
      <label class="hub-field hub-search">
        <span>Search official images</span>
        <input type="search" value={filter} aria-controls={`${ids}-official`} onInput={(event) => setFilter(event.currentTarget.value)} />
      </label>
      <p class="hub-muted" role="status" aria-live="polite">
        {images.length === 1 ? '1 image' : `${images.length} images`}
      </p>
      <ul class="hub-list" id={`${ids}-official`} aria-label="Official images" data-hub-official="">
        {images.map((image) => (
          <li key={image.name} class="hub-row" data-official={image.name}>
            <div class="hub-row-main">
              <button type="button" class="hub-link hub-repo-name" onClick={() => open(image.name)}>
                {image.name}
              </button>
              <span class="hub-muted">{image.description}</span>
            </div>
            <span class="hub-badge hub-badge-official">
              <span aria-hidden="true">✓</span>Official image
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function OfficialPage({ image, headingRef, back }: HeadingProps & { image: RegistryView['official'][number]; back: () => void }) {
  return (
    <section data-hub-official-image={image.name}>
      <button type="button" class="hub-link hub-back" onClick={back}>
        ← Official images
      </button>
      <div class="hub-repo-head">
        <Heading headingRef={headingRef}>{image.name}</Heading>
        <span class="hub-badge hub-badge-official">
          <span aria-hidden="true">✓</span>Official image
        </span>
      </div>
      <p>{image.description}</p>
      <p>
        Pull it: <code>docker pull {image.name}</code>
      </p>
      <h3 class="hub-subtitle">Tags</h3>
      <ul class="hub-tags" aria-label={`Tags of ${image.name}`}>
        {image.tags.map((tag) => (
          <li key={tag}>
            <code>{tag}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A time as "3 minutes ago", the exact time on hover and for assistive technology. */
function When({ time }: { time: number }) {
  const date = new Date(time);
  return (
    <time dateTime={date.toISOString()} title={date.toLocaleString()}>
      {ago(time)}
    </time>
  );
}

function ago(time: number): string {
  const seconds = Math.max(0, Math.round((Date.now() - time) / 1000));
  if (seconds < 45) return 'a few seconds ago';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes === 1 ? 'a minute ago' : `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return hours === 1 ? 'an hour ago' : `${hours} hours ago`;
  const days = Math.round(hours / 24);
  return days === 1 ? 'a day ago' : `${days} days ago`;
}

/** A form's error, announced, tied to its fields by `id` (their aria-describedby); the sign is decoration. */
function FormError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="hub-error" id={id} role="alert">
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}
