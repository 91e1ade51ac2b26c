import { describe, expect, it } from 'vitest';
import { newId, randomBase62 } from './ids';

describe('ids', () => {
  it('are prefixed base62 and unique', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId('job')));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^job_[0-9A-Za-z]{20}$/);
    expect(randomBase62(64)).toHaveLength(64);
  });
});
