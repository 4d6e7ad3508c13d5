/**
 * The cheat sheet (/cheat-sheet/): every command the course uses, grouped,
 * each with what it is for and a short example. A test (cheat-sheet.test.ts)
 * reads the lessons and fails when one uses a docker command missing here,
 * and checks each docker command here is one the simulated engine has.
 */
import { parse } from 'shell-quote';

export interface CheatSheetCommand {
  /** The command as it is typed, without arguments: `docker image prune`. */
  command: string;
  /** Other spellings of the same command (`docker image ls` for `docker images`). */
  also?: readonly string[];
  purpose: string;
  example: string;
}

export interface CheatSheetGroup {
  id: string;
  title: string;
  commands: readonly CheatSheetCommand[];
}

export const CHEAT_SHEET: readonly CheatSheetGroup[] = [
  {
    id: 'images',
    title: 'Images',
    commands: [
      { command: 'docker pull', also: ['docker image pull'], purpose: 'Download an image (its manifest, config and missing layers) from a registry.', example: 'docker pull alpine:3.20' },
      { command: 'docker images', also: ['docker image ls'], purpose: 'List the images on this machine: repository, tag, image ID, age and size.', example: 'docker images --digests' },
      { command: 'docker history', also: ['docker image history'], purpose: "Show the steps that made an image, newest first, and the size each one's layer added.", example: 'docker history --no-trunc alpine' },
      { command: 'docker image inspect', purpose: "Show an image's config and manifest details as JSON, or one field with --format.", example: "docker image inspect --format '{{json .RootFS.Layers}}' alpine" },
      { command: 'docker inspect', purpose: 'Show any object (image or container) as JSON; --format picks a field.', example: "docker inspect --format '{{.Id}}' alpine" },
      { command: 'docker tag', also: ['docker image tag'], purpose: 'Give an image another name (repository and tag); no data is copied.', example: 'docker tag alpine:3.20 learner/alpine:v1' },
      { command: 'docker rmi', also: ['docker image rm'], purpose: 'Remove a name from an image, and the image itself once nothing names or uses it.', example: 'docker rmi learner/alpine:v1' },
      { command: 'docker save', also: ['docker image save'], purpose: 'Write images, with their layers and config, into a tar archive.', example: 'docker save -o alpine.tar alpine:3.20' },
      { command: 'docker load', also: ['docker image load'], purpose: 'Read images back from a tar archive made by docker save.', example: 'docker load -i alpine.tar' },
    ],
  },
  {
    id: 'containers',
    title: 'Containers',
    commands: [
      { command: 'docker run', also: ['docker container run'], purpose: 'Create a container from an image and start it; -it for an interactive shell, -d to run in the background.', example: 'docker run -it --name box alpine sh' },
      { command: 'docker create', also: ['docker container create'], purpose: 'Create a container (its writable layer) without starting it.', example: 'docker create --name box alpine' },
      { command: 'docker start', also: ['docker container start'], purpose: 'Start a stopped container again; -ai to attach to it.', example: 'docker start -ai box' },
      { command: 'docker ps', also: ['docker container ls'], purpose: 'List running containers; -a includes stopped ones.', example: 'docker ps -a' },
      { command: 'docker exec', also: ['docker container exec'], purpose: 'Run another command in a running container.', example: 'docker exec -it web sh' },
      { command: 'docker logs', also: ['docker container logs'], purpose: 'Show what a container printed.', example: 'docker logs web' },
      { command: 'docker diff', also: ['docker container diff'], purpose: "List the files a container added (A), changed (C) or deleted (D) in its writable layer.", example: 'docker diff box' },
      { command: 'docker commit', also: ['docker container commit'], purpose: "Make a new image from a container: its image's layers plus its writable layer as one more.", example: 'docker commit box with-curl' },
      { command: 'docker cp', also: ['docker container cp'], purpose: 'Copy files between this machine and a container.', example: 'docker cp hello.txt box:/tmp/' },
      { command: 'docker stop', also: ['docker container stop'], purpose: 'Stop a running container (SIGTERM, then SIGKILL after a grace period).', example: 'docker stop web' },
      { command: 'docker restart', also: ['docker container restart'], purpose: 'Stop and start a container again.', example: 'docker restart web' },
      { command: 'docker kill', also: ['docker container kill'], purpose: 'Stop a container at once with a signal (SIGKILL by default).', example: 'docker kill web' },
      { command: 'docker pause', also: ['docker container pause'], purpose: "Freeze a container's processes.", example: 'docker pause web' },
      { command: 'docker unpause', also: ['docker container unpause'], purpose: "Let a paused container's processes run again.", example: 'docker unpause web' },
      { command: 'docker attach', also: ['docker container attach'], purpose: "Connect the terminal to a running container's main process.", example: 'docker attach box' },
      { command: 'docker top', also: ['docker container top'], purpose: 'List the processes running in a container.', example: 'docker top web' },
      { command: 'docker port', also: ['docker container port'], purpose: "List a container's published ports.", example: 'docker port web' },
      { command: 'docker rename', also: ['docker container rename'], purpose: 'Give a container another name.', example: 'docker rename box old-box' },
      { command: 'docker container inspect', purpose: "Show a container's configuration and state as JSON.", example: "docker container inspect --format '{{.State.Status}}' box" },
      { command: 'docker rm', also: ['docker container rm'], purpose: 'Remove a stopped container and its writable layer; -f stops it first.', example: 'docker rm box' },
    ],
  },
  {
    id: 'build',
    title: 'Build',
    commands: [
      { command: 'docker build', also: ['docker image build', 'docker builder build'], purpose: 'Build an image from a Dockerfile and a build context (the folder, here "."), with BuildKit.', example: 'docker build -t app:1 .' },
      { command: 'DOCKER_BUILDKIT=0 docker build', purpose: 'The same build with the legacy builder: one container and one intermediate image per step.', example: 'DOCKER_BUILDKIT=0 docker build -t app:legacy .' },
      { command: 'docker build --target', purpose: 'Build a multi-stage Dockerfile only up to the named stage.', example: 'docker build --target build -t app:build .' },
      { command: 'docker build --no-cache', purpose: 'Build every step again instead of taking it from the build cache.', example: 'docker build --no-cache -t app:1 .' },
    ],
  },
  {
    id: 'registries',
    title: 'Registries',
    commands: [
      { command: 'docker login', purpose: "Store credentials for a registry (Docker Hub when no host is given) in ~/.docker/config.json.", example: 'docker login -u learner' },
      { command: 'docker logout', purpose: "Remove a registry's credentials.", example: 'docker logout ghcr.io' },
      { command: 'docker push', also: ['docker image push'], purpose: "Upload an image to the registry its name points to; layers the registry has are skipped.", example: 'docker push learner/app:1' },
      { command: 'docker search', purpose: 'Search Docker Hub for repositories.', example: 'docker search nginx' },
    ],
  },
  {
    id: 'housekeeping',
    title: 'Housekeeping',
    commands: [
      { command: 'docker system df', purpose: 'Show the disk space used by images, containers and the build cache, and how much could be reclaimed.', example: 'docker system df' },
      { command: 'docker image prune', purpose: 'Remove dangling images; -a removes every image no container uses.', example: 'docker image prune -f' },
      { command: 'docker container prune', purpose: 'Remove all stopped containers.', example: 'docker container prune -f' },
      { command: 'docker builder prune', purpose: 'Empty the build cache.', example: 'docker builder prune -f' },
      { command: 'docker version', purpose: "Show the client's and the engine's versions.", example: "docker version --format '{{.Server.Version}}'" },
      { command: 'docker info', also: ['docker system info'], purpose: 'Show how the engine is set up: storage driver, images and containers counts.', example: 'docker info' },
      { command: 'docker --help', purpose: "List docker's commands; docker COMMAND --help explains one command's options.", example: 'docker --help' },
    ],
  },
  {
    id: 'shell',
    title: 'Shell',
    commands: [
      { command: 'ls', purpose: 'List the files in a folder; -l for details, -a for hidden files too.', example: 'ls -la' },
      { command: 'cd', purpose: 'Go into another folder (cd alone goes home).', example: 'cd app' },
      { command: 'pwd', purpose: 'Print the folder you are in.', example: 'pwd' },
      { command: 'cat', purpose: 'Print a file.', example: 'cat Dockerfile' },
      { command: 'mkdir', purpose: 'Make a folder; -p makes its parents too.', example: 'mkdir -p app' },
      { command: 'echo … >', purpose: 'Write a line into a file (>> adds it at the end instead).', example: "echo 'hello' > app/hello.txt" },
      { command: 'cat <<EOF', purpose: 'Write several lines into a file at once (a here-document), such as a Dockerfile.', example: "cat > Dockerfile <<'EOF'\nFROM alpine:3.20\nCMD [\"echo\", \"hi\"]\nEOF" },
      { command: 'rm', purpose: 'Delete a file.', example: 'rm hello.txt' },
      { command: 'apk add', purpose: "Install a package in an Alpine container (Debian and Ubuntu: apt-get update, then apt-get install -y).", example: 'apk add curl' },
      { command: 'exit', purpose: "Leave a container's shell; the container stops when its main process ends.", example: 'exit' },
    ],
  },
];

