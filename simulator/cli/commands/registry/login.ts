import type { Credentials } from '../../../registry/accounts';
import { INDEX_SERVER } from '../../../registry/registries';
import type { CommandContext } from '../../../shell/command';
import type { DockerCommand } from '../../command';
import { convertToHostname, dockerConfigPath, loadDockerConfig, saveDockerConfig, type DockerConfig } from '../../config-file';
import { reportError } from '../../errors';
import { infoNote } from '../../format/note';
import { EngineError } from '../../../errdefs/errors';
import { abortable } from '../../../session/clock';
import { readStandardInput } from '../../stdin';

// docker/cli cli/command/registry.go
const REGISTER_SUGGEST =
  "Log in with your Docker ID or email address to push and pull images from Docker Hub. If you don't have a Docker ID, head over to https://hub.docker.com/ to create one.";
const PAT_SUGGEST =
  'You can log in with your password or a Personal Access Token (PAT). Using a limited-scope PAT grants better security and is required for organizations using SSO. Learn more at https://docs.docker.com/go/access-tokens/';
// cli/config/credentials/file_store.go, printed with Fprintln: a blank line before and after.
const unencryptedWarning = (path: string): string =>
  `\nWARNING! Your credentials are stored unencrypted in '${path}'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n`;

/** An error login.go returns: docker/cli prints it on stderr and exits 1. */
class LoginError extends Error {}

