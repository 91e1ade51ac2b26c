import { and, costLedger, type DbOrTx, eq, gt, inArray, lte, sql } from '@levqor/db';
import { z } from 'zod';
import { centsToUnits, unitsToCents } from '../money/money';
import { budgetStatus, monthOf } from '../usage/budget';
import { type BudgetState, describeBudget, ZBudgetState } from './budget-state';

/** Days of settled spend the forecast's daily rate is averaged over. */
export const FORECAST_TRAILING_DAYS = 7;
const DAY_MS = 86_400_000;

export const ZSpendForecast = z
  .object({
    budget: ZBudgetState,
    forecast: z.object({
      /** Spent + reserved + daily rate × days left: what the month ends at if the recent pace holds. */
      month_end_cents: z.number(),
      /** Settled spend of the last `trailing_days` × 24 h, divided by `trailing_days`. */
      daily_rate_cents: z.number(),
      trailing_days: z.number().int(),
      /** Days (fractional) from now to the end of the month, UTC. */
      days_left: z.number(),
      /** The forecast is above the budget. */
      over_budget: z.boolean(),
    }),
  })
  .meta({ id: 'SpendForecast' });
export type SpendForecast = z.infer<typeof ZSpendForecast>;

/** A month's budget state only (banners, the usage page): budget, spend, reservations; default this month. */
export async function getBudgetState(
  db: DbOrTx,
  options: { workspaceId: string; month?: string; now?: Date },
): Promise<BudgetState> {
  return describeBudget(await budgetStatus(db, options.workspaceId, options.month ?? monthOf(options.now)));
}

/** "2026-12" → the month before, "2026-11". */
function previousMonth(month: string): string {
  const d = new Date(`${month}-01T00:00:00.000Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return monthOf(d);
}

/**
 * This month's spend against the budget and a month-end forecast:
 * `spent + reserved + (settled spend of the last 7 × 24 h ÷ 7) × days left in the month (UTC)`.
 * Reservations count because queued and running jobs will settle this month (at most their estimate);
 * the recent pace, not the month's average, so a workspace that started yesterday is not read as idle.
 */
export async function getSpendForecast(
  db: DbOrTx,
  options: { workspaceId: string; now?: Date },
): Promise<SpendForecast> {
  const now = options.now ?? new Date();
  const month = monthOf(now);
  const since = new Date(now.getTime() - FORECAST_TRAILING_DAYS * DAY_MS);
  const [status, [trailing]] = await Promise.all([
    budgetStatus(db, options.workspaceId, month),
    db
      .select({ total: sql<string>`coalesce(sum(${costLedger.amount}), 0)::text` })
      .from(costLedger)
      .where(
        and(
          eq(costLedger.workspaceId, options.workspaceId),
          // The window spans at most two months: lets the (workspace, month, kind) index narrow it.
          inArray(costLedger.month, [month, previousMonth(month)]),
          eq(costLedger.kind, 'settle'),
          gt(costLedger.createdAt, since),
          lte(costLedger.createdAt, now),
        ),
      ),
  ]);
  const monthEnd = new Date(`${month}-01T00:00:00.000Z`);
  monthEnd.setUTCMonth(monthEnd.getUTCMonth() + 1);
  const daysLeft = Math.max(0, (monthEnd.getTime() - now.getTime()) / DAY_MS);
  const rate = Math.round(centsToUnits(trailing?.total ?? '0') / FORECAST_TRAILING_DAYS);
  const monthEndUnits = status.spent + status.reserved + Math.round(rate * daysLeft);
  return {
    budget: describeBudget(status),
    forecast: {
      month_end_cents: unitsToCents(monthEndUnits),
      daily_rate_cents: unitsToCents(rate),
      trailing_days: FORECAST_TRAILING_DAYS,
      days_left: Math.round(daysLeft * 10) / 10,
      over_budget: monthEndUnits > status.budget,
    },
  };
}
