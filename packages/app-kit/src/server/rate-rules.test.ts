import { describe, expect, it } from 'vitest';
import { limitsFor } from './rate-rules';

const env = {
  ...process.env,
  LEVQOR_RL_UNAUTH_PER_IP: '7',
  LEVQOR_RL_UNAUTH_GLOBAL: undefined,
  LEVQOR_RL_PROTECTED_PER_IP: 'nonsense',
};

describe('limitsFor', () => {
  it('limits sign-in link requests per IP and globally, with limits from the environment', () => {
    expect(limitsFor('web', 'POST', '/api/auth/signin/email', '1.2.3.4', env)).toEqual([
      { key: 'unauth:ip:1.2.3.4', limit: 7, windowMs: 60_000 },
      { key: 'unauth:global', limit: 200, windowMs: 60_000 },
    ]);
  });

  it('limits protected areas per IP (a bad value falls back to the default)', () => {
    expect(limitsFor('admin', 'GET', '/users', '1.2.3.4', env)).toEqual([
      { key: 'protected:admin:ip:1.2.3.4', limit: 60, windowMs: 60_000 },
    ]);
    expect(limitsFor('web', 'GET', '/dashboard/settings/keys', '::1', env)).toHaveLength(1);
    expect(limitsFor('web', 'GET', '/dashboard/settingsx', '::1', env)).toEqual([]);
  });

  it('leaves everything else (the API has its per-key limit) and assets alone', () => {
    expect(limitsFor('developers', 'POST', '/api/v1/jobs', '1.2.3.4', env)).toEqual([]);
    expect(limitsFor('web', 'GET', '/dashboard/jobs', '1.2.3.4', env)).toEqual([]);
    expect(limitsFor('admin', 'GET', '/_next/static/chunk.js', '1.2.3.4', env)).toEqual([]);
  });
});
