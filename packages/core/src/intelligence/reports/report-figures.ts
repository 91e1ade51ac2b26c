import { type DbOrTx, sql } from '@levqor/db';
import { subscriptionMonthlyCents } from '../../billing/plan-prices';
import { PLATFORM_SCOPE } from '../metrics';
import { ALLOW_ALL, objectingUsers, objectingWorkspaces, type ProcessingGate } from '../processing-gate';
import type { ReportPeriod } from './report-period';

/** Stripe statuses that bill (as the ledger's revenue source counts them). */
const BILLED = ['active', 'past_due'];

export interface ReportAnomaly {
  scope: string;
  metric: string;
  at: string;
  explanation: string;
}

export interface ReportFigures {
  period: { start: string; end: string };
  /** People with an account at the end of the period, and new in it (objectors to analytics left out). */
  users: number;
  signups: number;
  /** Workspaces whose first subscription was created in the period (Stripe `customer.subscription.created`). */
  conversions: number;
  /** Monthly recurring revenue of the billed subscriptions stored when the report ran, in cents. */
  mrrCents: number;
  /** The daily ledger summed over the period's days (cents). */
  margin: { revenueCents: number; aiSpendCents: number; infraCostCents: number; marginCents: number };
  /** Workspaces with the lowest margin in the period (objectors to profiling are not named). */
  lowestMargins: { workspaceId: string; marginCents: number }[];
  jobs: { created: number; succeeded: number; failed: number };
  /** Alerts first raised in the period, by severity, and stabilize-mode episodes entered. */
  alerts: Record<string, number>;
  stabilizeEpisodes: number;
  anomalies: { count: number; items: ReportAnomaly[] };
  /** Feature-flag changes from the audit log. */
  flagsChanged: { at: string; action: string; flag: string | null; actor: string }[];
  /** Status-page incidents opened in the period, and how many were resolved in it (any opening date). */
  incidents?: { opened: ReportIncident[]; resolved: number };
  /** Recommendations an administrator applied in the period. */
  recommendationsApplied?: { kind: string; title: string; at: string }[];
  /** Figures a report could not give, and why (reports stored before incidents and recommendations existed). */
  omitted: string[];
}

export interface ReportIncident {
  title: string;
  impact: string;
  status: string;
  openedAt: string;
  resolvedAt: string | null;
}

const n = (v: unknown) => Number(v ?? 0);
const ANOMALIES_LISTED = 20;

/**
 * The figures of a period, each from recorded data. Privacy (issue I): users who object to analytics are
 * left out of the counts of people (users, signups, conversions); workspaces whose owner objects to
 * profiling are never named (lowest margins, anomalies). Money totals (MRR, margin) are the business's
 * accounts, not processing of a person's activity, and include every workspace.
 */
