import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signInAdminDirectly } from './support/admin-session';
import { withDb } from './support/attack';
import { ADMIN_URL } from './urls';

// The console allows 60 requests a minute per IP: one test, few page loads. Self-contained: it seeds
// its own rows (no other spec's state) and leaves the alert resolved.

test('admin console: the privacy queue puts the overdue request on top; a user page lists consents and DSARs; an alert is acknowledged and resolved with a reason, audited', async ({
  page,
}) => {
  const t = randomBytes(4).toString('hex');
  const seeded = await withDb(async (sql) => {
    const [admin] = await sql`select id from users where email = 'admin@levqor.local'`;
    const adminId = String(admin!.id);
    // Rows an earlier run of this spec left behind would sort above this run's.
    await sql`delete from privacy_requests where id like 'prq_e2elate%' or id like 'prq_e2eontime%'`;
    // Two requests of someone already erased (no user row): one 45 days past its one-month deadline —
    // older than any other request the suite makes — and one asked for yesterday.
    const [late] =
      await sql`insert into privacy_requests (id, user_id, email_hash, kind, status, requested_at, due_at)
      values (${`prq_e2elate${t}`}, null, ${`e2e-${t}`}, 'erasure', 'awaiting_confirmation',
              now() - interval '75 days', now() - interval '45 days') returning id`;
    const [onTime] =
      await sql`insert into privacy_requests (id, user_id, email_hash, kind, status, requested_at, due_at)
      values (${`prq_e2eontime${t}`}, null, ${`e2e-${t}`}, 'export', 'awaiting_confirmation',
              now() - interval '1 day', now() + interval '29 days') returning id`;
    // The administrator's own consent and a completed export, for their account page.
    await sql`insert into consent_records (id, user_id, kind, action, granted, categories, method, source, wording)
      values (${`cns_e2e${t}`}, ${adminId}, 'cookies', 'granted', true,
              ${JSON.stringify({ necessary: true, analytics: true, marketing: false })}::jsonb, 'cookie-banner', ${`e2e-${t}`}, 'Cookies')`;
    const [done] =
      await sql`insert into privacy_requests (id, user_id, email_hash, kind, status, requested_at, due_at, completed_at)
      values (${`prq_e2edone${t}`}, ${adminId}, ${`e2e-${t}`}, 'export', 'completed',
              now() - interval '1 minute', now() + interval '1 month', now()) returning id`;
    // An alert of a rule that cannot fire by itself (threshold out of reach).
    const [rule] =
      await sql`insert into alert_rules (id, name, scope, metric, condition, threshold, severity, channels)
      values (${`arl_e2e${t}`}, ${`e2e rule ${t}`}, 'platform', 'jobs.failed', 'gt', 1e12, 'info',
              ${JSON.stringify([{ type: 'email', to: 'ops@example.com' }])}::jsonb) returning id`;
    const [alert] =
      await sql`insert into alerts (id, rule_id, scope, metric, severity, group_key, message, value, first_seen_at, last_seen_at, notified_at)
      values (${`alr_e2e${t}`}, ${String(rule!.id)}, 'platform', 'jobs.failed', 'info', 'platform',
              ${`e2e alert ${t}`}, 1, now(), now(), now()) returning id`;
    return {
      adminId,
      late: String(late!.id),
      onTime: String(onTime!.id),
      done: String(done!.id),
      alert: String(alert!.id),
    };
  });
  await signInAdminDirectly(page);

  // 1. The privacy queue: the overdue request first, flagged; the one asked for yesterday is not.
  await page.goto(`${ADMIN_URL}/privacy-requests`);
  const queue = page.getByTestId('privacy-requests-table');
  await expect(queue.locator('tbody tr').first()).toContainText(seeded.late);
  await expect(queue.locator('tbody tr').first()).toContainText('overdue');
  const onTime = queue.locator('tbody tr').filter({ hasText: seeded.onTime });
  await expect(onTime).toHaveCount(1);
  await expect(onTime).not.toContainText('overdue');

  // 2. The administrator's account page: their consent and their DSAR, in the shared DataTable.
  await page.goto(`${ADMIN_URL}/accounts/users/${seeded.adminId}`);
  const consents = page.getByRole('table', { name: 'Consents' });
  await expect(consents.locator('tbody tr').filter({ hasText: `e2e-${t}` })).toContainText(
    'cookies: analytics',
  );
  await expect(consents.locator('tbody tr').filter({ hasText: `e2e-${t}` })).toContainText('granted');
  const dsars = page.getByRole('table', { name: 'Data-subject requests' });
  await expect(dsars.locator('tbody tr').first()).toContainText('export');
  await expect(dsars.locator('tbody tr').first()).toContainText('completed');

  // 3. Alerts: acknowledge and resolve each ask why (5+ characters) and confirm.
  await page.goto(`${ADMIN_URL}/alerts?status=open`);
  await expect(page.getByTestId(`alert-status-${seeded.alert}`)).toHaveText('open');
  await page.getByTestId(`acknowledge-${seeded.alert}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(dialog.getByRole('alert')).toContainText('at least 5 characters');
  await dialog.getByLabel('Reason (kept in the audit log)').fill(`e2e: looking into it ${t}`);
  await dialog.getByRole('button', { name: 'Acknowledge' }).click();
  // The page refreshes: no longer open, the alert leaves the list of open ones.
  await expect(page.getByTestId(`alert-status-${seeded.alert}`)).toHaveCount(0);
  await page.goto(`${ADMIN_URL}/alerts`);
  await expect(page.getByTestId(`alert-status-${seeded.alert}`)).toHaveText('acknowledged');
  await page.getByTestId(`resolve-${seeded.alert}`).click();
  await dialog.getByLabel('Reason (kept in the audit log)').fill(`e2e: false alarm ${t}`);
  await dialog.getByRole('button', { name: 'Resolve' }).click();
  await expect(page.getByTestId(`alert-status-${seeded.alert}`)).toHaveText('resolved');

  // The audit log has both, with the administrator and the reason.
  const audit = await withDb(
    (sql) => sql`select actor, action, metadata->>'reason' as reason from audit_events
      where target = ${seeded.alert} and action like 'admin.%' order by created_at`,
  );
  expect(audit.map((r) => [r.actor, r.action, r.reason])).toEqual([
    [seeded.adminId, 'admin.alert.acknowledge', `e2e: looking into it ${t}`],
    [seeded.adminId, 'admin.alert.resolve', `e2e: false alarm ${t}`],
  ]);
});
