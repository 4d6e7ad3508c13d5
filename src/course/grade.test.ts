import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeMultiple, gradeOrder, gradeSingle, moveItem, shuffledOrder } from './grade';

describe('quiz grading', () => {
  it('single choice: right only for the correct choice', () => {
    const correct = [false, true, false];
    expect(gradeSingle(correct, 1)).toBe(true);
    expect(gradeSingle(correct, 0)).toBe(false);
    expect(gradeSingle(correct, 7)).toBe(false);
  });

  it('multiple choice: right only with exactly the correct choices', () => {
    const correct = [true, false, true, false];
    expect(gradeMultiple(correct, new Set([0, 2]))).toBe(true);
    expect(gradeMultiple(correct, new Set([0]))).toBe(false);
    expect(gradeMultiple(correct, new Set([0, 2, 3]))).toBe(false);
    expect(gradeMultiple(correct, new Set())).toBe(false);
  });

  it('ordering: right only in the declared order', () => {
    expect(gradeOrder([0, 1, 2, 3])).toBe(true);
    expect(gradeOrder([1, 0, 2, 3])).toBe(false);
  });

  it('shows ordering questions shuffled, never already right, the same for the same question', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.string(), (count, seed) => {
        const order = shuffledOrder(count, seed);
        expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, index) => index));
        expect(gradeOrder(order)).toBe(false);
        expect(shuffledOrder(count, seed)).toEqual(order);
      }),
    );
  });

  it('moves an item up or down, and not past the ends', () => {
    expect(moveItem([2, 0, 1], 0, 1)).toEqual([0, 2, 1]);
    expect(moveItem([2, 0, 1], 2, -1)).toEqual([2, 1, 0]);
    expect(moveItem([2, 0, 1], 0, -1)).toEqual([2, 0, 1]);
    expect(moveItem([2, 0, 1], 2, 1)).toEqual([2, 0, 1]);
  });
});
