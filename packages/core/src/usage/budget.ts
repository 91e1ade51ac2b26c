import { and, costLedgerTotals, type DbOrTx, eq, sql, workspaces } from '@levqor/db';
import { z } from 'zod';
import { effectiveBudgetCents, type WorkspacePlan } from '../billing/plans';
import { notFound } from '../errors';
import { centsToUnits, type Units, unitsToDb } from '../money/money';

/** "YYYY-MM" in UTC. */
export function monthOf(date = new Date()): string {
  return date.toISOString().slice(0, 7);
}

export interface BudgetStatus {
  month: string;
  budget: Units;
  spent: Units;
  reserved: Units;
  /** Jobs submitted this month (reservations written), against the plan's quota. */
  jobs: number;
}

/** A workspace's monthly budget in units: its plan's included spend, or its owner's lower cap. */
export function budgetUnits(plan: WorkspacePlan, monthlyBudgetCents: string | null): Units {
  return centsToUnits(effectiveBudgetCents(plan, monthlyBudgetCents));
}

/**
 * Settled spend and outstanding reservations (reservations − releases) for `month`, from the ledger's
 * running totals (kept by triggers on `cost_ledger`; a few rows whatever the month's volume).
 */
export async function ledgerTotals(
  db: DbOrTx,
  workspaceId: string,
  month: string,
): Promise<{ spent: Units; reserved: Units; jobs: number }> {
  const rows = await db
    .select({
      kind: costLedgerTotals.kind,
      total: sql<string>`coalesce(sum(${costLedgerTotals.total}), 0)::text`,
      rows: sql<number>`coalesce(sum(${costLedgerTotals.rows}), 0)::int`,
    })
    .from(costLedgerTotals)
    .where(and(eq(costLedgerTotals.workspaceId, workspaceId), eq(costLedgerTotals.month, month)))
    .groupBy(costLedgerTotals.kind);
  const sum = (kind: string) => centsToUnits(rows.find((r) => r.kind === kind)?.total ?? '0');
  return {
    spent: sum('settle'),
    reserved: sum('reserve') - sum('release'),
    jobs: rows.find((r) => r.kind === 'reserve')?.rows ?? 0,
  };
}

/** Budget, settled spend, outstanding reservations (reservations − releases) and jobs for `month`. */
export async function budgetStatus(
  db: DbOrTx,
  workspaceId: string,
  month = monthOf(),
): Promise<BudgetStatus> {
  const [ws] = await db
    .select({ plan: workspaces.plan, budget: workspaces.monthlyBudgetCents })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!ws) throw notFound('Workspace');
  return { month, budget: budgetUnits(ws.plan, ws.budget), ...(await ledgerTotals(db, workspaceId, month)) };
}

export const ZSetBudgetInput = z.object({
  cents: z
    .number()
    .int('Budget is a whole number of cents')
    .min(0, 'Budget cannot be negative')
    .max(1_000_000_000)
    .nullable(),
});

/**
 * Sets the monthly cap in cents; null returns to the plan's included spend. A cap above the plan's
 * included spend has no effect (except on Enterprise, whose budget is set per workspace). No
 * authorization: this is the operator's (`pnpm levqor workspace budget`) and the tests'; a user's
 * change goes through `changeBudget`.
 */
export async function setMonthlyBudget(
  db: DbOrTx,
  workspaceId: string,
  raw: z.input<typeof ZSetBudgetInput>,
) {
  const input = ZSetBudgetInput.parse(raw);
  const [row] = await db
    .update(workspaces)
    .set({ monthlyBudgetCents: input.cents === null ? null : unitsToDb(centsToUnits(input.cents)) })
    .where(eq(workspaces.id, workspaceId))
    .returning({ id: workspaces.id });
  if (!row) throw notFound('Workspace');
  return budgetStatus(db, workspaceId);
}
