import { EngineError } from '../errdefs/errors';
import type { Container } from './container';

/** A name, ID or ID prefix matched no container. */
export class NoSuchContainerError extends EngineError {
  constructor(readonly reference: string) {
    super('notFound', `No such container: ${reference}`);
  }
}

/** An ID prefix matched several containers (moby's container view: InvalidParameter). */
export class AmbiguousContainerError extends EngineError {
  constructor(readonly reference: string) {
    super('invalidParameter', `multiple IDs found with provided prefix: ${reference}`);
  }
}

/**
 * Containers by ID, found by full ID, unique ID prefix or name (moby's
 * daemon.GetContainer order: exact ID, then name, then prefix).
 */
export class ContainerStore {
  private readonly containers = new Map<string, Container>();

  add(container: Container): void {
    this.containers.set(container.id, container);
  }

  delete(id: string): boolean {
    return this.containers.delete(id);
  }

  get(reference: string): Container {
    const found = this.find(reference);
    if (!found) throw new NoSuchContainerError(reference);
    return found;
  }

  find(reference: string): Container | undefined {
    const exact = this.containers.get(reference);
    if (exact) return exact;
    const name = reference.replace(/^\//, '');
    for (const container of this.containers.values()) if (container.name === name) return container;
    if (!/^[a-f0-9]+$/.test(reference)) return undefined;
    const matches = [...this.containers.values()].filter((container) => container.id.startsWith(reference));
    if (matches.length > 1) throw new AmbiguousContainerError(reference);
    return matches[0];
  }

  nameTaken(name: string): boolean {
    return [...this.containers.values()].some((container) => container.name === name);
  }

  /** Newest first, as `docker ps` lists them. */
  list(): Container[] {
    return [...this.containers.values()].sort((a, b) => b.created - a.created);
  }

  usingImage(image: string): Container[] {
    return this.list().filter((container) => container.image === image);
  }
}
