/** Helpers for the clinical core's tests. */
import assert from 'node:assert/strict';

/** Asserts a number within a tolerance, naming what it is. */
export const close = (actual: number | null | undefined, expected: number, tolerance: number, what = '') => {
  assert.ok(typeof actual === 'number', `${what} should be a number, got ${actual}`);
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual} is not within ${tolerance} of ${expected}`,
  );
};

/** A timestamp on a day (noon UTC unless given). */
export const at = (day: string, time = '12:00:00Z') => `${day}T${time}`;
