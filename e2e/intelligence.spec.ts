import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { signInAdminDirectly } from './support/admin-session';
import { fresh, withDb } from './support/attack';
import { ADMIN_URL, WEB_URL } from './urls';

const id = (prefix: string) => `${prefix}_e2e${randomBytes(6).toString('hex')}`;

test('customer alerts: a member sees the workspace’s alert, the owner acknowledges it and routes alerts to a Slack URL', async ({
  page,
}) => {
  const email = fresh('alerts-owner');
  await signInViaMailbox(page, email, WEB_URL);
  // An alert of the workspace's own "Budget 80%" rule, as the budget check raises it.
  const alertId = id('alr');
  await withDb(async (sql) => {
    const [m] =
      await sql`select m.workspace_id from memberships m join users u on u.id = m.user_id where u.email = ${email}`;
    const ws = String(m!.workspace_id);
    const ruleId = id('arl');
    await sql`insert into alert_rules (id, name, scope, metric, condition, severity, channels, managed_by)
              values (${ruleId}, 'Budget 80%', ${ws}, 'budget.share', 'event', 'warning', ${JSON.stringify([{ type: 'email', to: email }])}::jsonb, 'workspace')`;
    await sql`insert into alerts (id, rule_id, scope, metric, severity, group_key, status, message, value, first_seen_at, last_seen_at)
              values (${alertId}, ${ruleId}, ${ws}, 'budget.share', 'warning', ${ws}, 'open', 'Budget 80%: 82% of the month''s budget spent', 0.82, now(), now())`;
  });

  await page.goto(`${WEB_URL}/dashboard/alerts`);
  await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
  const row = page.getByTestId(`alert-${alertId}`);
  await expect(row).toContainText('82% of the month');
  await expect(page.getByTestId(`alert-status-${alertId}`)).toHaveText('open');
  await page.getByTestId(`ack-${alertId}`).click();
  await expect(page.getByTestId(`alert-status-${alertId}`)).toHaveText('acknowledged');

  // The channel: an internal address is refused (SSRF guard) with a readable message; a public URL is kept.
  await page.getByLabel('Send to').selectOption('slack');
  await page.getByTestId('alert-channel-target').fill('http://10.1.2.3/hook');
  await page.getByTestId('alert-channel-save').click();
  await expect(page.getByText(/^url refused: Refusing to connect to 10\.1\.2\.3/)).toBeVisible();
  await page.getByTestId('alert-channel-target').fill('https://hooks.slack.example/services/T000/B000/XXX');
  await page.getByTestId('alert-channel-save').click();
  await expect(
    page.getByText('Saved: alerts now go to https://hooks.slack.example/services/T000/B000/XXX'),
  ).toBeVisible();

  // The failure-spike threshold: 5 by default; out of bounds is refused with the bound; 12 is kept.
  const threshold = page.getByTestId('alert-failure-threshold');
  await expect(threshold).toHaveValue('5');
  await expect(page.getByText('5 or more failed jobs within 5 minutes')).toBeVisible();
  await threshold.fill('20000');
  await page.getByTestId('alert-failure-threshold-save').click();
  await expect(page.getByText('threshold: The threshold is at most 10,000 failed jobs')).toBeVisible();
  await threshold.fill('12');
  await page.getByTestId('alert-failure-threshold-save').click();
  await expect(
    page.getByText('Saved: 12 or more failed jobs within 5 minutes raise a failure spike alert.'),
  ).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('alert-failure-threshold')).toHaveValue('12');
  await expect(
    page.getByText('12 or more failed jobs within 5 minutes', { exact: false }).first(),
  ).toBeVisible();
  await withDb(async (sql) => {
    const [r] = await sql`select r.threshold from alert_rules r join memberships m on m.workspace_id = r.scope
                          join users u on u.id = m.user_id
                          where u.email = ${email} and r.name = 'Failure spike' and r.managed_by = 'workspace'`;
    expect(Number(r!.threshold)).toBe(12);
  });
});

test('admin recommendations: an autoscale recommendation shows its inputs, is applied with a reason and audited', async ({
  page,
}) => {
  const recId = id('rec');
  const period = `1990-01-${String(1 + (Number.parseInt(recId.slice(-2), 16) % 28)).padStart(2, '0')}`;
  await withDb(async (sql) => {
    await sql`insert into recommendations (id, kind, subject, period, title, explanation, inputs, proposal, status)
              values (${recId}, 'autoscale', ${`workers-${recId}`}, ${period}, 'Worker concurrency up from 8 to 12',
                      'Average queue depth 40 is above 2 × 8.',
                      ${JSON.stringify([{ key: 'avg_queue', label: 'Average queue depth (24 h)', value: 40 }])}::jsonb,
                      ${JSON.stringify({ from: 8, concurrency: 8, frozen: false })}::jsonb, 'open')`;
  });
  try {
    await signInAdminDirectly(page);
    await page.goto(`${ADMIN_URL}/recommendations`);
    const card = page.getByTestId(`recommendation-autoscale-workers-${recId}`);
    await expect(card).toContainText('Average queue depth 40 is above 2 × 8.');
    await card.getByText('Inputs').click();
    await expect(card).toContainText('Average queue depth (24 h)');
    await page.getByTestId(`apply-${recId}`).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason (kept in the audit log)').fill('e2e: the queue is backing up');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(card).toContainText('applied');
    await expect(page.getByTestId(`result-${recId}`)).toContainText('flag worker.concurrency');

    await page.goto(`${ADMIN_URL}/audit?action=admin.recommendation.applied`);
    const entry = page.getByRole('row').filter({ hasText: recId });
    await expect(entry).toContainText('admin.recommendation.applied');
    await expect(entry).toContainText('e2e: the queue is backing up');
  } finally {
    // The suite's workers keep their own concurrency.
    await withDb((sql) => sql`delete from feature_flags where key = 'worker.concurrency'`);
  }
});
