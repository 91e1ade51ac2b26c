import type { RestDeps } from '@levqor/api/rest/gateway';
import {
  createApiAuthGuard,
  createApiKeyVerifier,
  createRequestLog,
  postgresRateLimiter,
  type RateLimiter,
  redisRateLimiter,
} from '@levqor/core';
import { type Database, getDb } from '@levqor/db';
import { Redis } from 'ioredis';
import { getLevqorEngine } from './engine';

/** Shared limits: Redis when REDIS_URL is set, otherwise PostgreSQL — never per-process memory. */
export function createRateLimiter(db: Database, env: NodeJS.ProcessEnv = process.env): RateLimiter {
  if (!env.REDIS_URL) return postgresRateLimiter(db);
  const redis = new Redis(env.REDIS_URL, {
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
  return redisRateLimiter(redis);
}

const KEY = Symbol.for('levqor.rest-deps');
type GlobalWithDeps = typeof globalThis & { [KEY]?: Promise<RestDeps> };

/** One set of REST dependencies per process (key verifier with NOTIFY invalidation, limiter, request log). */
export function getRestDeps(): Promise<RestDeps> {
  const g = globalThis as GlobalWithDeps;
  g[KEY] ??= (async () => {
    const db = getDb();
    const limiter = createRateLimiter(db);
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
