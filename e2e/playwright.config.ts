import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { FAKES_URL, WEB_URL } from './urls';

/**
 * End-to-end suite: real Chromium (Debian's /usr/bin/chromium) against the production build started by
 * the Levqor launcher (`pnpm start`), with its own state dir and embedded PostgreSQL port so it never
 * touches a developer's `.levqor/`. When DATABASE_URL is set, the launcher uses that database instead.
 *
 * Run: `pnpm build && pnpm test:e2e`.
 */
const REPO_ROOT = join(import.meta.dirname, '..');
const CI = !!process.env.CI;
const CHROMIUM = process.env.LEVQOR_E2E_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: join(REPO_ROOT, 'test-results'),
  fullyParallel: true,
  workers: CI ? 2 : undefined,
  retries: CI ? 1 : 0,
  forbidOnly: CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: CI
    ? [['list'], ['html', { outputFolder: join(REPO_ROOT, 'playwright-report'), open: 'never' }]]
    : 'list',
  globalSetup: './global-setup.ts',
  use: {
    baseURL: WEB_URL,
    // A cookie choice already made (reject all), so the consent banner stays out of the other specs'
    // way; e2e/privacy.spec.ts starts without it. Cookies ignore ports: one for all three apps.
    storageState: {
      cookies: [
        {
          name: 'levqor_consent',
          value: 'v1.a0.m0',
          domain: 'localhost',
          path: '/',
          expires: -1,
          httpOnly: false,
          secure: false,
          sameSite: 'Lax',
        },
      ],
      origins: [],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    navigationTimeout: 30_000,
    actionTimeout: 15_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: [
    {
      // The third parties of `http` and `ai` steps (every-step.spec.ts), on a fixed loopback port.
      name: 'fakes',
      command: 'exec node_modules/.bin/tsx e2e/support/fake-upstreams.ts',
      cwd: REPO_ROOT,
      url: `${FAKES_URL}/health`,
      reuseExistingServer: !CI,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      name: 'levqor',
      // A fresh state dir (embedded database, secrets) per run, then the launcher: `pnpm start`.
      command: 'bash e2e/reset-state.sh "$LEVQOR_HOME" && exec pnpm start',
      cwd: REPO_ROOT,
      env: {
        LEVQOR_HOME: join(REPO_ROOT, '.levqor', 'e2e'),
        LEVQOR_PG_PORT: process.env.LEVQOR_E2E_PG_PORT ?? '54331',
        // The suite signs up several hundred new addresses a minute (attack specs included): more than
        // the breaker for new addresses allows a real deployment (200/min, see README "Security").
        LEVQOR_RL_UNAUTH_GLOBAL: '2000',
        // Every spec runs from 127.0.0.1: the admin console (all of it) and the dashboard's protected
        // pages allow 60 requests a minute per address, which parallel specs and axe passes over every
        // page exceed together. The limit itself is tested in packages/app-kit (rate-rules).
        LEVQOR_RL_PROTECTED_PER_IP: '5000',
        // Likewise the anonymous writes (consent choices, analytics): 120 a minute per address by default.
        LEVQOR_RL_PUBLIC_WRITES_PER_IP: '5000',
        NEXT_TELEMETRY_DISABLED: '1',
        TURBO_TELEMETRY_DISABLED: '1',
        // The worker's `ai` steps go to the fake, its `http` steps may reach loopback (local mode only).
        LEVQOR_AI_BASE_URL: `${FAKES_URL}/v1`,
        LEVQOR_SSRF_ALLOW: '127.0.0.1',
        // billing.spec.ts watches dunning run its course: seconds instead of days.
        LEVQOR_DUNNING_SCHEDULE: '2s,2s,2s',
      },
      // The launcher prints its summary only once all three apps answer /api/health; global-setup.ts
      // checks all three again (also when an already running server is reused).
      url: 'http://127.0.0.1:3000/api/health',
      wait: { stdout: /Levqor is running/ },
      reuseExistingServer: !CI,
      timeout: 600_000, // `pnpm start` builds first when no production build exists
      stdout: 'pipe',
      stderr: 'pipe',
      // Without this Playwright SIGKILLs the process group, and the launcher could not stop the Next
      // servers and PostgreSQL it started in their own process groups (they were left running). pnpm
      // prints "ELIFECYCLE Command failed" when it receives the SIGTERM; that line is expected.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
    },
  ],
});
