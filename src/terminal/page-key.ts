/** The key of a page's own terminal session and history: each lesson has its own. */
export function pageTerminalKey(pathname: string): string {
  return `page:${pathname}`;
}
