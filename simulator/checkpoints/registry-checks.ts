/** Checks of the learner's logins (~/.docker/config.json) and of what registries hold. */
import { credentialsFor, dockerConfigPath, loadDockerConfig } from '../cli/config-file';
import type { RepositorySummary } from '../registry/hosted';
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

/** The repository a check names, on its registry; or the failed result saying why there is none. */
function findRepository(context: CheckContext, name: string): { domain: string; path: string; repository: RepositorySummary } | CheckResult {
  let domain: string;
  let path: string;
  try {
    ({ domain, path } = parseNormalizedNamed(name));
  } catch (error) {
    return fail(`${name} is not a repository name (${error instanceof Error ? error.message : String(error)})`);
  }
  let repositories;
  try {
    repositories = context.engine.registry.repositories(domain);
  } catch {
    return fail(`there is no registry ${domain}`);
  }
  const repository = repositories.find((candidate) => candidate.path === path);
  return repository ? { domain, path, repository } : fail(`${domain} has no repository ${path} yet`);
}

export function evaluateRepositoryHasTag(context: CheckContext, check: Extract<Check, { kind: 'repositoryHasTag' }>): CheckResult {
  const located = findRepository(context, check.repository);
  if ('passed' in located) return located;
  const { domain, path, repository } = located;
  const where = `${domain}/${path}`;
  if (!repository.tags.includes(check.tag)) return fail(`${where} has no tag ${check.tag} (${repository.tags.length === 0 ? 'no tags' : `tags: ${repository.tags.join(', ')}`})`);
  const found = `${where} has tag ${check.tag} and is ${repository.visibility}`;
  return check.visibility === undefined || check.visibility === repository.visibility ? pass(found) : fail(`${found}, not ${check.visibility}`);
}

/** Two tags name the same image on the registry when they point at the same manifest: what a pull of either would get. */
export function evaluateRepositoryTagsMatch(context: CheckContext, check: Extract<Check, { kind: 'repositoryTagsMatch' }>): CheckResult {
  const located = findRepository(context, check.repository);
  if ('passed' in located) return located;
  const { domain, path } = located;
  const tags = context.engine.registry.tagSummaries(domain, path);
  const where = `${domain}/${path}`;
  const digestOf = (tag: string) => tags.find((summary) => summary.tag === tag)?.digest;
  const first = digestOf(check.tag);
  const second = digestOf(check.sameAs);
  const missing = [first === undefined ? check.tag : '', second === undefined && check.sameAs !== check.tag ? check.sameAs : ''].filter((tag) => tag !== '');
  if (missing.length > 0) return fail(`${where} has no tag ${missing.join(' or ')} (${tags.length === 0 ? 'no tags' : `tags: ${tags.map((summary) => summary.tag).join(', ')}`})`);
  const short = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);
  if (first === second) return pass(`${where}:${check.tag} and :${check.sameAs} are the same image (manifest ${short(first as string)})`);
  return fail(`${where}:${check.tag} is manifest ${short(first as string)}, but :${check.sameAs} is ${short(second as string)}: they are different images`);
}
