export type AppName = 'web' | 'admin' | 'developers';

export interface LimitRule {
  key: string;
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;

function num(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const n = Number(env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Configurable defaults (per minute). */
export function rateLimitConfig(env: NodeJS.ProcessEnv = process.env) {
  return {
    unauthPerIp: num(env, 'LEVQOR_RL_UNAUTH_PER_IP', 20),
    unauthGlobal: num(env, 'LEVQOR_RL_UNAUTH_GLOBAL', 200),
    protectedPerIp: num(env, 'LEVQOR_RL_PROTECTED_PER_IP', 60),
    checkoutPerUser: num(env, 'LEVQOR_RL_CHECKOUT_PER_USER', 3),
  };
}

/** Unauthenticated endpoints: requesting sign-in links (verifying them is guarded by the lockout). */
function isUnauthenticatedEndpoint(method: string, path: string): boolean {
  return method === 'POST' && path.startsWith('/api/auth/signin');
}

/** Protected areas (admin, account/billing, legal, marketing) limited per IP. */
const PROTECTED: Record<AppName, string[]> = {
  admin: ['/'],
  web: ['/dashboard/settings', '/dashboard/billing', '/legal', '/marketing'],
  developers: [],
};

function isAsset(path: string): boolean {
  return path.startsWith('/_next/') || path === '/favicon.ico' || path.startsWith('/api/health');
}

/** The limits a request counts against, most specific first. */
export function limitsFor(
  app: AppName,
  method: string,
  path: string,
  ip: string,
  env = process.env,
): LimitRule[] {
  if (isAsset(path)) return [];
  const unauthenticated = isUnauthenticatedEndpoint(method, path);
  const protectedArea = PROTECTED[app].some((p) =>
    p === '/' ? true : path === p || path.startsWith(`${p}/`),
  );
  if (!unauthenticated && !protectedArea) return []; // most requests: no env reads
  const cfg = rateLimitConfig(env);
  const rules: LimitRule[] = [];
  if (unauthenticated) {
    rules.push({ key: `unauth:ip:${ip}`, limit: cfg.unauthPerIp, windowMs: MINUTE });
    rules.push({ key: 'unauth:global', limit: cfg.unauthGlobal, windowMs: MINUTE });
  }
  if (protectedArea)
    rules.push({ key: `protected:${app}:ip:${ip}`, limit: cfg.protectedPerIp, windowMs: MINUTE });
  return rules;
}
