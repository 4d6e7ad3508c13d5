import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { Change, Changeset, Node } from './types';

/**
 * A changeset as plain JSON, for engine snapshots: one tuple per path.
 * File bytes are hex; generated files keep their size and seed.
 */
export type SerializedChange =
  | [path: string, type: 'w']
  | [path: string, type: 'd', mode: number, uid: number, gid: number, mtime: number, opaque: boolean]
  | [path: string, type: 'f', mode: number, uid: number, gid: number, mtime: number, hex: string]
  | [path: string, type: 'g', mode: number, uid: number, gid: number, mtime: number, size: number, seed: string]
  | [path: string, type: 'l' | 'h', mode: number, uid: number, gid: number, mtime: number, target: string];

export function serializeChangeset(changeset: Changeset): SerializedChange[] {
  return [...changeset].map(([path, change]): SerializedChange => {
    if (change.type === 'whiteout') return [path, 'w'];
    const head = [change.mode, change.uid, change.gid, change.mtime] as const;
    switch (change.type) {
      case 'directory':
        return [path, 'd', ...head, change.opaque === true];
      case 'file':
        return change.content.kind === 'bytes' ? [path, 'f', ...head, bytesToHex(change.content.bytes)] : [path, 'g', ...head, change.content.size, change.content.seed];
      case 'symlink':
        return [path, 'l', ...head, change.target];
      case 'hardlink':
        return [path, 'h', ...head, change.target];
    }
  });
}

export class InvalidSnapshotError extends Error {}

/** Reads a serialized changeset back, refusing anything malformed with the path at fault. */
export function deserializeChangeset(value: unknown, where: string): Changeset {
  if (!Array.isArray(value)) throw new InvalidSnapshotError(`${where}: expected a list of entries`);
  const changes = new Map<string, Change>();
  for (const entry of value as unknown[]) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !entry[0].startsWith('/')) throw new InvalidSnapshotError(`${where}: malformed entry ${JSON.stringify(entry)?.slice(0, 80)}`);
    const [path, type, mode, uid, gid, mtime, a, b] = entry as [string, unknown, unknown, unknown, unknown, unknown, unknown, unknown];
    if (type === 'w') {
      changes.set(path, { type: 'whiteout' });
      continue;
    }
    if (![mode, uid, gid, mtime].every((n) => typeof n === 'number' && Number.isFinite(n))) throw new InvalidSnapshotError(`${where}: ${path}: bad metadata`);
    const metadata = { mode: mode as number, uid: uid as number, gid: gid as number, mtime: mtime as number };
    let node: Node;
    if (type === 'd') node = { type: 'directory', ...metadata, ...(a === true ? { opaque: true } : {}) };
    else if (type === 'f' && typeof a === 'string' && /^([0-9a-f]{2})*$/.test(a)) node = { type: 'file', content: { kind: 'bytes', bytes: hexToBytes(a) }, ...metadata };
    else if (type === 'g' && typeof a === 'number' && a >= 0 && typeof b === 'string') node = { type: 'file', content: { kind: 'generated', size: a, seed: b }, ...metadata };
    else if ((type === 'l' || type === 'h') && typeof a === 'string') node = type === 'l' ? { type: 'symlink', target: a, ...metadata } : { type: 'hardlink', target: a, ...metadata };
    else throw new InvalidSnapshotError(`${where}: ${path}: unknown entry type ${String(type)}`);
    changes.set(path, node);
  }
  return changes;
}
