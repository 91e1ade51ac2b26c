import type { RestDeps } from '@levqor/api/rest/gateway';
import {
  createApiAuthGuard,
  createApiKeyVerifier,
  createRefusalLog,
  createRequestLog,
  fallbackRateLimiter,
  postgresRateLimiter,
  type RateLimiter,
  type RefusalLog,
  redisRateLimiter,
} from '@levqor/core';
import { type Database, getDb } from '@levqor/db';
import { Redis } from 'ioredis';
import { getLevqorEngine } from './engine';

/**
 * Shared limits: Redis when REDIS_URL is set, otherwise PostgreSQL — never per-process memory. While
 * Redis cannot be reached, hits fail at once (no offline queue, 500 ms command timeout) and are counted
 * in PostgreSQL instead; ioredis reconnects in the background and Redis takes over again.
 */
export function createRateLimiter(db: Database, env: NodeJS.ProcessEnv = process.env): RateLimiter {
  const postgres = postgresRateLimiter(db);
  if (!env.REDIS_URL) return postgres;
  const redis = new Redis(env.REDIS_URL, {
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    commandTimeout: 500,
    connectTimeout: 1_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  // Without a listener ioredis reports every failed reconnect as an unhandled error event.
  redis.on('error', () => {});
  const log = (level: string, msg: string, err?: unknown) =>
    console.error(JSON.stringify({ level, msg, ...(err ? { err: String(err) } : {}) }));
  return fallbackRateLimiter(redisRateLimiter(redis), postgres, {
    onFallback: (err) => log('warn', 'rate limits: Redis unavailable, counting in PostgreSQL', err),
    onRecover: () => log('info', 'rate limits: Redis is back'),
  });
}

const LIMITER = Symbol.for('levqor.rate-limiter');
type GlobalWithLimiter = typeof globalThis & { [LIMITER]?: RateLimiter };

/** The process's one limiter (one Redis connection or PostgreSQL client), shared by the app server and routes. */
export function getSharedLimiter(): RateLimiter {
  const g = globalThis as GlobalWithLimiter;
  g[LIMITER] ??= createRateLimiter(getDb());
  return g[LIMITER];
}

const REFUSALS = Symbol.for('levqor.refusal-log');
type GlobalWithRefusals = typeof globalThis & { [REFUSALS]?: RefusalLog };

/** The process's security-log writer for rate-limit refusals (one row per limit and window). */
export function getSharedRefusalLog(): RefusalLog {
  const g = globalThis as GlobalWithRefusals;
  g[REFUSALS] ??= createRefusalLog(getDb());
  return g[REFUSALS];
}

const KEY = Symbol.for('levqor.rest-deps');
type GlobalWithDeps = typeof globalThis & { [KEY]?: Promise<RestDeps> };

/** One set of REST dependencies per process (key verifier with NOTIFY invalidation, limiter, request log). */
export function getRestDeps(): Promise<RestDeps> {
  const g = globalThis as GlobalWithDeps;
  g[KEY] ??= (async () => {
    const db = getDb();
    const limiter = getSharedLimiter();
    return {
      db,
      events: getLevqorEngine().client,
      verifier: await createApiKeyVerifier(db),
      limiter,
      authGuard: createApiAuthGuard(db, limiter),
      requestLog: createRequestLog(db),
    };
  })();
  return g[KEY];
}