/** docker login [OPTIONS] [SERVER] — docker/cli 28's cli/command/registry/login.go, with the web login unavailable offline. */
export const loginCommand: DockerCommand = {
  name: 'login',
  use: '[OPTIONS] [SERVER]',
  short: 'Authenticate to a registry',
  long: 'Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.',
  category: { group: 'common', top: 8 },
  flags: [
    { name: 'password', shorthand: 'p', type: 'string', usage: 'Password or Personal Access Token (PAT)' },
    { name: 'password-stdin', type: 'bool', usage: 'Take the Password or Personal Access Token (PAT) from stdin' },
    { name: 'username', shorthand: 'u', type: 'string', usage: 'Username' },
  ],
  args: { kind: 'max', count: 1 },
  async run(context, flags, [server = '']) {
    try {
      const status = await login(context, {
        user: flags.get('username') as string | undefined,
        password: flags.get('password') as string | undefined,
        passwordStdin: flags.get('password-stdin') === true,
        server,
      });
      await context.stdout.write(`${status}\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof LoginError)) return reportError(context, error);
      await context.stderr.write(`${error.message}\n`);
      return 1;
    }
  },
};

interface LoginOptions {
  /** Undefined when the flag was not given (pflag's Changed). */
  user: string | undefined;
  password: string | undefined;
  passwordStdin: boolean;
  server: string;
}

async function login(context: CommandContext, flags: LoginOptions): Promise<string> {
  // verifyLoginFlags
  if (flags.passwordStdin) {
    if (flags.password !== undefined) throw new LoginError('conflicting options: cannot specify both --password and --password-stdin');
    if (flags.user === undefined) throw new LoginError('the --password-stdin option requires --username to be set');
  }
  if (flags.user === '') throw new LoginError('username is empty');
  if (flags.password === '') throw new LoginError('password is empty');
  // verifyLoginOptions
  const user = flags.user ?? '';
  let password = flags.password ?? '';
  if (password !== '') await context.stderr.write('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
  if (flags.passwordStdin) password = (await readStandardInput(context)).replace(/\n$/, '').replace(/\r$/, '');

  const serverAddress = flags.server !== '' && flags.server !== 'docker.io' ? flags.server : INDEX_SERVER;
  const isDefault = serverAddress === INDEX_SERVER;
  const key = isDefault ? serverAddress : convertToHostname(serverAddress);
  const { config } = loadDockerConfig(context);
  const stored = user === '' && password === '' ? storedLogin(config, key) : undefined;
  if (stored?.username && stored.password) {
    const status = await loginWithStoredCredentials(context, config, key, stored);
    if (status !== undefined) return status;
  }
  return loginUser(context, config, { username: user, password }, stored?.username ?? '', key);
}

/** fileStore.Get: the key itself, or a key that is a URL of the same host. */
function storedLogin(config: DockerConfig, key: string): Credentials | undefined {
  return config.auths.get(key) ?? [...config.auths].find(([stored]) => convertToHostname(stored) === key)?.[1];
}

/** login.go's loginWithStoredCredentials: undefined when the stored ones no longer work (then the prompts follow). */
async function loginWithStoredCredentials(context: CommandContext, config: DockerConfig, key: string, stored: Credentials): Promise<string | undefined> {
  await context.stderr.write(`Authenticating with existing credentials... [Username: ${stored.username}]\n`);
  await context.stderr.write(infoNote("To login with a different account, run 'docker logout' followed by 'docker login'", context.tty));
  await context.stderr.write('\n\n');
  try {
    const status = context.engine.registry.login(key, stored);
    await storeCredentials(context, config, key, stored);
    return status;
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    await context.stderr.write(error.kind === 'unauthorized' ? 'Stored credentials invalid or expired\n' : `Login did not succeed, error: Error response from daemon: ${error.message}\n`);
    return undefined;
  }
}

/** login.go's loginUser and command.PromptUserForCredentials. */
async function loginUser(context: CommandContext, config: DockerConfig, given: Credentials, defaultUsername: string, key: string): Promise<string> {
  const isDefault = key === INDEX_SERVER;
  if ((given.username === '' || given.password === '') && context.stdinTerminal === false) {
    throw new LoginError('Error: Cannot perform an interactive login from a non TTY device');
  }
  if (isDefault && given.username === '' && given.password === '' && !isTrue(context.shell.env.get('DOCKER_CLI_DISABLE_OAUTH_LOGIN'))) {
    // The device-code flow needs login.docker.com, which the simulated machine cannot reach.
    await context.stderr.write('Failed to start web-based login - falling back to command line login...\n\n');
  }
  let username = given.username.trim();
  if (username === '') {
    if (isDefault) {
      await context.stdout.write(`${REGISTER_SUGGEST}\n`);
      if (hintsEnabled(context)) await context.stdout.write(`${PAT_SUGGEST}\n\n`);
    }
    const typed = await ask(context, defaultUsername === '' ? 'Username: ' : `Username (${defaultUsername}): `, true);
    username = typed === '' ? defaultUsername : typed;
    if (username === '') throw new LoginError('Error: Non-null Username Required');
  }
  let password = given.password.trim();
  if (password === '') {
    if (isDefault) {
      // aec.Underline is applied whether or not stderr is a terminal.
      await context.stderr.write(infoNote('A Personal Access Token (PAT) can be used instead.\nTo create a PAT, visit \x1b[4mhttps://app.docker.com/settings\x1b[0m\n\n', context.tty));
    }
    password = await ask(context, 'Password: ', false);
    await context.stdout.write('\n');
    if (password === '') throw new LoginError('Error: Password Required');
  }
  const credentials = { username, password };
  const status = context.engine.registry.login(key, credentials);
  await storeCredentials(context, config, key, credentials);
  return status;
}

/**
 * prompt.ReadInput: the line, trimmed. At end of input (Ctrl-D) docker/cli's
 * prompt waits on until the command is interrupted; without a person at a
 * terminal (a transcript, a piped `sim`) that wait would never end, so there
 * the read fails as the CLI's older readInput did.
 */
async function ask(context: CommandContext, prompt: string, echo: boolean): Promise<string> {
  const line = await context.readLine(prompt, undefined, echo ? undefined : { echo: false });
  if (line !== null) return line.trim();
  if (context.tty) await abortable(new Promise<never>(() => undefined), context.signal);
  throw new LoginError('error while reading input: EOF');
}

/** The file store's Store: config.json is written only when the login changed, and the warning printed only then. */
async function storeCredentials(context: CommandContext, config: DockerConfig, key: string, credentials: Credentials): Promise<void> {
  const old = config.auths.get(key);
  if (old && old.username === credentials.username && old.password === credentials.password) return;
  config.auths.set(key, credentials);
  saveDockerConfig(context, config);
  await context.stderr.write(unencryptedWarning(dockerConfigPath(context)));
}

/** Go's strconv.ParseBool, true values. */
function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value);
}

/** docker/cli's hints.Enabled: on unless DOCKER_CLI_HINTS parses as false. */
function hintsEnabled(context: CommandContext): boolean {
  const value = context.shell.env.get('DOCKER_CLI_HINTS');
  return value === undefined || value === '' || !['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value);
}
