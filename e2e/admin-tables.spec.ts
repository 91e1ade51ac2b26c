import { expect, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { signInAdminDirectly } from './support/admin-session';
import { withDb } from './support/attack';
import { checkPages } from './support/axe';
import { freshEmail } from './support/dashboard';
import { ADMIN_URL, WEB_URL } from './urls';

/**
 * The list pages built on the shared DataTable: named tables whose every header is scoped to its column,
 * no serious axe finding at laptop and phone width, nothing wider than the screen.
 */
async function tablesAreNamedAndScoped(page: import('@playwright/test').Page, url: string) {
  await page.goto(url);
  const tables = page.locator('table');
  for (const table of await tables.all()) {
    // Named (aria-label, or a chart's caption), every header cell scoped to its column or row.
    await expect(table).toHaveAccessibleName(/\S/);
    await expect(table.locator('th:not([scope])')).toHaveCount(0);
    await expect(table.locator('thead th:not([scope="col"])')).toHaveCount(0);
    // An action column keeps its name for assistive technology: no empty header cell.
    for (const th of await table.locator('th').all()) expect((await th.textContent())?.trim()).not.toBe('');
  }
}

test('admin console list pages: accessible DataTables', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const ids = await withDb(async (sql) => {
    const [demo] = await sql`select w.id from workspaces w join memberships m on m.workspace_id = w.id
      join users u on u.id = m.user_id where u.email = 'demo@levqor.local' limit 1`;
    const [admin] = await sql`select id from users where email = 'admin@levqor.local'`;
    return { workspace: String(demo!.id), user: String(admin!.id) };
  });
  await signInAdminDirectly(page);
  const paths = [
    '/reports',
    '/sla-claims',
    '/flags',
    '/privacy-requests',
    '/alerts',
    '/growth',
    '/security',
    '/billing',
    `/accounts/workspaces/${ids.workspace}`,
    `/accounts/users/${ids.user}`,
  ];
  for (const path of paths) await tablesAreNamedAndScoped(page, `${ADMIN_URL}${path}`);
  await page.goto(`${ADMIN_URL}/accounts/workspaces/${ids.workspace}`);
  await expect(page.getByRole('table', { name: 'Members' })).toContainText('demo@levqor.local');
  await checkPages(page, testInfo, ADMIN_URL, paths);
});

test('dashboard overview, alerts and SLA pages: accessible DataTables', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const email = freshEmail('tables');
  await signInViaMailbox(page, email);
  const paths = ['/dashboard', '/dashboard/alerts', '/dashboard/sla'];
  for (const path of paths) await tablesAreNamedAndScoped(page, `${WEB_URL}${path}`);
  await page.goto(`${WEB_URL}/dashboard`);
  await expect(page.getByRole('table', { name: 'Members' })).toContainText(email);
  await page.goto(`${WEB_URL}/dashboard/alerts`);
  await expect(page.getByText('Nothing has fired for this workspace.')).toBeVisible();
  await page.goto(`${WEB_URL}/dashboard/sla`);
  await expect(page.getByTestId('sla-months').locator('tbody tr')).toHaveCount(6);
  await checkPages(page, testInfo, WEB_URL, paths);
});
