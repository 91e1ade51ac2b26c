import { webAppUrl } from '@levqor/config';
import { and, costLedgerTotals, type DbOrTx, eq, sql, workspaces } from '@levqor/db';
import { getSpendForecast, type SpendForecast } from '../dashboard/get-spend-forecast';
import { centsToUnits } from '../money/money';
import { monthOf } from '../usage/budget';
import { recordNoticeOnce, sendBillingNoticeOnce } from './billing-notices';
import { effectiveBudgetCents } from './plans';

/** Shares of the monthly budget (settled spend, %) at which the owners are emailed, once each a month. */
export const BUDGET_ALERT_THRESHOLDS = [80, 100] as const;
export type BudgetAlertThreshold = (typeof BUDGET_ALERT_THRESHOLDS)[number];

export const budgetAlertKey = (workspaceId: string, month: string, threshold: number) =>
  `budget:${workspaceId}:${month}:${threshold}`;

const usd = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/** The forecast sentence every budget email carries (and how it is computed). */
export function forecastSentence(f: SpendForecast['forecast']): string {
  return `At the pace of the last ${f.trailing_days} days (${usd(f.daily_rate_cents)} a day), the month ends at about ${usd(f.month_end_cents)}: spent and reserved so far plus the mean daily spend of the last ${f.trailing_days} days × the ${f.days_left} days left.`;
}

function email(threshold: BudgetAlertThreshold, s: SpendForecast) {
  const b = s.budget;
  const headline =
    threshold === 100
      ? `You have used your whole AI budget for ${b.month}`
      : `You have used ${threshold}% of your AI budget for ${b.month}`;
  return {
    subject: headline,
    paragraphs: [
      `Settled AI spend is ${usd(b.spent_cents)} of the ${usd(b.budget_cents)} budget (${b.spent_percent}%), with ${usd(b.reserved_cents)} reserved by queued and running jobs.`,
      forecastSentence(s.forecast),
      threshold === 100
        ? 'New jobs with a cost are refused (402) until next month, unless you raise the budget or change the plan under Billing.'
        : 'When the budget is used up, new jobs with a cost are refused (402). Raise the budget or change the plan under Billing.',
    ],
    action: { label: 'Open billing', url: webAppUrl('/dashboard/billing') },
  };
}

/**
 * Emails the workspace's owners when settled spend this month reaches 80% and 100% of its budget: once
 * per threshold per workspace per month (keys in `billing_notices`, inserted in the email's
 * transaction). When both are reached at once only the 100% email goes; the 80% one is recorded unsent.
 * Returns the thresholds emailed now.
 */
export async function sendBudgetAlerts(
  db: DbOrTx,
  opts: { workspaceId: string; now?: Date },
): Promise<BudgetAlertThreshold[]> {
  const now = opts.now ?? new Date();
  const s = await getSpendForecast(db, { workspaceId: opts.workspaceId, now });
  const percent = s.budget.spent_percent;
  if (percent === null) return [];
  const reached = BUDGET_ALERT_THRESHOLDS.filter((t) => percent >= t);
  const top = reached.at(-1);
  if (top === undefined) return [];
  const sent: BudgetAlertThreshold[] = [];
  const notice = email(top, s);
  const fresh = await sendBillingNoticeOnce(db, {
    key: budgetAlertKey(opts.workspaceId, s.budget.month, top),
    workspaceId: opts.workspaceId,
    kind: `budget.${top}`,
    ...notice,
    metadata: {
      month: s.budget.month,
      spent_cents: s.budget.spent_cents,
      budget_cents: s.budget.budget_cents,
      forecast_cents: s.forecast.month_end_cents,
    },
  });
  if (fresh) sent.push(top);
  for (const lower of reached.slice(0, -1))
    await recordNoticeOnce(db, {
      key: budgetAlertKey(opts.workspaceId, s.budget.month, lower),
      workspaceId: opts.workspaceId,
      kind: `budget.${lower}`,
      metadata: { month: s.budget.month, skipped: `the ${top}% email went instead` },
    });
  return sent;
}

/** Workspaces whose settled spend this month is at least the lowest threshold of their budget. */
export async function workspacesNearBudget(db: DbOrTx, month = monthOf()): Promise<string[]> {
  const rows = await db
    .select({
      id: workspaces.id,
      plan: workspaces.plan,
      cap: workspaces.monthlyBudgetCents,
      spent: sql<string>`sum(${costLedgerTotals.total})::text`,
    })
    .from(costLedgerTotals)
    .innerJoin(workspaces, eq(workspaces.id, costLedgerTotals.workspaceId))
    .where(and(eq(costLedgerTotals.month, month), eq(costLedgerTotals.kind, 'settle')))
    .groupBy(workspaces.id, workspaces.plan, workspaces.monthlyBudgetCents);
  const lowest = BUDGET_ALERT_THRESHOLDS[0] / 100;
  return rows
    .filter((r) => {
      const budget = centsToUnits(effectiveBudgetCents(r.plan, r.cap));
      return budget > 0 && centsToUnits(r.spent) >= budget * lowest;
    })
    .map((r) => r.id);
}