export async function computeReportFigures(
  db: DbOrTx,
  opts: { period: ReportPeriod; gate?: ProcessingGate; now?: Date },
): Promise<ReportFigures> {
  const { period } = opts;
  const gate = opts.gate ?? ALLOW_ALL;
  const from = period.startAt.toISOString();
  const to = period.endAt.toISOString();

  const people = await db.execute<{ id: string; created_at: string }>(
    sql`select id, created_at from users where created_at < ${to}::timestamptz`,
  );
  const noAnalytics = await objectingUsers(
    gate,
    people.map((p) => p.id),
    'analytics',
  );
  const counted = people.filter((p) => !noAnalytics.has(p.id));
  const signups = counted.filter((p) => new Date(p.created_at).getTime() >= period.startAt.getTime()).length;

  const converted = await db.execute<{ workspace_id: string; owner: string | null }>(sql`
    select distinct w.id as workspace_id,
      (select m.user_id from memberships m where m.workspace_id = w.id and m.role = 'owner' limit 1) as owner
    from stripe_events e join workspaces w on w.stripe_customer_id = e.payload #>> '{data,object,customer}'
    where e.type = 'customer.subscription.created'
      and e.received_at >= ${from}::timestamptz and e.received_at < ${to}::timestamptz
      and not exists (
        select 1 from stripe_events p
        where p.type = 'customer.subscription.created' and p.received_at < ${from}::timestamptz
          and p.payload #>> '{data,object,customer}' = w.stripe_customer_id)`);
  const convertedOwners = await objectingUsers(
    gate,
    converted.flatMap((c) => (c.owner ? [c.owner] : [])),
    'analytics',
  );
  const conversions = converted.filter((c) => !(c.owner && convertedOwners.has(c.owner))).length;

  const subs = await db.execute<{ plan: string | null; price_id: string | null }>(
    sql`select plan, price_id from subscriptions where status in (${sql.join(
      BILLED.map((s) => sql`${s}`),
      sql`, `,
    )})`,
  );
  const monthly = await subscriptionMonthlyCents(db);
  const mrrCents = subs.reduce((sum, s) => sum + monthly({ plan: s.plan, priceId: s.price_id }), 0);

  const [ledger] = await db.execute<Record<string, number>>(sql`
    select coalesce(sum(revenue_cents), 0)::float8 as revenue, coalesce(sum(ai_spend_cents), 0)::float8 as ai,
           coalesce(sum(infra_cost_cents), 0)::float8 as infra, coalesce(sum(margin_cents), 0)::float8 as margin
    from daily_ledger where day >= ${period.start} and day < ${period.end}`);
  const perWorkspace = await db.execute<{ workspace_id: string; margin: number }>(sql`
    select workspace_id, sum(margin_cents)::float8 as margin from daily_ledger
    where day >= ${period.start} and day < ${period.end}
    group by workspace_id order by margin asc, workspace_id limit 50`);
  const noProfilingLedger = await objectingWorkspaces(
    db,
    gate,
    perWorkspace.map((r) => r.workspace_id),
    'profiling',
  );
  const lowestMargins = perWorkspace
    .filter((r) => !noProfilingLedger.has(r.workspace_id))
    .slice(0, 5)
    .map((r) => ({ workspaceId: r.workspace_id, marginCents: round2(n(r.margin)) }));

  const [jobs] = await db.execute<Record<string, number>>(sql`
    select coalesce(sum(value) filter (where metric = 'jobs.created'), 0)::float8 as created,
           coalesce(sum(value) filter (where metric = 'jobs.succeeded'), 0)::float8 as succeeded,
           coalesce(sum(value) filter (where metric = 'jobs.failed'), 0)::float8 as failed
    from metric_rollups
    where scope = ${PLATFORM_SCOPE} and bucket_start >= ${from}::timestamptz and bucket_start < ${to}::timestamptz
      and metric in ('jobs.created', 'jobs.succeeded', 'jobs.failed')`);

  const alertRows = await db.execute<{ severity: string; count: number }>(sql`
    select severity, count(*)::int as count from alerts
    where first_seen_at >= ${from}::timestamptz and first_seen_at < ${to}::timestamptz group by severity`);
  const [episodes] = await db.execute<{ count: number }>(sql`
    select count(*)::int as count from audit_events
    where action = 'stabilize.entered' and created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz`);

  const anomalyRows = await db.execute<{
    scope: string;
    metric: string;
    at: string;
    explanation: string;
  }>(sql`
    select scope, metric, bucket_start as at, explanation from metric_anomalies
    where bucket_start >= ${from}::timestamptz and bucket_start < ${to}::timestamptz
    order by bucket_start, scope, metric`);
  const noProfiling = await objectingWorkspaces(
    db,
    gate,
    [...new Set(anomalyRows.map((a) => a.scope).filter((s) => s !== PLATFORM_SCOPE))],
    'profiling',
  );
  const anomalies = anomalyRows
    .filter((a) => !noProfiling.has(a.scope))
    .map((a) => ({
      scope: a.scope,
      metric: a.metric,
      at: new Date(a.at).toISOString(),
      explanation: a.explanation,
    }));

  const flags = await db.execute<{ at: string; action: string; target: string | null; actor: string }>(sql`
    select created_at as at, action, target, actor from audit_events
    where action like 'admin.flag.%' and created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz
    order by created_at, id limit 200`);

  const opened = await db.execute<{
    title: string;
    impact: string;
    status: string;
    created_at: string;
    resolved_at: string | null;
  }>(sql`
    select title, impact, status, created_at, resolved_at from incidents
    where created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz
    order by created_at, id`);
  const [resolved] = await db.execute<{ count: number }>(sql`
    select count(*)::int as count from incidents
    where resolved_at >= ${from}::timestamptz and resolved_at < ${to}::timestamptz`);
  const applied = await db.execute<{ kind: string; title: string; decided_at: string }>(sql`
    select kind, title, decided_at from recommendations
    where status = 'applied' and decided_at >= ${from}::timestamptz and decided_at < ${to}::timestamptz
    order by decided_at, id`);

  return {
    period: { start: period.start, end: period.end },
    users: counted.length,
    signups,
    conversions,
    mrrCents,
    margin: {
      revenueCents: round2(n(ledger?.revenue)),
      aiSpendCents: round2(n(ledger?.ai)),
      infraCostCents: round2(n(ledger?.infra)),
      marginCents: round2(n(ledger?.margin)),
    },
    lowestMargins,
    jobs: { created: n(jobs?.created), succeeded: n(jobs?.succeeded), failed: n(jobs?.failed) },
    alerts: Object.fromEntries(alertRows.map((a) => [a.severity, n(a.count)])),
    stabilizeEpisodes: n(episodes?.count),
    anomalies: { count: anomalies.length, items: anomalies.slice(0, ANOMALIES_LISTED) },
    flagsChanged: flags.map((f) => ({
      at: new Date(f.at).toISOString(),
      action: f.action,
      flag: f.target,
      actor: f.actor,
    })),
    incidents: {
      opened: opened.map((i) => ({
        title: i.title,
        impact: i.impact,
        status: i.status,
        openedAt: new Date(i.created_at).toISOString(),
        resolvedAt: i.resolved_at ? new Date(i.resolved_at).toISOString() : null,
      })),
      resolved: n(resolved?.count),
    },
    recommendationsApplied: applied.map((r) => ({
      kind: r.kind,
      title: r.title,
      at: new Date(r.decided_at).toISOString(),
    })),
    omitted: [],
  };
}

function round2(v: number) {
  return Math.round(v * 100) / 100;
}
