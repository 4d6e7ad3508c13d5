/**
 * The checkpoint predicate language: what a lesson's checkpoint or a command
 * question asks of the engine's state, as plain JSON (so lesson frontmatter
 * and MDX props can declare it, and it crosses postMessage as it is). Every
 * predicate looks at the state only — never at the terminal's text — so any
 * way of reaching the goal passes. See README.md, "Checkpoints".
 */
import type { ContainerStatus } from '../container/container';

/** An image as `docker run` takes it: a reference (`app:1`, `alpine` = `alpine:latest`) or an ID (prefix). */
type ImageName = string;

/** How many: exactly `count`, or within `atLeast`/`atMost` (at least one of the three is given). */
export interface Count {
  count?: number;
  atLeast?: number;
  atMost?: number;
}

/** The kind of change a container's writable layer made to a path, as `docker diff` shows it (A, C, D). */
export type PathChangeKind = 'added' | 'changed' | 'deleted';

/** A build step: by its number in the progress line (`[2/4] COPY …` is step 2), or by the text of its instruction. */
export interface StepSelector {
  step?: number;
  /** Part of the step's instruction (`apt-get install`), case-sensitive. */
  instruction?: string;
}

export type Check =
  /** The image is on this machine (`docker images` lists it). */
  | { kind: 'imageExists'; image: ImageName }
  /** The reference `tag` names the same image as `image` (`docker tag nginx myrepo/nginx:v1`). */
  | { kind: 'imageHasTag'; image: ImageName; tag: string }
  /** The number of layers in the image's RootFS (metadata-only history steps add none). */
  | ({ kind: 'imageLayers'; image: ImageName } & Count)
  /** A path exists in the image's final filesystem (after every layer and whiteout). */
  | { kind: 'imageHasFile'; image: ImageName; path: string }
  /** The image's size (`docker images` SIZE) is below `bytes`. */
  | { kind: 'imageSizeBelow'; image: ImageName; bytes: number }
  /** The image's containers run as a user other than root (Config.User resolved through its /etc/passwd). */
  | { kind: 'imageRunsAsNonRoot'; image: ImageName }
  /** The image has (`present: true`) or has not (`false`) a /bin/sh to run. */
  | { kind: 'imageHasShell'; image: ImageName; present: boolean }
  /** A container (by name or ID prefix, or any made from `image`) exists, in `state` (`any` when not given). */
  | { kind: 'containerExists'; container?: string; image?: ImageName; state?: ContainerStatus | 'any' }
  /** A container's writable layer holds a change to `path` (of kind `change`, any kind when not given). */
  | { kind: 'containerChanged'; container?: string; image?: ImageName; path: string; change?: PathChangeKind }
  /** ~/.docker/config.json has credentials for the registry (`docker.io`, `ghcr.io`…). */
  | { kind: 'loggedIn'; registry: string }
  /** A repository on a registry (`learner/app`, `ghcr.io/learner/app`) has the tag, with the visibility if given. */
  | { kind: 'repositoryHasTag'; repository: string; tag: string; visibility?: 'public' | 'private' }
  /** Two tags of a repository on a registry point at the same manifest (same digest): `latest` rolled back to `v1`. */
  | { kind: 'repositoryTagsMatch'; repository: string; tag: string; sameAs: string }
  /** How many dangling images there are (untagged, and no other image's parent: what `docker images -f dangling=true` lists). */
  | ({ kind: 'danglingImages' } & Count)
  /** The last finished build of the session was made by this builder (`DOCKER_BUILDKIT=0` selects the legacy one), optionally tagged `image`. */
  | { kind: 'lastBuildUsed'; builder: 'buildkit' | 'legacy'; image?: ImageName }
  /** The last build of the session took the step from the cache (`cached: true`) or ran it (`false`). */
  | ({ kind: 'buildStepCached'; cached: boolean } & StepSelector)
  /** The last build's first step that ran (not cached) is this one; `step: null`: every step came from the cache. */
  | { kind: 'buildFirstMiss'; step: number | null }
  /** A file in the learner's home (`notes.txt`, `app/Dockerfile`) exists, containing `contains` / matching `matches` if given. */
  | { kind: 'homeFile'; path: string; contains?: string; matches?: string }
  | { kind: 'all'; checks: Check[] }
  | { kind: 'any'; checks: Check[] }
  | { kind: 'not'; check: Check };

export type CheckKind = Check['kind'];

/** What a check found: whether it passed, and in plain words what was checked and what was there. */
export interface CheckResult {
  passed: boolean;
  explanation: string;
}

/** A check declared wrongly (by a lesson): the message names the field. */
export class InvalidCheckError extends Error {
  override name = 'InvalidCheckError';
}
