import { type DbOrTx, sql } from '@levqor/db';
import { z } from 'zod';

/**
 * Users who may be counted for analytics: no active objection to `analytics` (or to everything) — the
 * same rule as privacy's `mayProcess(userId, 'analytics')`, applied in SQL so an aggregate never reads
 * an objecting user's activity at all.
 */
export const countable = (userId: ReturnType<typeof sql.raw>) => sql`not exists (
  select 1 from privacy_objections o
  where o.user_id = ${userId} and o.withdrawn_at is null and o.purpose in ('analytics', 'all'))`;

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

export const ZGrowthInput = z
  .object({ from: ZDay, to: ZDay })
  .refine((r) => r.from <= r.to, { message: '"from" must not be after "to"', path: ['from'] });
export type GrowthInput = z.input<typeof ZGrowthInput>;

export interface FunnelStep {
  step: 'signed_up' | 'first_job' | 'paid';
  label: string;
  users: number;
  /** Share of the signups (1 for the first step). */
  rate: number;
}

/**
 * The signup → first job → paid funnel of the users who signed up between `from` and `to` (UTC days,
 * inclusive): how many later ran a job in a workspace of theirs (from the five-minute rollups) and how
 * many belong to a workspace on a paid plan. Users objecting to analytics are left out of every step.
 */
export async function growthFunnel(db: DbOrTx, raw: GrowthInput): Promise<FunnelStep[]> {
  const { from, to } = ZGrowthInput.parse(raw);
  const [row] = await db.execute<{ signed_up: number; first_job: number; paid: number }>(sql`
    with cohort as (
      select u.id, u.created_at from users u
      where u.created_at >= ${from}::date and u.created_at < ${to}::date + 1
        and ${countable(sql.raw('u.id'))}
    )
    select count(*)::int as signed_up,
      count(*) filter (where exists (
        select 1 from memberships m join metric_rollups r on r.scope = m.workspace_id
        where m.user_id = c.id and r.metric = 'jobs.created' and r.value > 0
          and r.bucket_start >= date_trunc('minute', c.created_at) - interval '5 minutes'))::int as first_job,
      count(*) filter (where exists (
        select 1 from memberships m join workspaces w on w.id = m.workspace_id
        where m.user_id = c.id and w.plan <> 'free'))::int as paid
    from cohort c
  `);
  const n = row?.signed_up ?? 0;
  const step = (s: FunnelStep['step'], label: string, users: number): FunnelStep => ({
    step: s,
    label,
    users,
    rate: n === 0 ? 0 : users / n,
  });
  return [
    step('signed_up', 'Signed up', n),
    step('first_job', 'Ran a first job', row?.first_job ?? 0),
    step('paid', 'On a paid plan', row?.paid ?? 0),
  ];
}

export const ZCohortInput = z.object({
  /** Any day of the last cohort's week (UTC). */
  to: ZDay,
  weeks: z.number().int().min(1).max(26).default(8),
});
export type CohortInput = z.input<typeof ZCohortInput>;

export interface CohortRow {
  /** The Monday (UTC) of the signup week. */
  cohort: string;
  size: number;
  /** Active users in week 0, 1, 2… after signup (only weeks that have ended or begun by `to`). */
  active: number[];
  /** The same as shares of `size`. */
  retention: number[];
}

/**
 * The weekly cohort retention triangle: users grouped by signup week (Monday, UTC), and for each later
 * week how many were active — ran a job in one of their workspaces that week (from the rollups).
 * Users objecting to analytics are not counted, in the sizes nor in the activity.
 */
export async function cohortRetention(db: DbOrTx, raw: CohortInput): Promise<CohortRow[]> {
  const { to, weeks } = ZCohortInput.parse(raw);
  const rows = await db.execute<{ cohort: string; k: number | null; n: number }>(sql`
    with bounds as (
      select date_trunc('week', ${to}::date)::date - ${(weeks - 1) * 7}::int as first_week,
             date_trunc('week', ${to}::date)::date + 7 as end_week
    ),
    cohort as (
      select u.id, date_trunc('week', u.created_at at time zone 'UTC')::date as week
      from users u, bounds b
      where u.created_at >= b.first_week and u.created_at < b.end_week and ${countable(sql.raw('u.id'))}
    ),
    active as (
      select distinct m.user_id, date_trunc('week', r.bucket_start at time zone 'UTC')::date as week
      from metric_rollups r join memberships m on m.workspace_id = r.scope, bounds b
      where r.metric = 'jobs.created' and r.value > 0
        and r.bucket_start >= b.first_week and r.bucket_start < b.end_week
        and m.user_id in (select id from cohort)
    )
    select to_char(c.week, 'YYYY-MM-DD') as cohort, null::int as k, count(*)::int as n
    from cohort c group by c.week
    union all
    select to_char(c.week, 'YYYY-MM-DD'), ((a.week - c.week) / 7)::int, count(*)::int
    from cohort c join active a on a.user_id = c.id and a.week >= c.week
    group by c.week, a.week
    order by 1, 2 nulls first
  `);
  const lastWeek = Date.parse(`${to}T00:00:00Z`);
  const out = new Map<string, CohortRow>();
  for (const r of rows) {
    if (r.k === null) {
      const span = Math.floor((lastWeek - Date.parse(`${r.cohort}T00:00:00Z`)) / (7 * 86_400_000)) + 1;
      out.set(r.cohort, {
        cohort: r.cohort,
        size: r.n,
        active: Array(Math.max(1, span)).fill(0),
        retention: [],
      });
    } else {
      const c = out.get(r.cohort);
      if (c && r.k < c.active.length) c.active[r.k] = r.n;
    }
  }
  return [...out.values()].map((c) => ({
    ...c,
    retention: c.active.map((a) => (c.size === 0 ? 0 : a / c.size)),
  }));
}
