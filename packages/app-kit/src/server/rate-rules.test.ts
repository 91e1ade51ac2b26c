import { clientKey, signInKeys } from '@levqor/core';
import { describe, expect, it } from 'vitest';
import { limitsFor, rateLimitConfig } from './rate-rules';

const env = {
  ...process.env,
  LEVQOR_RL_UNAUTH_PER_IP: '7',
  LEVQOR_RL_PROTECTED_PER_IP: 'nonsense',
  LEVQOR_RL_TRPC_QUERIES_PER_MIN: '42',
};

describe('limitsFor', () => {
  it('limits sign-in link requests per IP (the global breaker lives in the auth handler), from the environment', () => {
    expect(limitsFor('web', 'POST', '/api/auth/signin/email', '1.2.3.4', env)).toEqual([
      {
        name: 'signin-link',
        rule: 'signin-link per ip',
        key: signInKeys.linksPerIp('1.2.3.4'),
        limit: 7,
        windowMs: 60_000,
      },
    ]);
  });

  it('keys clients by the keyed hash of their address (IPv6: the /64), never the address', () => {
    const [a] = limitsFor('web', 'POST', '/api/auth/signin/email', '2001:db8:1:2::1', env);
    const [b] = limitsFor('web', 'POST', '/api/auth/signin/email', '2001:db8:1:2:ffff::9', env);
    expect(a!.key).toBe(b!.key);
    expect(a!.key).not.toContain('2001');
    expect(a!.key).toContain(clientKey('2001:db8:1:2::')); // the /64's hash
    expect(limitsFor('admin', 'GET', '/users', '1.2.3.4', env)[0]!.key).toBe(
      `protected:admin:ip:${clientKey('1.2.3.4')}`,
    );
  });

  it('matches the canonical path case-insensitively', () => {
    expect(limitsFor('web', 'POST', '/api/auth/SIGNIN/email', '1.2.3.4', env)).toHaveLength(1);
    expect(limitsFor('web', 'GET', '/Dashboard/Settings', '1.2.3.4', env)).toHaveLength(1);
  });

  it('limits protected areas per IP (a bad value falls back to the default)', () => {
    expect(limitsFor('admin', 'GET', '/users', '1.2.3.4', env)).toMatchObject([
      { limit: 60, windowMs: 60_000 },
    ]);
    expect(limitsFor('web', 'GET', '/dashboard/settings/keys', '::1', env)).toHaveLength(1);
    expect(limitsFor('web', 'GET', '/dashboard/settingsx', '::1', env)).toEqual([]);
  });

  it('leaves everything else (the API has its per-key limit) and assets alone', () => {
    expect(limitsFor('developers', 'POST', '/api/v1/jobs', '1.2.3.4', env)).toEqual([]);
    expect(limitsFor('web', 'GET', '/dashboard/jobs', '1.2.3.4', env)).toEqual([]);
    expect(limitsFor('admin', 'GET', '/_next/static/chunk.js', '1.2.3.4', env)).toEqual([]);
    expect(limitsFor('admin', 'GET', '/api/health/ready', '1.2.3.4', env)).toEqual([]);
    expect(limitsFor('admin', 'GET', '/api/healthz', '1.2.3.4', env)).toHaveLength(1);
  });

  it('bounds anonymous writes (consent, analytics, unsubscribe) per IP in every app, POST only', () => {
    // (the admin console is a protected area throughout: it counts that limit too)
    for (const app of ['web', 'admin', 'developers'] as const)
      expect(limitsFor(app, 'POST', '/api/Consent', '1.2.3.4', env)).toContainEqual({
        name: 'public-write',
        rule: `public-write ${app} per ip`,
        key: `public-write:${app}:ip:${clientKey('1.2.3.4')}`,
        limit: 120,
        windowMs: 60_000,
      });
    expect(limitsFor('web', 'POST', '/api/marketing/unsubscribe', '1.2.3.4', env)).toHaveLength(1);
    expect(
      limitsFor('web', 'POST', '/api/analytics', '1.2.3.4', { ...env, LEVQOR_RL_PUBLIC_WRITES_PER_IP: '9' }),
    ).toMatchObject([{ limit: 9 }]);
    expect(limitsFor('web', 'GET', '/api/consent', '1.2.3.4', env)).toEqual([]);
  });

  it('reads the tRPC limits from the environment', () => {
    expect(rateLimitConfig(env)).toMatchObject({ trpcQueriesPerMin: 42, trpcMutationsPerMin: 120 });
  });
});
