import { gzipSync } from 'fflate';
import { packTar, type TarEntry } from 'modern-tar';
import type { ReadWriteLayer } from '../archive/rw-layer';
import { LEARNER_HOME } from '../host/directories';
import { LEARNER_UID } from '../host/filesystem';

/**
 * Build contexts shared by the comparison with buildah
 * (simulator/testing/buildah.test.ts) and the build benchmarks
 * (scripts/bench-engine.ts): the same files go into the simulated learner's
 * home for `docker build` and onto the real disk for `buildah bud`, so both
 * builders see identical bytes and modes.
 */
export interface ContextFile {
  /** Relative to the context's root, '/'-separated: `conf/app.conf`. */
  path: string;
  type: 'file';
  /** Permission bits; set explicitly because git keeps only 644 and 755. */
  mode: number;
  bytes: Uint8Array;
}

export interface ContextDirectory {
  path: string;
  type: 'directory';
  mode: number;
}

export type ContextEntry = ContextFile | ContextDirectory;

/** Parents before children, in path order, so writers can create them one by one. */
export function sortEntries(entries: readonly ContextEntry[]): ContextEntry[] {
  return [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

/**
 * Puts a context into the learner's home at `~/<directory>`, owned by the
 * learner as files they made would be (a build must not keep that ownership:
 * COPY without --chown gives 0:0).
 */
export function writeContextToHost(host: ReadWriteLayer, directory: string, entries: readonly ContextEntry[]): string {
  const root = `${LEARNER_HOME}/${directory}`;
  const owner = { uid: LEARNER_UID, gid: LEARNER_UID, mtime: 0 };
  host.mkdir(root, { mode: 0o755, ...owner });
  for (const entry of sortEntries(entries)) {
    const path = `${root}/${entry.path}`;
    if (entry.type === 'directory') host.mkdir(path, { mode: entry.mode, ...owner });
    else host.writeFile(path, { kind: 'bytes', bytes: entry.bytes }, { mode: entry.mode, ...owner });
  }
  return root;
}

/** A tar entry for an archive that ADD extracts; mtime fixed so the archive is the same on every run. */
function tarEntry(name: string, mode: number, body?: string, owner = 0): TarEntry {
  const header = { name, size: body === undefined ? 0 : text(body).length, mode, uid: owner, gid: owner, mtime: new Date(Date.UTC(2026, 0, 1)), uname: '', gname: '' };
  return body === undefined ? { header: { ...header, type: 'directory' } } : { header: { ...header, type: 'file' }, body: text(body) };
}

/**
 * The archives of the `add-archives` fixture, made here rather than committed
 * as binaries: a plain tar with a symlink and a file owned by uid 1000 (ADD
 * keeps the archive's ownership), and a gzip-compressed tar whose names start
 * with `./`, as `tar -C dir -czf x.tar.gz .` writes them.
 */
export async function generatedArchives(): Promise<ContextFile[]> {
  const app = await packTar([
    tarEntry('bin/', 0o755),
    tarEntry('bin/tool', 0o755, '#!/bin/sh\necho tool\n'),
    { header: { name: 'bin/tool-link', size: 0, type: 'symlink', linkname: 'tool', mode: 0o777, uid: 0, gid: 0, mtime: new Date(Date.UTC(2026, 0, 1)), uname: '', gname: '' } },
    tarEntry('etc/', 0o755),
    tarEntry('etc/tool.conf', 0o644, 'verbose=true\n', LEARNER_UID),
  ]);
  const data = await packTar([
    tarEntry('./', 0o755),
    tarEntry('./records/', 0o750),
    tarEntry('./records/a.csv', 0o644, 'id,name\n1,a\n'),
    tarEntry('./records/b.csv', 0o600, 'id,name\n2,b\n'),
  ]);
  return [
    { path: 'app.tar', type: 'file', mode: 0o644, bytes: app },
    { path: 'data.tar.gz', type: 'file', mode: 0o644, bytes: gzipSync(data, { mtime: 0 }) },
  ];
}

/**
 * Modes the fixtures need that git cannot keep (it stores only 644 and 755),
 * keyed by fixture and path.
 */
export const FIXTURE_MODES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'copy-files': { 'private.key': 0o600, conf: 0o750 },
  'copy-globs': { 'src/lib': 0o700, data1: 0o750 },
  'copy-chown-chmod': { 'conf/sub': 0o700 },
};

/**
 * A multi-stage build for the benchmarks: RUN steps in an alpine build stage
 * (a catalog image), the result copied into a FROM-scratch final stage, as
 * the distroless lesson does. The sources are the 50-instruction context's.
 */
export function multiStageContext(): ContextEntry[] {
  const dockerfile = [
    'FROM alpine AS build',
    'WORKDIR /src',
    'COPY src/ ./',
    'RUN mkdir -p /out && cat module*.js > /out/app.js',
    'RUN echo built > /out/BUILD && ls -l /out',
    'FROM scratch',
    'COPY --from=build /out/ /app/',
    'USER 65534:65534',
    'ENTRYPOINT ["/app/app.js"]',
  ];
  const sources = fiftyInstructionContext().filter((entry) => entry.path === 'src' || entry.path.startsWith('src/'));
  return [...sources, { path: 'Dockerfile', type: 'file', mode: 0o644, bytes: text(`${dockerfile.join('\n')}\n`) }];
}

/**
 * A FROM-scratch Dockerfile of exactly 50 instructions (FROM included) mixing
 * ARG, ENV, LABEL, WORKDIR, COPY, ADD, USER, EXPOSE, VOLUME, CMD and
 * ENTRYPOINT, with its context: what the build benchmarks time in Layerlab
 * and in buildah.
 */
export function fiftyInstructionContext(): ContextEntry[] {
  const files: ContextEntry[] = [{ path: 'src', type: 'directory', mode: 0o755 }];
  for (let i = 0; i < 8; i++) files.push({ path: `src/module${i}.js`, type: 'file', mode: 0o644, bytes: text(`export const value${i} = ${i};\n`.repeat(20 + i)) });
  files.push({ path: 'assets', type: 'directory', mode: 0o755 });
  for (let i = 0; i < 4; i++) files.push({ path: `assets/style${i}.css`, type: 'file', mode: 0o644, bytes: text(`.c${i} { color: #${i}${i}${i}; }\n`.repeat(30)) });
  files.push({ path: 'run.sh', type: 'file', mode: 0o755, bytes: text('#!/bin/sh\nexec node /app/src/module0.js\n') });
  files.push({ path: 'config.json', type: 'file', mode: 0o644, bytes: text('{"port": 8080}\n') });
  const lines = [
    'FROM scratch',
    'ARG VERSION=1.0.0',
    'ARG CHANNEL=stable',
    'ENV APP_HOME=/app',
    'ENV APP_VERSION=${VERSION} APP_CHANNEL=${CHANNEL}',
    'LABEL org.opencontainers.image.title="bench" org.opencontainers.image.version="${VERSION}"',
    'WORKDIR ${APP_HOME}',
  ];
  for (let i = 0; i < 8; i++) {
    lines.push(`COPY src/module${i}.js src/`);
    lines.push(`ENV MODULE_${i}=src/module${i}.js`);
    lines.push(`LABEL module.${i}="module${i}"`);
  }
  lines.push('COPY assets/ public/', 'COPY --chmod=0755 run.sh /usr/local/bin/run', 'ADD config.json /etc/app/', 'WORKDIR /var/lib/app', 'WORKDIR data');
  lines.push('ARG BUILD_ID=local', 'ENV BUILD_ID=${BUILD_ID}', 'COPY --chown=1000:1000 config.json ./', 'USER 1000:1000');
  lines.push('EXPOSE 8080', 'EXPOSE 8443/tcp 9090/udp', 'VOLUME ["/var/lib/app/data"]', 'ENV NODE_ENV=production');
  lines.push('LABEL maintainer="bench@example.com"', 'STOPSIGNAL SIGTERM', 'WORKDIR /app');
  while (lines.length < 48) lines.push(`ENV PAD_${lines.length}=${lines.length}`);
  lines.push('ENTRYPOINT ["/usr/local/bin/run"]', 'CMD ["--port", "8080"]');
  if (lines.length !== 50) throw new Error(`the benchmark's Dockerfile has ${lines.length} instructions, not 50`);
  files.push({ path: 'Dockerfile', type: 'file', mode: 0o644, bytes: text(`${lines.join('\n')}\n`) });
  return files;
}
