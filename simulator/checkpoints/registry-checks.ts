/** Checks of the learner's logins (~/.docker/config.json) and of what registries hold. */
import { credentialsFor, dockerConfigPath, loadDockerConfig } from '../cli/config-file';
import { registryHostOf } from '../registry/registries';
import { parseNormalizedNamed } from '../reference/reference';
import { tildePath } from '../host/paths';
import { fail, pass, type CheckContext } from './context';
import type { Check, CheckResult } from './types';

/** Logged in = config.json has credentials for the registry: exactly what the CLI would send (see config-file.ts). */
export function evaluateLoggedIn(context: CheckContext, check: Extract<Check, { kind: 'loggedIn' }>): CheckResult {
  const host = registryHostOf(check.registry);
  const file = tildePath(dockerConfigPath(context), context.shell.home);
  const { config, warning } = loadDockerConfig(context);
  const credentials = credentialsFor(config, host);
  if (credentials) return pass(`logged in to ${host} as ${credentials.username} (${file} has its entry)`);
  return fail(warning ? `${file} does not parse, so no login counts` : `${file} has no login for ${host}`);
}

export function evaluateRepositoryHasTag(context: CheckContext, check: Extract<Check, { kind: 'repositoryHasTag' }>): CheckResult {
  let domain: string;
  let path: string;
  try {
    ({ domain, path } = parseNormalizedNamed(check.repository));
  } catch (error) {
    return fail(`${check.repository} is not a repository name (${error instanceof Error ? error.message : String(error)})`);
  }
  let repositories;
  try {
    repositories = context.engine.registry.repositories(domain);
  } catch {
    return fail(`there is no registry ${domain}`);
  }
  const repository = repositories.find((candidate) => candidate.path === path);
  if (!repository) return fail(`${domain} has no repository ${path} yet`);
  const where = `${domain}/${path}`;
  if (!repository.tags.includes(check.tag)) return fail(`${where} has no tag ${check.tag} (${repository.tags.length === 0 ? 'no tags' : `tags: ${repository.tags.join(', ')}`})`);
  const found = `${where} has tag ${check.tag} and is ${repository.visibility}`;
  return check.visibility === undefined || check.visibility === repository.visibility ? pass(found) : fail(`${found}, not ${check.visibility}`);
}