/** Management commands, whose next word is the command itself: `docker image prune`. */
const MANAGEMENT = new Set(['image', 'container', 'builder', 'buildx', 'system', 'network', 'volume', 'context', 'manifest', 'plugin', 'trust']);
/** Global flags that take the next word as their value (`docker -H host ps`). */
const GLOBAL_FLAGS_WITH_VALUE = new Set(['-H', '--host', '-c', '--context', '--config', '-l', '--log-level']);
/** Words that run the command after them. */
const PREFIXES = new Set(['sudo', 'time', 'exec', 'command', 'env']);

function commandOf(words: readonly string[]): string {
  let index = 0;
  while (index < words.length && (words[index] ?? '').startsWith('-')) {
    const flag = words[index] ?? '';
    index += GLOBAL_FLAGS_WITH_VALUE.has(flag) && !flag.includes('=') ? 2 : 1;
  }
  const sub = words[index];
  // `docker --version`, `docker --help`: only flags.
  if (sub === undefined) return words[0] === undefined ? 'docker' : `docker ${words[0]}`;
  const next = words[index + 1];
  return MANAGEMENT.has(sub) && next !== undefined && !next.startsWith('-') ? `docker ${sub} ${next}` : `docker ${sub}`;
}

/**
 * The docker commands a shell line runs (`docker image prune`, `docker
 * build`), wherever they stand: after `|`, `&&`, `;`, inside `$(…)`, after
 * `VAR=value` assignments. Quoted text is one word, so `echo "docker run"`
 * runs no docker command.
 */
