import { defineConfig } from 'vitest/config';

const PACKAGES = [
  'config',
  'observability',
  'db',
  'core',
  'email',
  'auth',
  'api',
  'app-kit',
  'cli',
  'engine',
  'ui',
  'stripe-standin',
];

export default defineConfig({
  test: {
    globalSetup: ['./tooling/testing/src/global-setup.ts'],
    setupFiles: ['./tooling/testing/src/setup-env.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: PACKAGES.map((name) => ({
      extends: true,
      test: { name, include: [`packages/${name}/src/**/*.test.{ts,tsx}`] },
    })),
  },
});
