import { fileBytes } from '../../archive/tar';
import type { Command, CommandContext } from '../../shell/command';
import type { LayerFileSystem } from '../../userland/filesystem';
import { unescapeLiteral } from './literals';
import { notSimulated } from './not-simulated';

/**
 * The Go toolchain of the golang images, for what a Dockerfile's build stage
 * does with it: `go version`, `go mod init`, and `go build`/`go run` of a
 * main package that only prints string literals (fmt.Println("…")). The
 * binary `go build` writes is a file of the size a Go hello-world has, which
 * runs (see {@link goProgram}) anywhere — in a distroless static image too,
 * as a statically linked Go binary does. Any other program is not simulated.
 */

/** What starts a binary made by this `go build`: an ELF magic, then a marker the runtime knows it by. */
export const GO_PROGRAM_MARKER = '\x7fELF\x02\x01\x01\0LAYERLAB-GO-PROGRAM\n';
/** About the size of a statically linked Go hello world (go 1.23, linux/amd64). */
const BINARY_SIZE = 2_150_000;

/** The lines a main package prints, when all its main does is fmt.Println/fmt.Print of string literals; undefined otherwise. */
export function printedByMain(sources: readonly string[]): string[] | undefined {
  const lines: string[] = [];
  let mains = 0;
  for (const source of sources) {
    const code = source.replace(/\/\/[^\n]*/g, '');
    if (!/^\s*package\s+main\s*$/m.test(code)) return undefined;
    const rest = code.replace(/^\s*package\s+main\s*$/m, '').replace(/^\s*import\s+(?:"fmt"|\(\s*"fmt"\s*\))\s*$/m, '');
    const main = /^\s*func\s+main\s*\(\s*\)\s*\{([\s\S]*)\}\s*$/.exec(rest);
    if (!main) {
      if (rest.trim() !== '') return undefined;
      continue;
    }
    mains++;
    for (const raw of (main[1] ?? '').split('\n')) {
      const statement = raw.trim();
      if (statement === '') continue;
      const call = /^fmt\.(Println|Print)\(\s*"((?:[^"\\]|\\.)*)"\s*\)$/.exec(statement);
      if (!call) return undefined;
      const text = unescapeLiteral(call[2] ?? '');
      lines.push(call[1] === 'Println' ? `${text}\n` : text);
    }
  }
  return mains === 1 ? [lines.join('')] : undefined;
}

/** The module a directory belongs to: the nearest go.mod's `module` line, and where it is. */
function findModule(fs: LayerFileSystem, dir: string): { path: string; root: string } | undefined {
  for (let current = dir; ; current = current.slice(0, current.lastIndexOf('/')) || '/') {
    const text = fs.readText(`${current === '/' ? '' : current}/go.mod`);
    const module = text === undefined ? undefined : /^module\s+(\S+)/m.exec(text)?.[1];
    if (module) return { path: module, root: current };
    if (current === '/') return undefined;
  }
}

interface Package {
  sources: string[];
  /** The binary's default name: the module's (or directory's) last element, or the first file's. */
  name: string;
}

