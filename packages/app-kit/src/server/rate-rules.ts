import { checkoutLimitPerMin, clientKey, signInKeys, signInLimits } from '@levqor/core';

export type AppName = 'web' | 'admin' | 'developers';

export interface LimitRule {
  /** Which limit (the auth handler reads the names the app server counted). */
  name: 'signin-link' | 'protected' | 'public-write';
  /** For the security log. */
  rule: string;
  key: string;
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;

function num(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const n = Number(env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Configurable defaults (per minute). Sign-in limits: `signInLimits` in packages/core. */
export function rateLimitConfig(env: NodeJS.ProcessEnv = process.env) {
  return {
    protectedPerIp: num(env, 'LEVQOR_RL_PROTECTED_PER_IP', 60),
    /** Anonymous writes (consent, analytics, unsubscribe): each stores a row, so each address is bounded. */
    publicWritesPerIp: num(env, 'LEVQOR_RL_PUBLIC_WRITES_PER_IP', 120),
    /** Enforced by the `billing.checkout` procedure, per signed-in user (packages/core/src/billing/checkout-limit.ts). */
    checkoutPerUser: checkoutLimitPerMin(env),
    /** tRPC calls per minute per signed-in user (anonymous callers: per address). */
    trpcQueriesPerMin: num(env, 'LEVQOR_RL_TRPC_QUERIES_PER_MIN', 600),
    trpcMutationsPerMin: num(env, 'LEVQOR_RL_TRPC_MUTATIONS_PER_MIN', 120),
  };
}

/** Requests for a sign-in link (verifying links is limited inside the auth handler). */
function isLinkRequest(method: string, path: string): boolean {
  return method === 'POST' && path.startsWith('/api/auth/signin');
}

/** Endpoints anyone may POST to without signing in, each writing to the database (all three apps). */
export const PUBLIC_WRITES = ['/api/analytics', '/api/consent', '/api/marketing/unsubscribe'];

const isPublicWrite = (method: string, path: string) => method === 'POST' && PUBLIC_WRITES.includes(path);

/** Protected areas (admin, account/billing, legal, marketing) limited per IP. */
const PROTECTED: Record<AppName, string[]> = {
  admin: ['/'],
  web: ['/dashboard/settings', '/dashboard/billing', '/legal', '/marketing'],
  developers: [],
};

/** Static assets and health checks: recognised on the canonical path only. */
export function isAsset(path: string): boolean {
  const p = path.toLowerCase();
  return (
    p.startsWith('/_next/') || p === '/favicon.ico' || p === '/api/health' || p.startsWith('/api/health/')
  );
}

/**
 * The limits a request counts against, most specific first. `path` is the canonical path
 * (`canonicalTarget`); it is compared case-insensitively, so no spelling counts less than another.
 */
export function limitsFor(
  app: AppName,
  method: string,
  path: string,
  ip: string,
  env = process.env,
): LimitRule[] {
  if (isAsset(path)) return [];
  const p = path.toLowerCase();
  const linkRequest = isLinkRequest(method, p);
  const protectedArea = PROTECTED[app].some((prefix) =>
    prefix === '/' ? true : p === prefix || p.startsWith(`${prefix}/`),
  );
  const publicWrite = isPublicWrite(method, p);
  if (!linkRequest && !protectedArea && !publicWrite) return []; // most requests: no env reads, no hashing
  const rules: LimitRule[] = [];
  if (publicWrite)
    rules.push({
      name: 'public-write',
      rule: `public-write ${app} per ip`,
      key: `public-write:${app}:ip:${clientKey(ip)}`,
      limit: rateLimitConfig(env).publicWritesPerIp,
      windowMs: MINUTE,
    });
  if (linkRequest)
    rules.push({
      name: 'signin-link',
      rule: 'signin-link per ip',
      key: signInKeys.linksPerIp(ip),
      ...signInLimits(env).linksPerIp,
    });
  if (protectedArea)
    rules.push({
      name: 'protected',
      rule: `protected ${app} per ip`,
      key: `protected:${app}:ip:${clientKey(ip)}`,
      limit: rateLimitConfig(env).protectedPerIp,
      windowMs: MINUTE,
    });
  return rules;
}
