/** Per-terminal history in localStorage; storage may be unavailable (private mode, quota), which must never break the terminal. */
const PREFIX = 'layerlab:history:';

export function loadHistory(key: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(PREFIX + key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((entry): entry is string => typeof entry === 'string') : [];
  } catch {
    return [];
  }
}

export function saveHistory(key: string, entries: readonly string[]): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(entries));
  } catch {
    // Without storage the history simply lasts as long as the page.
  }
}
