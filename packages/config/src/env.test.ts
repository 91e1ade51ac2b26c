import { describe, expect, it } from 'vitest';
import {
  devMailboxUrl,
  envProblems,
  infraUnitCosts,
  isDevMailboxEnabled,
  isLocal,
  loadEnv,
  mayReadDevMailbox,
  PRODUCTION_REQUIRED,
  STRIPE_STANDIN,
  stripeSettings,
} from './env';

describe('envProblems', () => {
  it('names every missing production variable on its own line', () => {
    const problems = envProblems({ NODE_ENV: 'production' });
    expect(problems).toHaveLength(PRODUCTION_REQUIRED.length);
    for (const name of PRODUCTION_REQUIRED) {
      expect(problems.filter((p) => p.includes(` ${name} `))).toHaveLength(1);
    }
  });

  it('asks nothing of a local run', () => {
    expect(envProblems({ NODE_ENV: 'development' })).toEqual([]);
    expect(envProblems({ NODE_ENV: 'production', LEVQOR_LOCAL: '1' })).toEqual([]);
  });

  it('rejects a short secret and a non-postgres URL, naming them', () => {
    const problems = envProblems({ NEXTAUTH_SECRET: 'short', DATABASE_URL: 'mysql://x' });
    expect(problems.some((p) => p.startsWith('Invalid environment variable NEXTAUTH_SECRET'))).toBe(true);
    expect(problems.some((p) => p.startsWith('Invalid environment variable DATABASE_URL'))).toBe(true);
    expect(() => loadEnv({ NEXTAUTH_SECRET: 'short' })).toThrow(/NEXTAUTH_SECRET/);
    expect(envProblems({ LEVQOR_HOST: 'everywhere' })).toEqual([
      'Invalid environment variable LEVQOR_HOST: must be a comma-separated list of IP addresses, e.g. 127.0.0.1,::1 or 0.0.0.0.',
    ]);
    expect(envProblems({ LEVQOR_HOST: '0.0.0.0', LEVQOR_RL_TRPC_QUERIES_PER_MIN: '300' })).toEqual([]);
  });
});

describe('dev mailbox switch', () => {
  it('is on locally without Resend and off in a real deployment', () => {
    expect(isDevMailboxEnabled({ NODE_ENV: 'development' })).toBe(true);
    expect(isDevMailboxEnabled({ NODE_ENV: 'production', LEVQOR_LOCAL: '1' })).toBe(true);
    expect(isDevMailboxEnabled({ NODE_ENV: 'development', RESEND_API_KEY: 're_x' })).toBe(false);
    expect(isDevMailboxEnabled({ NODE_ENV: 'production' })).toBe(false);
    expect(isDevMailboxEnabled({ NODE_ENV: 'production', LEVQOR_DEV_MAILBOX: '1' })).toBe(false);
    expect(
      isDevMailboxEnabled({ NODE_ENV: 'development', RESEND_API_KEY: 're_x', LEVQOR_DEV_MAILBOX: '1' }),
    ).toBe(true);
    expect(isLocal({ NODE_ENV: 'production' })).toBe(false);
  });

  it('refuses LEVQOR_DEV_MAILBOX=1 outside local mode with one clear line', () => {
    const problems = envProblems({ NODE_ENV: 'production', LEVQOR_DEV_MAILBOX: '1' });
    expect(
      problems.filter((p) => p.startsWith('LEVQOR_DEV_MAILBOX=1 is refused outside local mode')),
    ).toHaveLength(1);
    expect(envProblems({ NODE_ENV: 'production', LEVQOR_LOCAL: '1', LEVQOR_DEV_MAILBOX: '1' })).toEqual([]);
  });

  it('opens the mailbox only to loopback callers in local mode', () => {
    expect(mayReadDevMailbox(true, { NODE_ENV: 'development' })).toBe(true);
    expect(mayReadDevMailbox(false, { NODE_ENV: 'development' })).toBe(false);
    expect(mayReadDevMailbox(true, { NODE_ENV: 'production', LEVQOR_DEV_MAILBOX: '1' })).toBe(false);
  });

  it('points at the web app', () => {
    expect(devMailboxUrl({ LEVQOR_WEB_URL: 'http://localhost:4000/' })).toBe(
      'http://localhost:4000/dev/mailbox',
    );
    expect(devMailboxUrl({ NODE_ENV: 'production' })).toBeNull();
  });
});

