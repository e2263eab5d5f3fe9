import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates, fromDay, toDay } from './dates.ts';

describe('dates', () => {
  it('adds days across months, leap years and centuries', () => {
    expect(addDays('2024-11-08', 52 * 7)).toBe('2025-11-07');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('1900-02-28', 1)).toBe('1900-03-01');
    expect(addDays('1914-06-28', 37)).toBe('1914-08-04');
  });

  it('round-trips any day and orders dates', () => {
    fc.assert(
      fc.property(fc.integer({ min: -60_000, max: 60_000 }), fc.integer({ min: -5000, max: 5000 }), (day, delta) => {
        expect(toDay(fromDay(day))).toBe(day);
        expect(Math.sign(compareDates(fromDay(day + delta), fromDay(day)))).toBe(Math.sign(delta));
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});
