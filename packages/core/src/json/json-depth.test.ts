import { describe, expect, it } from 'vitest';
import { exceedsDepth } from './json-depth';

const nested = (levels: number) => JSON.parse(`${'['.repeat(levels)}1${']'.repeat(levels)}`);

describe('exceedsDepth', () => {
  it('counts object and array levels', () => {
    expect(exceedsDepth(1, 0)).toBe(false);
    expect(exceedsDepth({}, 0)).toBe(true);
    expect(exceedsDepth({ a: [1, { b: 2 }] }, 3)).toBe(false);
    expect(exceedsDepth({ a: [1, { b: {} }] }, 3)).toBe(true);
    expect(exceedsDepth(nested(100), 100)).toBe(false);
    expect(exceedsDepth(nested(101), 100)).toBe(true);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(exceedsDepth(nested(100_000), 100)).toBe(true);
    expect(exceedsDepth(nested(100_000), 200_000)).toBe(false);
  });
});
