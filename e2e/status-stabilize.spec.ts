import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { e2eSecrets } from './support/attack';
import { E2E_DATABASE_URL } from './support/second-web-server';
import { WEB_URL } from './urls';

/**
 * Issue K: stabilize mode is shown on the public status page. Entered and left through the domain function
 * (`checkStabilize` on a synthetic breach series, e2e/support/stabilize-fixture.ts) on the running instance's
 * database; /status is read in Chromium and as plain server-rendered HTML.
 */
const REPO_ROOT = join(import.meta.dirname, '..');

function stabilize(action: 'enter' | 'leave'): { active: boolean; reason: string | null } {
  const run = spawnSync(
    join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
    [join(REPO_ROOT, 'e2e', 'support', 'stabilize-fixture.ts'), action],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...e2eSecrets(), DATABASE_URL: E2E_DATABASE_URL },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  if (run.status !== 0) throw new Error(`stabilize ${action} failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!);
}

const NOTICE = 'Stabilize mode is on';

test('/status shows the stabilize notice while the mode is on, and not once it is left', async ({ page }) => {
  await page.goto(`${WEB_URL}/status`);
  await expect(page.getByRole('heading', { name: 'Levqor status', level: 1 })).toBeVisible();
  await expect(page.getByText(NOTICE)).toHaveCount(0);

  let left: { active: boolean } | null = null;
  try {
    const entered = stabilize('enter');
    expect(entered).toMatchObject({ active: true, reason: expect.stringContaining('3 SLO breaches') });
    await page.reload();
    const notice = page.getByRole('status').filter({ hasText: NOTICE });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('3 SLO breaches in 10 minutes');
    await expect(notice).toContainText('Low-priority jobs are refused with 503');
    // The server-rendered page carries it (no script needed).
    const html = await (await page.request.get(`${WEB_URL}/status`)).text();
    expect(html).toContain(NOTICE);
  } finally {
    left = stabilize('leave');
  }
  expect(left.active).toBe(false);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Levqor status', level: 1 })).toBeVisible();
  await expect(page.getByText(NOTICE)).toHaveCount(0);
  expect(await (await page.request.get(`${WEB_URL}/status`)).text()).not.toContain(NOTICE);
});
