/**
 * Command history for the in-browser shell: the list of submitted lines
 * (persisted per lesson by the site) and the readline-style browsing state
 * used while one line is being edited.
 */

/** Default number of entries kept, matching bash's default HISTSIZE in spirit (bash uses 500; Debian's .bashrc raises it to 1000). */
export const DEFAULT_HISTORY_LIMIT = 1000;

/** Submitted command lines, oldest first. */
export class History {
  private readonly items: string[];
  /** Maximum number of entries kept; the oldest are dropped first. */
  readonly limit: number;

  constructor(entries: readonly string[] = [], limit = DEFAULT_HISTORY_LIMIT) {
    this.limit = Math.max(0, Math.floor(limit));
    // Persisted entries are trusted as-is (they passed add() when they were
    // first recorded); only the limit may have shrunk since.
    this.items = entries.slice(Math.max(0, entries.length - this.limit));
  }

  /**
   * Adds a submitted line: ignores empty/whitespace-only lines, lines starting
   * with a space, and an exact repeat of the newest entry (bash
   * HISTCONTROL=ignoreboth, Debian's default). Drops the oldest beyond `limit`.
   */
  add(line: string): void {
    if (line.trim() === '' || line.startsWith(' ')) return;
    if (this.items[this.items.length - 1] === line) return;
    this.items.push(line);
    if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit);
  }

  /** The entries, oldest first, for persistence. A fresh copy, so a caller holding it (or comparing it by identity) never sees it change underneath. */
  get entries(): readonly string[] {
    return this.items.slice();
  }
}

/**
 * Up/Down browsing for one line being edited, readline style: the line being
 * typed acts as an extra, newest entry, so going Down past the newest entry
 * brings it back; edits made to a recalled entry are remembered while browsing
 * (going away and coming back shows the edited text) but never change the
 * history itself, and are forgotten when this browser is discarded (readline
 * with `revert-all-at-newline on`, which avoids bash's surprising default of
 * permanently altering recalled entries).
 */
export class HistoryBrowser {
  // A snapshot, so entries added or dropped while browsing cannot shift indices.
  private readonly entries: readonly string[];
  private index: number;
  private readonly drafts = new Map<number, string>();

  constructor(history: History) {
    this.entries = history.entries;
    this.index = this.entries.length;
  }

  /** True while showing a recalled entry rather than the line being typed. */
  get browsing(): boolean {
    return this.index < this.entries.length;
  }

  /**
   * Moves to the next older entry. `current` is the text now shown (kept as
   * the draft of the entry being left). Returns the text to show, or
   * `undefined` when already at the oldest entry.
   */
  previous(current: string): string | undefined {
    return this.go(this.index - 1, current);
  }

  /** Moves to the next newer entry (or back to the line being typed); see {@link previous}. Returns `undefined` when already at the line being typed. */
  next(current: string): string | undefined {
    return this.go(this.index + 1, current);
  }

  private go(target: number, current: string): string | undefined {
    if (target < 0 || target > this.entries.length) return undefined;
    this.drafts.set(this.index, current);
    this.index = target;
    return this.drafts.get(target) ?? this.entries[target] ?? '';
  }
}
