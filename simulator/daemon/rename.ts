import type { Container } from '../container/container';
import { conflict, invalidParameter } from '../errdefs/errors';
import type { Engine } from './engine';

/** moby's names.RestrictedNameChars and RestrictedNamePattern. */
const VALID_NAME_CHARS = '[a-zA-Z0-9][a-zA-Z0-9_.-]';
const VALID_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/**
 * docker rename (moby daemon/rename.go): finds the container by ID, ID prefix
 * or name, then reserves the new name, with the daemon's words for each
 * refusal. The new name is canonicalised with a leading '/' before it is
 * checked, which is why errors show it as `/name`.
 */
export function renameContainer(engine: Engine, oldName: string, newName: string): Container {
  if (oldName === '' || newName === '') throw invalidParameter('Neither old nor new names may be empty');
  const container = engine.containers.get(oldName);
  const canonical = newName.startsWith('/') ? newName : `/${newName}`;
  if (`/${container.name}` === canonical) throw invalidParameter('Renaming a container with the same name as its current name');
  const bare = canonical.slice(1);
  if (!VALID_NAME.test(bare)) {
    throw invalidParameter(`Error when allocating new name: Invalid container name (${canonical}), only ${VALID_NAME_CHARS} are allowed`);
  }
  const holder = engine.containers.list().find((candidate) => candidate.name === bare);
  if (holder) {
    throw conflict(`Error when allocating new name: Conflict. The container name "${canonical}" is already in use by container "${holder.id}". You have to remove (or rename) that container to be able to reuse that name.`);
  }
  container.name = bare;
  return container;
}