export function dockerCommandsIn(line: string): string[] {
  // Variables stay as they are written: their values do not matter here.
  const tokens = parse(line, (name) => `$${name}`);
  const segments: string[][] = [[]];
  for (const token of tokens) {
    if (typeof token === 'string') segments.at(-1)?.push(token);
    else if ('op' in token) segments.push([]);
    // Comments and globs stand for no command word.
  }
  const commands: string[] = [];
  for (const segment of segments) {
    let start = 0;
    while (start < segment.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(segment[start] ?? '') || PREFIXES.has(segment[start] ?? '') || segment[start] === '$')) start += 1;
    if (segment[start] === 'docker') commands.push(commandOf(segment.slice(start + 1)));
  }
  return commands;
}

/** Every docker command the cheat sheet explains, under each of its spellings. */
export function cheatSheetDockerCommands(sheet: readonly CheatSheetGroup[] = CHEAT_SHEET): Set<string> {
  const covered = new Set<string>();
  for (const group of sheet) {
    for (const entry of group.commands) {
      for (const spelling of [entry.command, ...(entry.also ?? [])]) for (const command of dockerCommandsIn(spelling)) covered.add(command);
    }
  }
  return covered;
}

/** An id for a command's entry, for links such as /cheat-sheet/#docker-image-prune. */
export function commandAnchor(command: string): string {
  return command
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