/** The package `go build` is given: .go files, or a directory in a module (`.` by default). */
function loadPackage(context: CommandContext, fs: LayerFileSystem, args: readonly string[]): Package | string {
  const cwd = context.shell.cwd;
  if (args.length > 0 && args.every((arg) => arg.endsWith('.go'))) {
    const sources: string[] = [];
    for (const arg of args) {
      const text = fs.readText(fs.resolvePath(cwd, arg));
      if (text === undefined) return `stat ${arg}: no such file or directory`;
      sources.push(text);
    }
    return { sources, name: (args[0] ?? 'main').replace(/^.*\//, '').replace(/\.go$/, '') };
  }
  const dir = fs.resolvePath(cwd, args[0] ?? '.');
  const module = findModule(fs, dir);
  if (!module) return "go.mod file not found in current directory or any parent directory; see 'go help modules'";
  const files = fs.list(dir).filter((name) => name.endsWith('.go') && !name.endsWith('_test.go'));
  if (files.length === 0) return `no Go files in ${dir}`;
  const sources = files.map((name) => fs.readText(`${dir === '/' ? '' : dir}/${name}`) ?? '');
  const name = dir === module.root ? module.path.slice(module.path.lastIndexOf('/') + 1) : dir.slice(dir.lastIndexOf('/') + 1);
  return { sources, name };
}

async function build(context: CommandContext, fs: LayerFileSystem, args: string[], run: boolean): Promise<number> {
  let output: string | undefined;
  const packageArgs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-o') output = args[++i];
    else if (arg.startsWith('-o=')) output = arg.slice(3);
    else if (arg.startsWith('-')) continue; // -v, -ldflags=…, -trimpath: nothing to do for a program that only prints.
    else packageArgs.push(arg);
  }
  const loaded = loadPackage(context, fs, packageArgs);
  if (typeof loaded === 'string') {
    await context.stderr.write(`go: ${loaded}\n`);
    return 1;
  }
  const printed = printedByMain(loaded.sources);
  if (printed === undefined) return notSimulated(context, `go ${run ? 'run' : 'build'}`);
  if (run) {
    await context.stdout.write(printed.join(''));
    return 0;
  }
  const header = new TextEncoder().encode(`${GO_PROGRAM_MARKER}${JSON.stringify(printed)}\n`);
  const bytes = new Uint8Array(Math.max(BINARY_SIZE, header.length));
  bytes.set(header);
  const target = fs.resolvePath(context.shell.cwd, output ?? loaded.name);
  const into = fs.lookup(target)?.node.type === 'directory' ? `${target}/${loaded.name}` : target;
  // The linker's output directory is made if it is missing.
  await fs.mkdir(into.slice(0, into.lastIndexOf('/')) || '/', { recursive: true });
  await fs.writeFile(into, bytes);
  await fs.chmod(into, 0o755);
  return 0;
}

/** `go`: version, mod init, build and run. */
export const go: Command = {
  name: 'go',
  summary: 'the Go toolchain (version, mod init, and building programs that only print)',
  async run(context) {
    const [sub, ...args] = context.argv.slice(1);
    const fs = context.files;
    if (sub === 'version' && args.length === 0) {
      await context.stdout.write(`go version go${context.shell.env.get('GOLANG_VERSION') ?? '1.23.12'} linux/amd64\n`);
      return 0;
    }
    if (!fs) return notSimulated(context, 'go');
    if (sub === 'mod' && args[0] === 'init' && args[1] !== undefined) {
      const path = `${context.shell.cwd === '/' ? '' : context.shell.cwd}/go.mod`;
      if (fs.lookup(path)) {
        await context.stderr.write(`go: ${path} already exists\n`);
        return 1;
      }
      await fs.writeFile(path, `module ${args[1]}\n\ngo ${context.shell.env.get('GOLANG_VERSION') ?? '1.23.12'}\n`);
      await context.stderr.write(`go: creating new go.mod: module ${args[1]}\n`);
      return 0;
    }
    if (sub === 'build' || sub === 'run') return build(context, fs, args, sub === 'run');
    return notSimulated(context, `go${sub ? ` ${sub}` : ''}`);
  },
};

/** A binary made by `go build`: prints what its main printed. */
export const goProgram: Command = {
  name: 'go-program',
  summary: 'a program built by go build',
  async run(context) {
    const fs = context.files;
    const name = context.argv[0] ?? '';
    // Started by path, or found in PATH as the shell found it.
    const candidates = name.includes('/') ? [name] : (context.shell.env.get('PATH') ?? '').split(':').map((dir) => `${dir}/${name}`);
    const node = candidates.map((candidate) => fs?.lookup(fs.resolvePath(context.shell.cwd, candidate))?.node).find((found) => found?.type === 'file');
    const text = node?.type === 'file' ? new TextDecoder().decode(fileBytes(node.content).subarray(GO_PROGRAM_MARKER.length, GO_PROGRAM_MARKER.length + 65536)) : '';
    let printed: unknown;
    try {
      printed = JSON.parse(text.slice(0, text.indexOf('\n')));
    } catch {
      printed = undefined;
    }
    if (!Array.isArray(printed)) return notSimulated(context, name);
    for (const chunk of printed) await context.stdout.write(String(chunk));
    return 0;
  },
};
