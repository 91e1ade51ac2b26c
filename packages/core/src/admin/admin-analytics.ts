import { type DbOrTx, jobStatus, sql } from '@levqor/db';
import { z } from 'zod';

const DAY = 86_400_000;
/** The longest range the analytics page charts (one bar per day). */
export const MAX_ANALYTICS_DAYS = 366;

const ZDay = z.iso.date({ error: 'a day such as 2026-12-01' });

/** A range of whole UTC days, both ends included, at most MAX_ANALYTICS_DAYS long. */
export const ZAnalyticsRange = z
  .object({ from: ZDay, to: ZDay })
  .refine((r) => r.from <= r.to, { message: 'The range must start on or before its end', path: ['to'] })
  .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / DAY < MAX_ANALYTICS_DAYS, {
    message: `Choose at most ${MAX_ANALYTICS_DAYS} days`,
    path: ['from'],
  });
export type AnalyticsRange = z.input<typeof ZAnalyticsRange>;

/** The days of a range, oldest first (`YYYY-MM-DD`). */
export function daysOf(range: { from: string; to: string }): string[] {
  const out: string[] = [];
  for (let t = Date.parse(range.from); t <= Date.parse(range.to); t += DAY)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The last `days` UTC days ending today. */
export function defaultAnalyticsRange(days = 30, now = new Date()): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  return { from: new Date(Date.parse(to) - (days - 1) * DAY).toISOString().slice(0, 10), to };
}

type Row = Record<string, unknown>;
const rows = async <T extends Row>(db: DbOrTx, q: ReturnType<typeof sql>) =>
  (await db.execute(q)) as unknown as T[];

const JOB_STATUSES = jobStatus.enumValues;

/**
 * The analytics page's figures for a range of UTC days, every one counted from the database: signups
 * (users created), active workspaces (that submitted at least one job that day), jobs by status (by day
 * created), AI spend vs revenue (daily_ledger), plan changes (the audit log's billing.plan_changed) and
 * referral sources (first-party analytics events carrying a `referrer`/`utm_source` property).
 */
export async function getAnalytics(db: DbOrTx, raw: AnalyticsRange) {
  const range = ZAnalyticsRange.parse(raw);
  const from = `${range.from}T00:00:00Z`;
  const until = new Date(Date.parse(range.to) + DAY).toISOString();
  const window = (col: string) =>
    sql`${sql.raw(col)} >= ${from}::timestamptz and ${sql.raw(col)} < ${until}::timestamptz`;
  const day = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD')`);

  const [signups, active, jobs, ledger, conversions, referrals] = await Promise.all([
    rows<{ day: string; n: number }>(
      db,
      sql`select ${day('created_at')} as day, count(*)::int as n from users where ${window('created_at')} group by 1`,
    ),
    rows<{ day: string; n: number }>(
      db,
      sql`select ${day('created_at')} as day, count(distinct workspace_id)::int as n from jobs
          where ${window('created_at')} group by 1`,
    ),
    rows<{ day: string; status: string; n: number }>(
      db,
      sql`select ${day('created_at')} as day, status::text as status, count(*)::int as n from jobs
          where ${window('created_at')} group by 1, 2`,
    ),
    rows<{ day: string; ai: number; revenue: number }>(
      db,
      sql`select day, sum(ai_spend_cents)::float8 as ai, sum(revenue_cents)::float8 as revenue from daily_ledger
          where day >= ${range.from} and day <= ${range.to} group by day`,
    ),
    rows<{ from_plan: string; to_plan: string; n: number }>(
      db,
      sql`select metadata ->> 'from' as from_plan, metadata ->> 'to' as to_plan, count(*)::int as n
          from audit_events where action = 'billing.plan_changed' and ${window('created_at')}
          group by 1, 2 order by 3 desc, 1, 2`,
    ),
    rows<{ source: string; n: number }>(
      db,
      sql`select coalesce(properties ->> 'utm_source', properties ->> 'referrer') as source, count(*)::int as n
          from analytics_events
          where ${window('created_at')} and (properties ? 'utm_source' or properties ? 'referrer')
          group by 1 order by 2 desc limit 20`,
    ),
  ]);
  const days = daysOf(range);
  const byDay = <T extends { day: string }>(list: T[], pick: (r: T) => number) => {
    const m = new Map(list.map((r) => [r.day, pick(r)]));
    return days.map((d) => m.get(d) ?? 0);
  };
  const round2 = (n: number) => Math.round(n * 100) / 100;
  return {
    range,
    days,
    signups: byDay(signups, (r) => r.n),
    activeWorkspaces: byDay(active, (r) => r.n),
    jobsByStatus: Object.fromEntries(
      JOB_STATUSES.map((s) => [
        s,
        byDay(
          jobs.filter((r) => r.status === s),
          (r) => r.n,
        ),
      ]),
    ) as Record<(typeof JOB_STATUSES)[number], number[]>,
    aiSpendCents: byDay(ledger, (r) => round2(r.ai)),
    revenueCents: byDay(ledger, (r) => round2(r.revenue)),
    planConversions: conversions.map((c) => ({ from: c.from_plan, to: c.to_plan, count: c.n })),
    referralSources: referrals.map((r) => ({ source: r.source, count: r.n })),
  };
}
