import { randomBytes } from 'node:crypto';
import { eq, rateLimitCounters } from '@levqor/db';
import { testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { postgresRateLimiter } from './rate-limiter';

const uniqueKey = () => `test:${randomBytes(6).toString('hex')}`;

describe('postgresRateLimiter', () => {
  it('answers concurrent hits on one key exactly as hits in sequence would be answered', async () => {
    const limiter = postgresRateLimiter(testDb());
    const key = uniqueKey();
    const results = await Promise.all(Array.from({ length: 50 }, () => limiter.hit(key, 30, 60_000)));
    expect(results.filter((r) => r.allowed)).toHaveLength(30);
    expect(results.map((r) => r.remaining).sort((a, b) => b - a)).toEqual([
      ...Array.from({ length: 30 }, (_, i) => 29 - i),
      ...Array.from({ length: 20 }, () => 0),
    ]);
    expect(new Set(results.map((r) => r.resetAt.getTime())).size).toBe(1);
    const [row] = await testDb().select().from(rateLimitCounters).where(eq(rateLimitCounters.key, key));
    expect(row!.count).toBe(50);
    // Shared: another limiter (another process) continues the same count.
    const other = await postgresRateLimiter(testDb()).hit(key, 30, 60_000);
    expect(other).toMatchObject({ allowed: false, remaining: 0 });
  });

  it('starts a new window once the current one has ended', async () => {
    const limiter = postgresRateLimiter(testDb());
    const key = uniqueKey();
    const first = await Promise.all([limiter.hit(key, 1, 300), limiter.hit(key, 1, 300)]);
    expect(first.map((r) => r.allowed)).toEqual([true, false]);
    await new Promise((r) => setTimeout(r, 400));
    const next = await limiter.hit(key, 1, 300);
    expect(next).toMatchObject({ allowed: true, remaining: 0 });
  });
});