describe('Stripe settings', () => {
  const prod = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://x',
    NEXTAUTH_SECRET: 'x'.repeat(32),
    LEVQOR_SECRET: 'y'.repeat(32),
    RESEND_API_KEY: 're_x',
    LEVQOR_EMAIL_FROM: 'Levqor <a@b.c>',
    LEVQOR_WEB_URL: 'https://app.levqor.dev',
    LEVQOR_ADMIN_URL: 'https://admin.levqor.dev',
    LEVQOR_DEVELOPERS_URL: 'https://developers.levqor.dev',
    STRIPE_SECRET_KEY: 'sk_live_abc',
    STRIPE_WEBHOOK_SECRET: 'whsec_abc',
  };

  it('production refuses a STRIPE_API_BASE other than Stripe’s own API', () => {
    expect(envProblems(prod)).toEqual([]);
    expect(envProblems({ ...prod, STRIPE_API_BASE: 'https://api.stripe.com' })).toEqual([]);
    const refused = envProblems({ ...prod, STRIPE_API_BASE: 'http://127.0.0.1:12111' });
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain('STRIPE_API_BASE=http://127.0.0.1:12111 is refused in production');
    expect(() => stripeSettings({ ...prod, STRIPE_API_BASE: 'https://evil.example' })).toThrow(/refused/);
    expect(envProblems({ ...prod, STRIPE_WEBHOOK_SECRET: undefined })[0]).toContain('STRIPE_WEBHOOK_SECRET');
  });

  it('locally without a key: the stand-in, its base parsed into host, port and protocol', () => {
    expect(stripeSettings({ NODE_ENV: 'development', LEVQOR_STRIPE_STANDIN_PORT: '12999' })).toMatchObject({
      mode: 'standin',
      secretKey: STRIPE_STANDIN.secretKey,
      api: { host: '127.0.0.1', port: 12_999, protocol: 'http' },
      prices: STRIPE_STANDIN.prices,
    });
    expect(
      stripeSettings({ ...prod, STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined }).mode,
    ).toBe('off');
    expect(stripeSettings(prod)).toMatchObject({ mode: 'stripe', api: null, secretKey: 'sk_live_abc' });
  });
});

describe('infraUnitCosts', () => {
  it('reads the unit costs that are set, leaves the others to the defaults, and names an invalid one', () => {
    expect(infraUnitCosts({})).toEqual({});
    expect(
      infraUnitCosts({ LEVQOR_INFRA_CENTS_PER_JOB: '0.2', LEVQOR_INFRA_CENTS_PER_WEBHOOK_FAILURE: '0' }),
    ).toEqual({ perJobCents: 0.2, perWebhookFailureCents: 0 });
    expect(() => infraUnitCosts({ LEVQOR_INFRA_CENTS_PER_API_REQUEST: 'cheap' })).toThrow(
      /LEVQOR_INFRA_CENTS_PER_API_REQUEST: must be a number of cents/,
    );
    expect(() => infraUnitCosts({ LEVQOR_INFRA_CENTS_PER_JOB: '-1' })).toThrow(
      /LEVQOR_INFRA_CENTS_PER_JOB: must be 0 or more cents/,
    );
    expect(envProblems({ LEVQOR_LOCAL: '1', LEVQOR_INFRA_CENTS_PER_JOB: '-1' })).toContain(
      'Invalid environment variable LEVQOR_INFRA_CENTS_PER_JOB: must be 0 or more cents.',
    );
  });
});
