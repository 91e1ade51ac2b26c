import { type DbOrTx, sql, subscriptions } from '@levqor/db';
import type { WorkspacePlan } from '@levqor/db/enums';
import { planOf } from '../billing/plans';
import { monthBounds, SLA_SERVICES } from './sla-policy';

export interface MonthAvailability {
  month: string;
  /** Minutes with at least one recorded check of web, api or database. */
  measuredMinutes: number;
  /** Of those, minutes in which every such check passed. */
  upMinutes: number;
  /** up ÷ measured; null without a measured minute. */
  availability: number | null;
}

/**
 * Availability per UTC month over [from, to) months (`YYYY-MM`, inclusive both), from `health_checks`
 * (see sla-policy.ts for the definition). Months without a measured minute are returned with nulls.
 */
export async function monthlyAvailability(db: DbOrTx, months: string[]): Promise<MonthAvailability[]> {
  if (months.length === 0) return [];
  const sorted = [...months].sort();
  const start = monthBounds(sorted[0]!).start.toISOString();
  const end = monthBounds(sorted.at(-1)!).end.toISOString();
  const services = sql.join(
    SLA_SERVICES.map((s) => sql`${s}`),
    sql`, `,
  );
  const rows = await db.execute<{ month: string; measured: number; up: number }>(sql`
    select to_char(minute, 'YYYY-MM') as month, count(*)::int as measured, count(*) filter (where up)::int as up
    from (
      select date_trunc('minute', created_at at time zone 'UTC') as minute, bool_and(ok = 1) as up
      from health_checks
      where created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz
        and service in (${services})
      group by 1
    ) m
    group by 1`);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return months.map((month) => {
    const r = byMonth.get(month);
    const measured = Number(r?.measured ?? 0);
    const up = Number(r?.up ?? 0);
    return {
      month,
      measuredMinutes: measured,
      upMinutes: up,
      availability: measured === 0 ? null : up / measured,
    };
  });
}

/** Stripe statuses under which a subscription was never billed (no fee, so no credit). */
const UNBILLED = new Set(['trialing', 'incomplete', 'incomplete_expired']);

/**
 * The month's subscription fee in cents: the monthly price of the plan of the workspace's billed Stripe
 * subscription in force during the month (the highest, if several). A subscription is in force from its
 * first Stripe event Levqor received (else its current period's start) until, once cancelled, the end of
 * its last period. 0 without one (Free, a trial, or a plan set by an administrator without Stripe);
 * Enterprise is priced by contract and counts 0 here.
 */
export async function monthlyFeeCents(db: DbOrTx, workspaceId: string, month: string): Promise<number> {
  const { start, end } = monthBounds(month);
  const rows = await db.execute<{
    plan: WorkspacePlan | null;
    status: string;
    first_event: string | null;
    period_start: string | null;
    period_end: string | null;
  }>(sql`
    select s.plan, s.status, s.current_period_start as period_start, s.current_period_end as period_end,
      (select to_timestamp(min(e.created)) from stripe_events e
        where e.payload -> 'data' -> 'object' ->> 'id' = s.id) as first_event
    from ${subscriptions} s where s.workspace_id = ${workspaceId}`);
  let fee = 0;
  for (const s of rows) {
    if (UNBILLED.has(s.status) || !s.plan) continue;
    const starts = [s.first_event, s.period_start]
      .filter((x): x is string => !!x)
      .map((x) => new Date(x).getTime());
    const from = starts.length > 0 ? Math.min(...starts) : Number.NEGATIVE_INFINITY;
    const to =
      s.status === 'canceled' && s.period_end ? new Date(s.period_end).getTime() : Number.POSITIVE_INFINITY;
    if (to <= start.getTime() || from >= end.getTime()) continue;
    fee = Math.max(fee, planOf(s.plan).priceCents ?? 0);
  }
  return fee;
}
