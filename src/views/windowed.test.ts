import { describe, expect, it } from 'vitest';
import { scrollToRow, windowRange } from './windowed';

describe('windowRange', () => {
  it('renders the visible rows and the overscan at the top', () => {
    expect(windowRange(0, 100, 20, 1000, 3)).toEqual({ start: 0, end: 9, offset: 0, totalHeight: 20_000 });
  });
  it('renders around a scrolled position', () => {
    // first visible row 50, 6 visible (+1 partial), 3 overscan either side
    expect(windowRange(1000, 100, 20, 1000, 3)).toEqual({ start: 47, end: 59, offset: 940, totalHeight: 20_000 });
  });
  it('clamps at the end of the list and past it', () => {
    expect(windowRange(19_950, 100, 20, 1000, 3)).toEqual({ start: 992, end: 1000, offset: 19_840, totalHeight: 20_000 });
    expect(windowRange(1e9, 100, 20, 1000, 0).end).toBe(1000);
  });
  it('handles short and empty lists', () => {
    expect(windowRange(0, 500, 20, 4, 5)).toEqual({ start: 0, end: 4, offset: 0, totalHeight: 80 });
    expect(windowRange(0, 500, 20, 0, 5)).toEqual({ start: 0, end: 0, offset: 0, totalHeight: 0 });
    expect(windowRange(-30, 100, 20, 10, 0)).toEqual({ start: 0, end: 6, offset: 0, totalHeight: 200 });
  });
});

describe('scrollToRow', () => {
  it('scrolls only as far as needed to show a row', () => {
    expect(scrollToRow(2, 0, 100, 20)).toBe(0);
    expect(scrollToRow(5, 0, 100, 20)).toBe(20);
    expect(scrollToRow(1, 100, 100, 20)).toBe(20);
    expect(scrollToRow(6, 40, 100, 20)).toBe(40);
  });
});
