import { describe, it, expect } from 'vitest';
import { History, HistoryBrowser } from './history';

describe('History', () => {
  it('starts empty, or with the given entries oldest first', () => {
    expect(new History().entries).toEqual([]);
    expect(new History(['ls', 'pwd']).entries).toEqual(['ls', 'pwd']);
  });

  it('records submitted lines in order', () => {
    const history = new History();
    history.add('docker images');
    history.add('docker ps');
    expect(history.entries).toEqual(['docker images', 'docker ps']);
  });

  it.each([
    ['an empty line', ''],
    ['a whitespace-only line', ' \t '],
    ['a line starting with a space (ignorespace)', ' secret --token x'],
  ])('ignores %s', (_, line) => {
    const history = new History(['ls']);
    history.add(line);
    expect(history.entries).toEqual(['ls']);
  });

  it('ignores an exact repeat of the newest entry (ignoredups) but not older repeats', () => {
    const history = new History();
    history.add('ls');
    history.add('ls');
    history.add('ls ');
    history.add('pwd');
    history.add('ls');
    expect(history.entries).toEqual(['ls', 'ls ', 'pwd', 'ls']);
  });

  it('keeps lines with leading tabs or trailing spaces verbatim', () => {
    const history = new History();
    history.add('\techo hi');
    expect(history.entries).toEqual(['\techo hi']);
  });

  it('drops the oldest entries beyond the limit', () => {
    const history = new History([], 3);
    for (const line of ['a', 'b', 'c', 'd', 'e']) history.add(line);
    expect(history.entries).toEqual(['c', 'd', 'e']);
    expect(history.limit).toBe(3);
  });

  it('defaults to a limit of 1000', () => {
    const history = new History();
    for (let i = 0; i < 1005; i++) history.add(`echo ${i}`);
    expect(history.entries).toHaveLength(1000);
    expect(history.entries[0]).toBe('echo 5');
  });

  it('trims persisted entries to the limit, keeping the newest', () => {
    expect(new History(['a', 'b', 'c'], 2).entries).toEqual(['b', 'c']);
    expect(new History(['a', 'b'], 0).entries).toEqual([]);
  });

  it('does not let callers mutate it through entries', () => {
    const history = new History(['ls']);
    const snapshot = history.entries;
    history.add('pwd');
    expect(snapshot).toEqual(['ls']);
    expect(history.entries).toEqual(['ls', 'pwd']);
  });
});

describe('HistoryBrowser', () => {
  it('walks back through entries and forward to the line being typed', () => {
    const browser = new HistoryBrowser(new History(['ls', 'pwd']));
    expect(browser.browsing).toBe(false);
    expect(browser.previous('ech')).toBe('pwd');
    expect(browser.browsing).toBe(true);
    expect(browser.previous('pwd')).toBe('ls');
    expect(browser.previous('ls')).toBeUndefined();
    expect(browser.next('ls')).toBe('pwd');
    expect(browser.next('pwd')).toBe('ech');
    expect(browser.browsing).toBe(false);
    expect(browser.next('ech')).toBeUndefined();
  });

  it('remembers edits to recalled entries without changing the history', () => {
    const history = new History(['ls', 'pwd']);
    const browser = new HistoryBrowser(history);
    browser.previous('');
    expect(browser.previous('pwd -P')).toBe('ls');
    expect(browser.next('ls -l')).toBe('pwd -P');
    expect(browser.previous('pwd -P')).toBe('ls -l');
    expect(history.entries).toEqual(['ls', 'pwd']);
    expect(new HistoryBrowser(history).previous('')).toBe('pwd');
  });

  it('browses a snapshot taken when it was created', () => {
    const history = new History(['a', 'b'], 2);
    const browser = new HistoryBrowser(history);
    history.add('c');
    expect(browser.previous('')).toBe('b');
    expect(browser.previous('b')).toBe('a');
  });

  it('has nothing to recall from an empty history', () => {
    const browser = new HistoryBrowser(new History());
    expect(browser.previous('x')).toBeUndefined();
    expect(browser.next('x')).toBeUndefined();
  });
});
