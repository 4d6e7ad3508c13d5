/**
 * The glossary (/glossary/): the course's terms, alphabetical, each with an
 * anchor id so that a lesson can link to it (`/glossary/#digest`). The test
 * keeps the ids unique and the list sorted.
 */
export interface GlossaryTerm {
  /** The anchor: lower-case words joined by "-". */
  id: string;
  term: string;
  definition: string;
  /** Ids of related terms. */
  see?: readonly string[];
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  {
    id: 'base-image',
    term: 'Base image',
    definition: "The image a Dockerfile starts from (its FROM line). Its layers become the first layers of every image built on it.",
    see: ['scratch', 'official-image'],
  },
  {
    id: 'build-cache',
    term: 'Build cache',
    definition:
      'The results of earlier build steps, kept by the builder. A step whose instruction and inputs (for COPY and ADD, the content of the files) are unchanged, after unchanged steps, is reused instead of run again; the first changed step and every step after it run.',
    see: ['buildkit', 'layer'],
  },
  {
    id: 'build-context',
    term: 'Build context',
    definition:
      "The files a build can see: the folder given to docker build (often \".\"), minus what .dockerignore excludes. COPY and ADD can only copy from it.",
  },
  {
    id: 'buildkit',
    term: 'BuildKit',
    definition: 'The builder Docker uses by default since Docker 23: it builds only the stages the target needs, runs independent steps in parallel and caches steps by their inputs.',
    see: ['legacy-builder', 'build-cache'],
  },
  {
    id: 'config',
    term: 'Config (image configuration)',
    definition:
      "The JSON document that describes an image: how to run it (Cmd, Entrypoint, Env, User, WorkingDir…), its history, and the diff IDs of its layers in order. Its sha256 digest is the image ID.",
    see: ['image-id', 'manifest', 'history'],
  },
  {
    id: 'container',
    term: 'Container',
    definition: "A process (or group of processes) started from an image, isolated from the rest of the machine, with the image's layers as its read-only filesystem and a writable layer of its own on top.",
    see: ['writable-layer', 'image'],
  },
  {
    id: 'dangling-image',
    term: 'Dangling image',
    definition: 'An image that no tag names any more, shown as <none>:<none>, typically left behind when a build or pull moves a tag to a newer image. docker image prune removes them.',
    see: ['tag'],
  },
  {
    id: 'diff-id',
    term: 'Diff ID',
    definition: "The sha256 digest of a layer's uncompressed tar; the image's config lists its layers by diff ID. A registry stores layers compressed, under a different digest.",
    see: ['digest', 'layer'],
  },
  {
    id: 'digest',
    term: 'Digest',
    definition:
      'A content address: the algorithm and the hash of some bytes, such as sha256:…. Change a single byte and the digest changes, so a digest always names exactly the same content. An image pulled by digest (name@sha256:…) is always the same image.',
    see: ['manifest', 'image-id'],
  },
  {
    id: 'distroless',
    term: 'Distroless image',
    definition:
      "An image with only an application's runtime dependencies (certificates, time zones, a C library…) and no shell or package manager, such as gcr.io/distroless/static. Smaller and with less to attack, but you cannot docker exec a shell into it.",
    see: ['scratch', 'multi-stage-build'],
  },
  {
    id: 'docker-engine',
    term: 'Docker Engine',
    definition: 'The server half of Docker (the daemon, dockerd): it stores images, runs containers and talks to registries. The docker command is a client that sends it requests.',
  },
  {
    id: 'dockerfile',
    term: 'Dockerfile',
    definition: 'A text file of instructions (FROM, RUN, COPY, ENV, CMD…) that docker build follows, in order, to make an image.',
    see: ['build-context'],
  },
  {
    id: 'history',
    term: 'History',
    definition:
      "The list, kept in an image's config, of the steps that made it, each with its instruction and whether it added a layer. docker history shows it, newest first; metadata-only steps (ENV, CMD…) show a size of 0B.",
    see: ['missing'],
  },
  {
    id: 'image',
    term: 'Image',
    definition: "A read-only template for containers: an ordered stack of filesystem layers plus a config that says how to run it. Images are identified by their image ID and named by tags.",
    see: ['layer', 'config', 'container'],
  },
  {
    id: 'image-id',
    term: 'Image ID',
    definition: "The sha256 digest of an image's config. docker images shows its first 12 hexadecimal digits. Two names with the same image ID are the same image.",
    see: ['config', 'digest'],
  },
  {
    id: 'layer',
    term: 'Layer',
    definition:
      'One set of filesystem changes (files added, changed or deleted), stored as a tar archive. Layers are read-only and shared: images built on the same base store its layers once.',
    see: ['union-filesystem', 'whiteout'],
  },
  {
    id: 'legacy-builder',
    term: 'Legacy builder',
    definition: 'The classic docker build, before BuildKit (DOCKER_BUILDKIT=0): it runs every instruction in order in a container of its own and keeps an intermediate image after each step.',
    see: ['buildkit'],
  },
  {
    id: 'manifest',
    term: 'Manifest',
    definition:
      "The JSON document a registry serves for an image: the digest of its config and the digests and sizes of its compressed layers. A manifest list (index) points to one manifest per platform; the digest of what the tag points to, list or manifest, is the image's repository digest (RepoDigest).",
    see: ['config', 'digest', 'registry'],
  },
  {
    id: 'missing',
    term: '<missing>',
    definition:
      'What docker history shows instead of an image ID for steps that were built elsewhere (pulled images) or by BuildKit: those steps have no local image of their own. It means nothing is missing from the image.',
    see: ['history'],
  },
  {
    id: 'multi-stage-build',
    term: 'Multi-stage build',
    definition:
      'A Dockerfile with several FROM lines, each starting a stage. A later stage copies only what it needs from an earlier one (COPY --from=build …), so compilers and build tools stay out of the final image.',
    see: ['distroless'],
  },
  {
    id: 'namespace',
    term: 'Namespace',
    definition: "The part of a repository's name before the slash: an account or organisation on a registry (learner in learner/app). Docker Hub's official images are in the library namespace.",
    see: ['repository', 'official-image'],
  },
  {
    id: 'official-image',
    term: 'Official image',
    definition: 'An image on Docker Hub curated and kept up to date by Docker and the upstream project, such as alpine, nginx or python, named without a namespace (library/ is implied).',
    see: ['namespace'],
  },
  {
    id: 'personal-access-token',
    term: 'Personal access token',
    definition:
      'A password substitute made on a registry\'s website (on Docker Hub, dckr_pat_…), with its own permissions (read, write, delete) and revocable on its own. Use it with docker login instead of your password.',
    see: ['registry'],
  },
  {
    id: 'reference',
    term: 'Reference',
    definition:
      'How you name an image: [registry/][namespace/]repository[:tag][@digest]. Docker fills in the gaps: alpine means docker.io/library/alpine:latest.',
    see: ['repository', 'tag', 'digest'],
  },
  {
    id: 'registry',
    term: 'Registry',
    definition: 'A server that stores and serves images by repository, tag and digest, such as Docker Hub (docker.io), GitHub (ghcr.io) or a registry of your own. docker pull downloads from one and docker push uploads to one.',
    see: ['repository', 'manifest'],
  },
  {
    id: 'repository',
    term: 'Repository',
    definition: 'A named collection of related images in a registry, told apart by tags: nginx or learner/app. The first column of docker images.',
    see: ['tag', 'namespace'],
  },
  {
    id: 'scratch',
    term: 'scratch',
    definition: 'The empty starting point: FROM scratch begins an image with no layers at all, for a program that needs nothing else, such as a static binary. It is not an image you can pull.',
    see: ['base-image', 'distroless'],
  },
  {
    id: 'tag',
    term: 'Tag',
    definition: 'A movable name for one image within a repository (the part after the colon: 3.20, latest). Tagging again moves the name to another image; the image itself does not change.',
    see: ['dangling-image', 'digest'],
  },
  {
    id: 'union-filesystem',
    term: 'Union filesystem (overlay)',
    definition:
      "How the layers become one filesystem: they are stacked, and for each path the topmost layer that has it wins. Docker's overlay2 storage driver does this with Linux's overlay filesystem; a container's writable layer is the top of the stack.",
    see: ['layer', 'whiteout', 'writable-layer'],
  },
  {
    id: 'whiteout',
    term: 'Whiteout',
    definition:
      'A marker file (.wh.NAME) in a layer that hides a file of a lower layer: the file disappears from the image but still takes space in the layer below. This is why deleting files in a later RUN does not make an image smaller.',
    see: ['layer', 'union-filesystem'],
  },
  {
    id: 'writable-layer',
    term: 'Writable layer',
    definition:
      "The container's own thin layer on top of its image's read-only layers: every file it creates, changes or deletes goes there (docker diff lists them). It disappears with the container, unless docker commit turns it into a new image's layer.",
    see: ['container', 'union-filesystem'],
  },
];
