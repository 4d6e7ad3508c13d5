import type { Engine } from '../daemon/engine';
import type { Digest } from '../digest/digest';
import { familiarName, type Reference } from '../reference/reference';

/** One image as the daemon's image list returns it (API ImageSummary). */
export interface ImageSummary {
  id: Digest;
  /** Canonical `name:tag` strings, sorted. */
  repoTags: Reference[];
  repoDigests: Reference[];
  /** Milliseconds since the epoch; 0 when the config has none (the classic daemon then reports Unix 0). */
  created: number;
  size: number;
  labels: Record<string, string>;
  /** Whether another local image names this one as its parent. */
  hasChildren: boolean;
}


/**
 * The daemon's image list (classic store): every image, newest first; with
 * `all` false, intermediate images (untagged parents of other images) are
 * left out, dangling ones stay, as in Engine 28.
 */
export function listImages(engine: Engine, all: boolean): ImageSummary[] {
  const summaries = engine.images.all().map((image): ImageSummary => {
    const references = engine.references.references(image.id);
    return {
      id: image.id,
      repoTags: references.filter((ref) => ref.tag !== undefined && ref.digest === undefined),
      repoDigests: references.filter((ref) => ref.digest !== undefined),
      created: image.config.created ? Date.parse(image.config.created) : 0,
      size: engine.sizeOf(image),
      labels: image.config.config?.Labels ?? {},
      hasChildren: engine.images.children(image.id).length > 0,
    };
  });
  return summaries
    .filter((summary) => all || summary.repoTags.length > 0 || summary.repoDigests.length > 0 || !summary.hasChildren)
    .sort((a, b) => b.created - a.created);
}

/** A row of `docker images`: docker/cli expands each image into one row per repository and tag. */
export interface ImageRow {
  repository: string;
  tag: string;
  digest: string;
  summary: ImageSummary;
}

/** docker/cli's formatter/image.go: rows per repo:tag, digest-only rows, and `<none>` for dangling images. */
export function imageRows(summary: ImageSummary, showDigests: boolean): ImageRow[] {
  const rows: ImageRow[] = [];
  const digestsByRepo = new Map<string, string[]>();
  for (const ref of summary.repoDigests) {
    const repo = familiarName(ref);
    digestsByRepo.set(repo, [...(digestsByRepo.get(repo) ?? []), ref.digest ?? '']);
  }
  const tagsByRepo = new Map<string, string[]>();
  for (const ref of summary.repoTags) {
    const repo = familiarName(ref);
    tagsByRepo.set(repo, [...(tagsByRepo.get(repo) ?? []), ref.tag ?? '']);
  }
  for (const [repo, tags] of [...tagsByRepo].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const digests = showDigests ? (digestsByRepo.get(repo) ?? []) : [];
    digestsByRepo.delete(repo);
    for (const tag of tags) {
      if (digests.length === 0) rows.push({ repository: repo, tag, digest: '<none>', summary });
      else for (const digest of digests) rows.push({ repository: repo, tag, digest, summary });
    }
  }
  for (const [repo, digests] of [...digestsByRepo].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (showDigests) for (const digest of digests) rows.push({ repository: repo, tag: '<none>', digest, summary });
    else rows.push({ repository: repo, tag: '<none>', digest: '<none>', summary });
  }
  if (rows.length === 0) rows.push({ repository: '<none>', tag: '<none>', digest: '<none>', summary });
  return rows;
}

