/** A file in the learner's home, with its content if asked: a Dockerfile written, a secret saved, data rescued. */
import { fileBytes } from '../archive/tar';
import { resolvePath, tildePath } from '../host/paths';
import { fail, pass, type CheckContext } from './context';
import type { Check, CheckResult } from './types';

export function evaluateHomeFile(context: CheckContext, check: Extract<Check, { kind: 'homeFile' }>): CheckResult {
  const { home } = context.shell;
  const path = resolvePath(home, check.path, home);
  const shown = tildePath(path, home);
  const node = context.host.get(path);
  if (!node) return fail(`there is no ${shown} yet`);
  if (node.type !== 'file') return fail(`${shown} is a ${node.type}, not a file`);
  if (check.contains === undefined && check.matches === undefined) return pass(`${shown} exists`);
  const text = new TextDecoder().decode(fileBytes(node.content));
  if (check.contains !== undefined && !text.includes(check.contains)) return fail(`${shown} does not contain ${JSON.stringify(check.contains)}`);
  if (check.matches !== undefined && !new RegExp(check.matches, 'm').test(text)) return fail(`${shown} does not match /${check.matches}/`);
  return pass(`${shown} has the expected content`);
}
