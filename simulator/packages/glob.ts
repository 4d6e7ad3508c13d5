/**
 * fnmatch as the package tools call it on names and paths (apk's triggers
 * and search, dpkg-query's and apt's package patterns): `*` and `?` over the
 * whole text, anything else literal.
 */
export function globMatches(pattern: string, text: string): boolean {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(text);
}
