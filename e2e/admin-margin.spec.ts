import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signInAdminDirectly } from './support/admin-session';
import { withDb } from './support/attack';
import { seriousViolations } from './support/axe';
import { ADMIN_URL } from './urls';

/**
 * Issue K: revenue, cost and margin per plan on the admin analytics page — a Recharts chart and a table,
 * computed from the daily ledger. Ledger rows are seeded by SQL (as the daily `intelligence.ledger` writes
 * them) on a day of 2014 no other spec touches.
 */
test('analytics: revenue, cost and margin per plan from the daily ledger, drawn and tabled', async ({
  page,
}) => {
  const day = `2014-0${1 + (randomBytes(1)[0]! % 9)}-${String(10 + (randomBytes(1)[0]! % 18)).padStart(2, '0')}`;
  const tag = randomBytes(4).toString('hex');
  const rows = [
    // Starter: 2,000¢ revenue − (300 AI + 200 infra) = 1,500¢ margin, and a second workspace losing 100¢.
    { ws: `ws_margin_a_${tag}`, plan: 'starter', revenue: 2000, ai: 300, infra: 200 },
    { ws: `ws_margin_b_${tag}`, plan: 'starter', revenue: 0, ai: 60, infra: 40 },
    // Growth: 5,000¢ − (1,000 + 1,500) = 2,500¢.
    { ws: `ws_margin_c_${tag}`, plan: 'growth', revenue: 5000, ai: 1000, infra: 1500 },
  ];
  await withDb(async (sql) => {
    await sql`delete from daily_ledger where day = ${day}`;
    for (const r of rows)
      await sql`insert into daily_ledger (workspace_id, day, revenue_cents, ai_spend_cents, infra_cost_cents,
          margin_cents, jobs, api_requests, plan)
        values (${r.ws}, ${day}, ${r.revenue}, ${r.ai}, ${r.infra}, ${r.revenue - r.ai - r.infra}, 10, 100,
          ${r.plan}::workspace_plan)`;
  });
  try {
    await signInAdminDirectly(page);
    await page.goto(`${ADMIN_URL}/analytics?from=${day}&to=${day}`);
    const chart = page.getByTestId('chart-margin');
    await chart.scrollIntoViewIfNeeded();
    await expect(chart.locator('.chart-surface')).toBeVisible();
    const cell = (plan: string, series: string) =>
      chart.locator(`tr[data-category="${plan}"] td[data-series="${series}"]`);
    expect(Number(await cell('Starter', 'revenue').getAttribute('data-value'))).toBe(2000);
    expect(Number(await cell('Starter', 'cost').getAttribute('data-value'))).toBe(600);
    expect(Number(await cell('Starter', 'margin').getAttribute('data-value'))).toBe(1400);
    expect(Number(await cell('Growth', 'margin').getAttribute('data-value'))).toBe(2500);
    // The table beside it: margin ÷ revenue per plan (1,400 / 2,000 = 70%, 2,500 / 5,000 = 50%), and the
    // range's total (3,900 / 7,000 = 55.7%).
    const table = page.getByRole('table', { name: 'Margin per plan', exact: true });
    await expect(table.getByRole('row', { name: /Starter/ })).toContainText('70%');
    await expect(table.getByRole('row', { name: /Growth/ })).toContainText('50%');
    await expect(page.getByTestId('analytics-margin')).toContainText('(55.7%)');
    expect(await seriousViolations(page)).toEqual([]);
  } finally {
    await withDb((sql) => sql`delete from daily_ledger where day = ${day}`);
  }
});
