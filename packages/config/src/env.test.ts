import { describe, expect, it } from 'vitest';
import {
  devMailboxUrl,
  envProblems,
  isDevMailboxEnabled,
  isLocal,
  loadEnv,
  mayReadDevMailbox,
  PRODUCTION_REQUIRED,
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
