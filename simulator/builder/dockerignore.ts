/**
 * `.dockerignore`, read and matched as Docker does (moby/patternmatcher and
 * buildkit's dockerignore.ReadAll): one pattern per line, `#` comments, `!`
 * re-includes, `**` crosses directories, and the last pattern that matches a
 * path — or one of its parent directories — decides.
 */
import { pathMatch, PatternSyntaxError } from '../reference/pathmatch';

interface Pattern {
  /** Cleaned, relative, '/'-separated. */
  text: string;
  exclusion: boolean;
}

/** Go's path.Clean for relative patterns: `./a//b/../c` → `a/c`. */
function clean(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      continue;
    }
    parts.push(part);
  }
  return parts.join('/') || '.';
}

/** ReadAll: the patterns of a `.dockerignore` text. */
export function readDockerignore(text: string): Pattern[] {
  const patterns: Pattern[] = [];
  for (const raw of text.split('\n')) {
    let line = raw.replace(/\r$/, '');
    if (line.startsWith('#')) continue;
    line = line.trim();
    if (line === '') continue;
    const exclusion = line.startsWith('!');
    if (exclusion) line = line.slice(1).trim();
    if (line === '') continue;
    // Leading slashes mean the root of the context, as if there were none.
    const text = clean(line.replace(/^\/+/, ''));
    patterns.push({ text, exclusion });
  }
  return patterns;
}

/** One pattern against one path: `*` stays within a component, `**` spans any number of them. */
function matches(pattern: string, path: string): boolean {
  const patternParts = pattern.split('/');
  const pathParts = path.split('/');
  const walk = (pi: number, si: number): boolean => {
    if (pi === patternParts.length) return si === pathParts.length;
    const part = patternParts[pi] as string;
    if (part === '**') {
      for (let skip = si; skip <= pathParts.length; skip++) if (walk(pi + 1, skip)) return true;
      return false;
    }
    if (si === pathParts.length) return false;
    try {
      return pathMatch(part, pathParts[si] as string) && walk(pi + 1, si + 1);
    } catch (error) {
      if (error instanceof PatternSyntaxError) return false;
      throw error;
    }
  };
  return walk(0, 0);
}

/** The ignore rules of a build context. */
export class IgnoreMatcher {
  private readonly patterns: Pattern[];

  constructor(text: string) {
    this.patterns = readDockerignore(text);
  }

  get empty(): boolean {
    return this.patterns.length === 0;
  }

  /** MatchesOrParentMatches: whether `path` (relative to the context) is left out of it. */
  ignores(path: string): boolean {
    const parts = path.split('/');
    let ignored = false;
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== ignored) continue;
      let hit = matches(pattern.text, path);
      for (let depth = 1; !hit && depth < parts.length; depth++) hit = matches(pattern.text, parts.slice(0, depth).join('/'));
      if (hit) ignored = !pattern.exclusion;
    }
    return ignored;
  }
}
