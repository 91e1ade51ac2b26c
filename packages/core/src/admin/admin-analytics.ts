import { type DbOrTx, sql } from '@levqor/db';
import { z } from 'zod';
import { BUCKET_MS } from '../intelligence/buckets';
import { PLATFORM_SCOPE } from '../intelligence/metrics';

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

/** The outcomes a finished job is counted under (the rollups' `jobs.<outcome>` series). */
export const JOB_OUTCOMES = ['succeeded', 'failed', 'cancelled'] as const;
export type JobOutcome = (typeof JOB_OUTCOMES)[number];

/**
 * The analytics page's figures for a range of UTC days, every one counted from the database: signups
 * (users created), active workspaces (that submitted at least one job that day) and jobs submitted and
 * finished by outcome per day — from the five-minute rollups (`metric_rollups`), plus, for the minutes
 * after the last rolled-up bucket (at most a few), the raw rows not rolled up yet — AI spend vs revenue
 * (daily_ledger), plan changes (the audit log's billing.plan_changed) and referral sources (first-party
 * analytics events carrying a `referrer`/`utm_source` property).
 */
export async function getAnalytics(db: DbOrTx, raw: AnalyticsRange) {
  const range = ZAnalyticsRange.parse(raw);
  const from = `${range.from}T00:00:00Z`;
  const until = new Date(Date.parse(range.to) + DAY).toISOString();
  const window = (col: string) =>
    sql`${sql.raw(col)} >= ${from}::timestamptz and ${sql.raw(col)} < ${until}::timestamptz`;
  const day = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD')`);
  // Where the rollups end: the platform series gets a row for every bucket rolled up (zero when idle).
  const mark = sql`mark as (
    select coalesce(max(bucket_start) + ${sql.raw(`interval '${BUCKET_MS / 1000} seconds'`)},
      '-infinity'::timestamptz) as at
    from metric_rollups where scope = ${PLATFORM_SCOPE} and metric = 'jobs.created')`;

  const [signups, active, jobs, ledger, conversions, referrals] = await Promise.all([
    rows<{ day: string; n: number }>(
      db,
      sql`select ${day('created_at')} as day, count(*)::int as n from users where ${window('created_at')} group by 1`,
    ),
    rows<{ day: string; n: number }>(
      db,
      sql`with ${mark}
          select day, count(distinct ws)::int as n from (
            select ${day('r.bucket_start')} as day, r.scope as ws from metric_rollups r, mark
            where ${window('r.bucket_start')} and r.bucket_start < mark.at
              and r.metric = 'jobs.created' and r.value > 0 and r.scope <> ${PLATFORM_SCOPE}
            union
            select ${day('j.created_at')}, j.workspace_id from jobs j, mark
            where ${window('j.created_at')} and j.created_at >= mark.at
          ) x group by day`,
    ),
    rows<{ day: string; metric: string; n: number }>(
      db,
      sql`with ${mark}
          select ${day('r.bucket_start')} as day, r.metric, sum(r.value)::float8 as n
          from metric_rollups r, mark
          where r.scope = ${PLATFORM_SCOPE} and r.metric in ('jobs.created', 'jobs.succeeded', 'jobs.failed', 'jobs.cancelled')
            and ${window('r.bucket_start')} and r.bucket_start < mark.at
          group by 1, 2
          union all
          select ${day('j.created_at')}, 'jobs.created', count(*)::float8 from jobs j, mark
          where ${window('j.created_at')} and j.created_at >= mark.at group by 1
          union all
          select ${day('j.finished_at')}, 'jobs.' || j.status::text, count(*)::float8 from jobs j, mark
          where ${window('j.finished_at')} and j.finished_at >= mark.at
            and j.status in ('succeeded', 'failed', 'cancelled')
          group by 1, 2`,
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
  // Rollup rows and raw rows of the same day add up (a day can be partly rolled up).
  const sumByDay = (list: { day: string; n: number }[]) =>
    days.map((d) => list.filter((r) => r.day === d).reduce((a, r) => a + Number(r.n), 0));
  return {
    range,
    days,
    signups: byDay(signups, (r) => r.n),
    activeWorkspaces: byDay(active, (r) => r.n),
    jobsSubmitted: sumByDay(jobs.filter((r) => r.metric === 'jobs.created')),
    jobsFinished: Object.fromEntries(
      JOB_OUTCOMES.map((o) => [o, sumByDay(jobs.filter((r) => r.metric === `jobs.${o}`))]),
    ) as Record<JobOutcome, number[]>,
    aiSpendCents: byDay(ledger, (r) => round2(r.ai)),
    revenueCents: byDay(ledger, (r) => round2(r.revenue)),
    planConversions: conversions.map((c) => ({ from: c.from_plan, to: c.to_plan, count: c.n })),
    referralSources: referrals.map((r) => ({ source: r.source, count: r.n })),
  };
}
