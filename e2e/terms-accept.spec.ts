import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { withDb } from './support/attack';
import { checkPages } from './support/axe';
import { freshEmail } from './support/dashboard';
import { type AppProcess, E2E_DATABASE_URL, startWebProcess } from './support/second-web-server';

/**
 * Accepting new terms, in a real browser. A published version applies to every user of a deployment at
 * once, so publishing one on the shared e2e instance would send every other spec's users to
 * /legal/accept. This spec runs its own web and developer-portal processes (production build, app server)
 * on a database of its own on the e2e PostgreSQL server, migrated by `pnpm levqor db migrate`, and drops
 * it at the end.
 */
const REPO_ROOT = join(import.meta.dirname, '..');
const WEB_PORT = 3021;
const DEV_PORT = 3022;
const WEB = `http://localhost:${WEB_PORT}`;
const DEVELOPERS = `http://localhost:${DEV_PORT}`;
const MAILBOX = `${WEB}/dev/mailbox`;
const dbName = `levqor_terms_e2e_${randomBytes(4).toString('hex')}`;
const dbUrl = (() => {
  const u = new URL(E2E_DATABASE_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

type Sql = Parameters<Parameters<typeof withDb>[0]>[0];
const onIsolatedDb = async <T>(fn: (sql: Sql) => Promise<T>) => {
  const { createRequire } = await import('node:module');
  const require = createRequire(join(REPO_ROOT, 'tooling', 'testing', 'package.json'));
  const postgres = require('postgres') as (url: string, opts: object) => Sql;
  const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
};

/** What an admin's "Publish" does (packages/core publishLegalDocument): a new current version. */
async function publish(kind: 'terms' | 'privacy', version: string, summary: string) {
  const id = `doc_e2e_${randomBytes(6).toString('hex')}`;
  await onIsolatedDb(
    (sql) => sql`insert into legal_documents (id, kind, version, summary, body)
      values (${id}, ${kind}, ${version}, ${summary},
              ${`Levqor ${kind === 'terms' ? 'terms of service' : 'privacy policy'} ${version}. ${summary}.`})`,
  );
  return id;
}

let web: AppProcess | null = null;
let developers: AppProcess | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  await withDb((sql) =>
    (sql as unknown as { unsafe(q: string): Promise<unknown> }).unsafe(`create database "${dbName}"`),
  );
  const migrate = spawnSync(
    join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
    [join(REPO_ROOT, 'packages', 'cli', 'src', 'main.ts'), 'db', 'migrate'],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: dbUrl, LEVQOR_HOME: join(REPO_ROOT, '.levqor', 'e2e') },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  expect(migrate.status, `${migrate.stdout}\n${migrate.stderr}`).toBe(0);
  const env = {
    DATABASE_URL: dbUrl,
    LEVQOR_WEB_URL: WEB,
    LEVQOR_DEVELOPERS_URL: DEVELOPERS,
    // Every spec runs from 127.0.0.1 (see playwright.config.ts).
    LEVQOR_RL_PROTECTED_PER_IP: '5000',
    LEVQOR_RL_PUBLIC_WRITES_PER_IP: '5000',
  };
  [web, developers] = await Promise.all([
    startWebProcess(WEB_PORT, { env, startTimeoutMs: 180_000 }),
    startWebProcess(DEV_PORT, {
      app: 'developers',
      env: { ...env, NEXTAUTH_URL: DEVELOPERS },
      startTimeoutMs: 180_000,
    }),
  ]);
});

test.afterAll(async () => {
  await Promise.all([web?.stop(), developers?.stop()]);
  await withDb((sql) =>
    (sql as unknown as { unsafe(q: string): Promise<unknown> }).unsafe(
      `drop database if exists "${dbName}" with (force)`,
    ),
  );
});

test('a new version sends the signed-in user to /legal/accept, and back to the page they wanted', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const email = freshEmail('terms');
  // Signed in to the dashboard and the developer portal before anything is published: no detour.
  await signInViaMailbox(page, email, WEB, MAILBOX);
  await signInViaMailbox(page, email, DEVELOPERS, MAILBOX);
  await page.goto(`${WEB}/dashboard/usage`);
  await expect(page).toHaveURL(`${WEB}/dashboard/usage`);

  // An admin publishes new terms of service.
  const terms = `2026-12-${randomBytes(2).toString('hex')}`;
  const termsId = await publish('terms', terms, 'API keys need the owner to accept within 30 days');

  // Any dashboard page now leads to /legal/accept first, remembering where the user was going.
  await page.goto(`${WEB}/dashboard/jobs?status=failed`);
  await expect(page).toHaveURL(
    `${WEB}/legal/accept?next=${encodeURIComponent('/dashboard/jobs?status=failed')}`,
  );
  await expect(page.getByRole('heading', { level: 1, name: 'Updated terms' })).toBeVisible();
  await expect(page.getByText(`Terms of service — version ${terms}`)).toBeVisible();
  await expect(
    page.getByText('What changed: API keys need the owner to accept within 30 days'),
  ).toBeVisible();
  // A client-side navigation into the dashboard (a Next link on the home page) is caught as well.
  await page.goto(`${WEB}/`);
  await page
    .getByRole('navigation', { name: 'Account' })
    .getByRole('link', { name: 'Open dashboard' })
    .click();
  await expect(page).toHaveURL(`${WEB}/legal/accept?next=${encodeURIComponent('/dashboard')}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Updated terms' })).toBeVisible();
  await checkPages(page, testInfo, WEB, ['/legal/accept?next=%2Fdashboard%2Fjobs%3Fstatus%3Dfailed']);

  // Accepting lands on the page that was asked for, and is recorded (HMAC of the IP, user agent).
  await page.goto(`${WEB}/dashboard/jobs?status=failed`);
  await page.getByRole('button', { name: 'I accept' }).click();
  await expect(page).toHaveURL(`${WEB}/dashboard/jobs?status=failed`);
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
  const rows = await onIsolatedDb(
    (sql) => sql`select a.ip_hash, a.user_agent, a.accepted_at from legal_acceptances a
      join users u on u.id = a.user_id where u.email = ${email} and a.document_id = ${termsId}`,
  );
  expect(rows).toHaveLength(1);
  expect(String(rows[0]!.ip_hash)).toMatch(/^[0-9a-f]{64}$/);
  expect(String(rows[0]!.user_agent)).toContain('Chrome');
  // Accepted once is accepted: the dashboard opens directly again.
  await page.goto(`${WEB}/dashboard/usage`);
  await expect(page).toHaveURL(`${WEB}/dashboard/usage`);

  // The developer portal is gated the same way: a new privacy policy, opened from the portal.
  const policy = `2026-12-p${randomBytes(2).toString('hex')}`;
  const policyId = await publish('privacy', policy, 'Export downloads need a one-time code');
  await page.goto(`${DEVELOPERS}/webhooks`);
  await expect(page).toHaveURL(`${DEVELOPERS}/legal/accept?next=${encodeURIComponent('/webhooks')}`);
  await expect(page.getByText(`Privacy policy — version ${policy}`)).toBeVisible();
  // Only what is pending is shown: the terms accepted in the dashboard are not asked again.
  await expect(page.getByText(`Terms of service — version ${terms}`)).toHaveCount(0);
  await checkPages(page, testInfo, DEVELOPERS, ['/legal/accept?next=%2Fwebhooks']);
  await page.goto(`${DEVELOPERS}/legal/accept?next=%2Fwebhooks`);
  await page.getByRole('button', { name: 'I accept' }).click();
  await expect(page).toHaveURL(`${DEVELOPERS}/webhooks`);
  await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
  const accepted = await onIsolatedDb(
    (sql) => sql`select a.document_id from legal_acceptances a join users u on u.id = a.user_id
      where u.email = ${email} order by a.accepted_at`,
  );
  expect(accepted.map((r) => r.document_id)).toEqual([termsId, policyId]);
  // Acceptance belongs to the user, not the app: the dashboard does not ask again.
  await page.goto(`${WEB}/dashboard/usage`);
  await expect(page).toHaveURL(`${WEB}/dashboard/usage`);
});

test('a stale /legal/accept page cannot accept a superseded version', async ({ page }) => {
  test.setTimeout(120_000);
  const email = freshEmail('terms-stale');
  await signInViaMailbox(page, email, WEB, MAILBOX);
  const first = `2026-12-s${randomBytes(2).toString('hex')}`;
  await publish('terms', first, 'First wording');
  await page.goto(`${WEB}/dashboard`);
  await expect(page.getByText(`Terms of service — version ${first}`)).toBeVisible();
  // Meanwhile a newer version is published; the open page still shows the old one.
  const second = `${first}b`;
  await publish('terms', second, 'Second wording');
  await page.getByRole('button', { name: 'I accept' }).click();
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: 'A newer version was published meanwhile: reload the page and read it.' }),
  ).toBeVisible();
  await page.reload();
  await expect(page.getByText(`Terms of service — version ${second}`)).toBeVisible();
  await page.getByRole('button', { name: 'I accept' }).click();
  await expect(page).toHaveURL(`${WEB}/dashboard`);
});
