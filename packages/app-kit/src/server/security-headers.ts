import { randomBytes } from 'node:crypto';

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The origin the browser's Sentry client sends reports to (the DSN's host), or null without a DSN: the
 * only cross-origin connection a page may open, and only when Sentry is configured.
 */
export function sentryConnectOrigin(dsn: string | undefined): string | null {
  if (!dsn) return null;
  try {
    return new URL(dsn).origin;
  } catch {
    return null;
  }
}

/** A strict CSP: scripts only from this origin with the request's nonce; nothing may frame the page. */
export function contentSecurityPolicy(
  nonce: string,
  dev: boolean,
  reportOrigin: string | null = null,
): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // React renders style attributes; no inline script is ever allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}${reportOrigin ? ` ${reportOrigin}` : ''}`,
    "frame-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
    "worker-src 'self' blob:",
  ].join('; ');
}

/** Headers on every page and API response of the three apps. */
export function securityHeaders(opts: { production: boolean; api: boolean }): Record<string, string> {
  return {
    ...(opts.production
      ? { 'strict-transport-security': 'max-age=63072000; includeSubDomains; preload' }
      : {}),
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': opts.api ? 'cross-origin' : 'same-origin',
    // Every subresource is same-origin, so require-corp breaks nothing; API responses skip it.
    ...(opts.api ? {} : { 'cross-origin-embedder-policy': 'require-corp' }),
  };
}

/** CORS for /api/v1 from the LEVQOR_CORS_ORIGINS allow-list (comma-separated origins; default none). */
export function corsHeaders(origin: string | undefined, env = process.env): Record<string, string> | null {
  if (!origin) return null;
  const allowed = (env.LEVQOR_CORS_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim().replace(/\/$/, ''))
    .filter(Boolean);
  if (!allowed.includes(origin)) return null;
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
    'access-control-allow-headers': 'authorization, x-api-key, content-type, idempotency-key, x-request-id',
    'access-control-expose-headers':
      'location, x-request-id, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset, retry-after',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}
