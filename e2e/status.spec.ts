import { expect, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { signInAdminDirectly } from './support/admin-session';
import { withDb } from './support/attack';
import { checkPages } from './support/axe';
import { freshEmail } from './support/dashboard';
import { ADMIN_URL, WEB_URL } from './urls';

/**
 * The status page and SLA credits end to end: an admin opens an incident and /status shows it (checked
 * with axe at 1280 and 390 px); a paying owner whose last month measured below 99.5% files the computed
 * claim, and an admin approves it — the credit lands on the Stripe stand-in's customer balance.
 */

test('admin opens an incident; /status shows it, accessible at 1280 and 390 px', async ({
  page,
}, testInfo) => {
  const title = `E2E intake latency ${Date.now().toString(36)}`;
  await signInAdminDirectly(page);
  await page.goto(`${ADMIN_URL}/incidents`);
  await page.getByLabel('Title (public)').fill(title);
  await page.getByLabel('Impact').selectOption('major');
  await page.getByRole('checkbox', { name: 'api' }).check();
  await page.getByLabel('First update (public)').fill('Job submissions are slow; we are looking into it.');
  await page.getByTestId('open-incident').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason (kept in the audit log)').fill('e2e: intake latency alert fired');
  await dialog.getByRole('button', { name: 'Open incident' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(title)).toBeVisible();

  // The footer links to it; the incident is listed as investigating with its update.
  await page.goto(`${WEB_URL}/sla`);
  await page.getByRole('navigation', { name: 'Legal' }).getByRole('link', { name: 'Status' }).click();
  await expect(page).toHaveURL(`${WEB_URL}/status`);
  const incident = page.locator('li', { hasText: title }).first();
  await expect(incident).toContainText('Investigating');
  await expect(incident).toContainText('Job submissions are slow; we are looking into it.');
  for (const id of ['web', 'api', 'workers', 'database'])
    await expect(page.getByTestId(`component-${id}`).getByTestId('uptime-bars').locator('span')).toHaveCount(
      90,
    );
  await checkPages(page, testInfo, WEB_URL, ['/status', '/sla']);
});

// The claim is for last month: its window is open on days 1–30 of this month.
const now = new Date();
const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
  .toISOString()
  .slice(0, 7);

test('an owner claims the credit for a month below 99.5%; an admin approves it', async ({
  browser,
  page,
}) => {
  test.skip(now.getUTCDate() > 30, 'the claim window of last month closed yesterday');
  const email = freshEmail('sla-owner');
  await signInViaMailbox(page, email, WEB_URL);
  // Facts no page can create: a Starter subscription (as Stripe's webhook would store it) with a customer
  // on the stand-in, and last month's recorded checks — 97 of 100 minutes up (97.0%: a 25% credit).
  const customer = await (
    await page.request.post('http://127.0.0.1:12111/v1/customers', {
      headers: { authorization: 'Bearer sk_test_levqor_standin' },
      form: { email },
    })
  ).json();
  await withDb(async (sql) => {
    const [ws] = await sql`select m.workspace_id as id from memberships m join users u on u.id = m.user_id
      where u.email = ${email} and m.role = 'owner'`;
    await sql`update workspaces set stripe_customer_id = ${customer.id} where id = ${ws!.id}`;
    await sql`insert into subscriptions (id, workspace_id, customer_id, status, plan, current_period_start, current_period_end, version)
      values (${`sub_e2e_${ws!.id}`}, ${ws!.id}, ${customer.id}, 'active', 'starter', ${`${lastMonth}-01T00:00:00Z`}, now() + interval '20 days', 1)`;
    const existing = await sql`select 1 from health_checks where created_at >= ${`${lastMonth}-04T00:00:00Z`}
      and created_at < ${`${lastMonth}-04T02:00:00Z`} limit 1`;
    if (existing.length === 0)
      for (let i = 0; i < 100; i++)
        await sql`insert into health_checks (id, service, ok, latency_ms, created_at)
          values (${`hc_e2e_${lastMonth}_${i}`}, 'api', ${i < 97 ? 1 : 0}, 3, ${new Date(Date.parse(`${lastMonth}-04T00:00:00Z`) + i * 60_000)})`;
  });

  await page.goto(`${WEB_URL}/dashboard/sla`);
  const row = page.getByTestId(`sla-${lastMonth}`);
  await expect(row).toContainText('97.000%');
  await expect(row).toContainText('25% of $29.00 = $7.25');
  await row.getByRole('button', { name: 'Claim $7.25' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'File claim' }).click();
  await expect(row).toContainText('pending');

  const admin = await (await browser.newContext()).newPage();
  await signInAdminDirectly(admin);
  await admin.goto(`${ADMIN_URL}/sla-claims`);
  const claimId = await withDb(async (sql) => {
    const [c] = await sql`select c.id from sla_claims c join workspaces w on w.id = c.workspace_id
      where w.stripe_customer_id = ${customer.id}`;
    return String(c!.id);
  });
  const claim = admin.getByTestId(`claim-${claimId}`);
  await expect(claim).toContainText('$7.25');
  await claim.getByTestId(`approve-${claimId}`).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByLabel('Reason (kept in the audit log)').fill('e2e: outage confirmed by the checks');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(claim).toContainText('approved');
  await expect(claim).toContainText('cbtxn_');

  // The stand-in's customer balance carries the credit; the owner sees the decision.
  const after = await (
    await page.request.get(`http://127.0.0.1:12111/v1/customers/${customer.id}`, {
      headers: { authorization: 'Bearer sk_test_levqor_standin' },
    })
  ).json();
  expect(after.balance).toBe(-725);
  await page.reload();
  await expect(row).toContainText('approved');
  await expect(row).toContainText('e2e: outage confirmed by the checks');
  const audit = await withDb(
    (sql) =>
      sql`select actor, metadata from audit_events where target = ${claimId} and action = 'admin.sla_claim.approve'`,
  );
  expect(audit).toHaveLength(1);
  expect((audit[0]!.metadata as { reason: string }).reason).toBe('e2e: outage confirmed by the checks');
});
