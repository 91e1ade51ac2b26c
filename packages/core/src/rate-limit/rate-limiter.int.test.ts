import { randomBytes } from 'node:crypto';
import { eq, rateLimitCounters } from '@levqor/db';
import { testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { fallbackRateLimiter, leaseSize, postgresRateLimiter, redisRateLimiter } from './rate-limiter';

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

  it('above a limit of 100, counts 2% of the limit per upsert and answers the rest of that lease locally', async () => {
    const limiter = postgresRateLimiter(testDb());
    const key = uniqueKey();
    expect(leaseSize(1_000)).toBe(20);
    const results = [];
    for (let i = 0; i < 30; i++) results.push(await limiter.hit(key, 1_000, 60_000));
    expect(results.map((r) => r.remaining)).toEqual(Array.from({ length: 30 }, (_, i) => 999 - i));
    const count = async () =>
      (await testDb().select().from(rateLimitCounters).where(eq(rateLimitCounters.key, key)))[0]!.count;
    // Two upserts of 20: hits 1–20 and 21–40 of the window, 10 of them still leased here.
    expect(await count()).toBe(40);
    // Another process counts after what this one has leased; the limit holds across both.
    expect(await postgresRateLimiter(testDb()).hit(key, 1_000, 60_000)).toMatchObject({ remaining: 959 });
    const near = postgresRateLimiter(testDb());
    const burst = await Promise.all(Array.from({ length: 1_000 }, () => near.hit(key, 1_000, 60_000)));
    expect(burst.filter((r) => r.allowed).length).toBe(1_000 - 60);
  });
});

describe('fallbackRateLimiter', () => {
  it('counts in PostgreSQL while Redis fails, and in Redis again once it answers', async () => {
    let redisUp = false;
    // A stand-in for Redis (a third party): fails while "down", counts in memory while "up".
    const counts = new Map<string, number>();
    const redis = {
      async eval(_script: string, _n: number, key: string | number) {
        if (!redisUp) throw new Error("Stream isn't writeable and enableOfflineQueue options is false");
        const c = (counts.get(String(key)) ?? 0) + 1;
        counts.set(String(key), c);
        return [c, 60_000];
      },
    };
    const fallbacks: unknown[] = [];
    let recovered = 0;
    const limiter = fallbackRateLimiter(redisRateLimiter(redis), postgresRateLimiter(testDb()), {
      onFallback: (err) => fallbacks.push(err),
      onRecover: () => (recovered += 1),
    });
    const key = uniqueKey();
    const down = [await limiter.hit(key, 2, 60_000), await limiter.hit(key, 2, 60_000)];
    expect(down.map((r) => r.allowed)).toEqual([true, true]);
    expect((await limiter.hit(key, 2, 60_000)).allowed).toBe(false);
    const [row] = await testDb().select().from(rateLimitCounters).where(eq(rateLimitCounters.key, key));
    expect(row!.count).toBe(3);
    expect(fallbacks).toHaveLength(1);

    redisUp = true;
    expect(await limiter.hit(key, 2, 60_000)).toMatchObject({ allowed: true, remaining: 1 });
    expect(recovered).toBe(1);
    expect(counts.get(`levqor:rl:${key}`)).toBe(1);
  });
});
