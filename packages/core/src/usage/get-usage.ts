import { and, costLedger, type DbOrTx, eq, gte, jobs, lt, sql } from '@levqor/db';
import { z } from 'zod';
import { centsToUnits, unitsToCents } from '../money/money';
import { budgetStatus, monthOf } from './budget';

export const ZUsageSummary = z
  .object({
    month: z.string().meta({ example: '2026-11' }),
    budget_cents: z.number(),
    spent_cents: z.number(),
    reserved_cents: z.number(),
    jobs: z.object({ total: z.number().int(), succeeded: z.number().int(), failed: z.number().int() }),
    per_day: z.array(z.object({ date: z.string(), cost_cents: z.number(), jobs: z.number().int() })),
  })
  .meta({ id: 'Usage' });
export type UsageSummary = z.infer<typeof ZUsageSummary>;

function monthRange(month: string): [Date, Date] {
  const start = new Date(`${month}-01T00:00:00.000Z`);
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + 1);
  return [start, end];
}

/** Month-to-date spend against the budget, job counts and spend per day (UTC). */
export async function getUsage(db: DbOrTx, workspaceId: string, month = monthOf()): Promise<UsageSummary> {
  const [start, end] = monthRange(month);
  const status = await budgetStatus(db, workspaceId, month);
  const inMonth = and(eq(jobs.workspaceId, workspaceId), gte(jobs.createdAt, start), lt(jobs.createdAt, end));
  const [counts] = await db
    .select({
      total: sql<number>`count(*)::int`,
      succeeded: sql<number>`count(*) filter (where ${jobs.status} = 'succeeded')::int`,
      failed: sql<number>`count(*) filter (where ${jobs.status} = 'failed')::int`,
    })
    .from(jobs)
    .where(inMonth);
  const day = sql<string>`to_char(${costLedger.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const spend = await db
    .select({
      date: day,
      cost: sql<string>`sum(${costLedger.amount})::text`,
      jobs: sql<number>`count(distinct ${costLedger.jobId})::int`,
    })
    .from(costLedger)
    .where(
      and(
        eq(costLedger.workspaceId, workspaceId),
        eq(costLedger.month, month),
        eq(costLedger.kind, 'settle'),
      ),
    )
    .groupBy(day)
    .orderBy(day);
  const byDate = new Map(spend.map((s) => [s.date, s]));
  const per_day: UsageSummary['per_day'] = [];
  const last = new Date(Math.min(end.getTime() - 1, Date.now()));
  for (const d = new Date(start); d <= last; d.setUTCDate(d.getUTCDate() + 1)) {
    const key = d.toISOString().slice(0, 10);
    const row = byDate.get(key);
    per_day.push({
      date: key,
      cost_cents: row ? unitsToCents(centsToUnits(row.cost)) : 0,
      jobs: row?.jobs ?? 0,
    });
  }
  return {
    month,
    budget_cents: unitsToCents(status.budget),
    spent_cents: unitsToCents(status.spent),
    reserved_cents: unitsToCents(status.reserved),
    jobs: counts ?? { total: 0, succeeded: 0, failed: 0 },
    per_day,
  };
}
