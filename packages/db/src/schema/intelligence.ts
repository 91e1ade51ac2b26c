import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { newId } from '../ids';
import { workspacePlan } from './enums';

/**
 * Five-minute rollups of recorded activity: one value per scope (`platform` or a workspace id), bucket
 * and metric. Recomputed from raw rows and upserted, so late data corrects its bucket and a rerun is
 * idempotent. Charts and anomaly detection read these, never raw rows.
 */
export const metricRollups = pgTable(
  'metric_rollups',
  {
    scope: text('scope').notNull(),
    metric: text('metric').notNull(),
    bucketStart: timestamp('bucket_start', { withTimezone: true }).notNull(),
    value: doublePrecision('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.metric, t.bucketStart] }),
    index('metric_rollups_bucket_idx').on(t.bucketStart),
  ],
);

/** A point of a rollup series flagged as unusual, with its explanation in words and numbers. */
export const metricAnomalies = pgTable(
  'metric_anomalies',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('anm')),
    scope: text('scope').notNull(),
    metric: text('metric').notNull(),
    bucketStart: timestamp('bucket_start', { withTimezone: true }).notNull(),
    value: doublePrecision('value').notNull(),
    expectedLow: doublePrecision('expected_low').notNull(),
    expectedHigh: doublePrecision('expected_high').notNull(),
    zScore: doublePrecision('z_score'),
    /** `z`, `iqr` or `z+iqr`: which test flagged it. */
    method: text('method').notNull(),
    explanation: text('explanation').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('metric_anomalies_point_uq').on(t.scope, t.metric, t.bucketStart),
    index('metric_anomalies_created_idx').on(t.createdAt),
  ],
);

/** An alert rule: when `metric` in `scope` meets the condition, notify the channels. */
export const alertRules = pgTable(
  'alert_rules',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('arl')),
    name: text('name').notNull(),
    /** `platform` or a workspace id. */
    scope: text('scope').notNull(),
    metric: text('metric').notNull(),
    /** `gt`, `gte`, `lt`, `lte` against `threshold`, or `anomaly` (any anomaly of the metric). */
    condition: text('condition').notNull(),
    threshold: doublePrecision('threshold'),
    severity: text('severity').notNull(),
    /** [{ type: 'email', to } | { type: 'webhook', url, secret } | { type: 'slack', url }] */
    channels: jsonb('channels').notNull(),
    /** { start: 'HH:MM', end: 'HH:MM', timeZone } — non-critical notifications wait until it ends. */
    quietHours: jsonb('quiet_hours'),
    escalateAfterMinutes: integer('escalate_after_minutes'),
    escalateChannels: jsonb('escalate_channels'),
    enabled: boolean('enabled').notNull().default(true),
    /**
     * `admin` (made in the console) or `workspace`: one of a workspace's own rules (failure spike,
     * budget 80/100%), whose channel its owner sets from the dashboard.
     */
    managedBy: text('managed_by').notNull().default('admin'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('alert_rules_scope_idx').on(t.scope)],
);

/** A firing of a rule. At most one unresolved alert per rule: repeats count as occurrences (dedupe). */
export const alerts = pgTable(
  'alerts',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('alr')),
    ruleId: text('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    metric: text('metric').notNull(),
    severity: text('severity').notNull(),
    /** Related alerts (same scope) are notified together. */
    groupKey: text('group_key').notNull(),
    status: text('status').notNull().default('open'),
    message: text('message').notNull(),
    value: doublePrecision('value').notNull(),
    occurrences: integer('occurrences').notNull().default(1),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** Null while a notification is held back (quiet hours). */
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: text('acknowledged_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: text('resolved_by'),
  },
  (t) => [
    uniqueIndex('alerts_rule_unresolved_uq').on(t.ruleId).where(sql`status <> 'resolved'`),
    index('alerts_status_idx').on(t.status, t.lastSeenAt),
  ],
);

/** Every notification sent for alerts (one per channel and group). */
export const alertNotifications = pgTable(
  'alert_notifications',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('aln')),
    alertIds: text('alert_ids').array().notNull(),
    /** `notify` or `escalate`. */
    kind: text('kind').notNull(),
    channel: text('channel').notNull(),
    target: text('target').notNull(),
    ok: boolean('ok').notNull(),
    detail: text('detail'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('alert_notifications_created_idx').on(t.createdAt)],
);

/** One row per minute in which the platform breached its SLO. */
export const sloBreaches = pgTable('slo_breaches', {
  minuteStart: timestamp('minute_start', { withTimezone: true }).primaryKey(),
  reasons: text('reasons').array().notNull(),
  p99IntakeMs: doublePrecision('p99_intake_ms'),
  errorRate: doublePrecision('error_rate'),
});

/** Stabilize mode (one row, id `platform`): entered and left automatically. */
export const stabilizeState = pgTable('stabilize_state', {
  id: text('id').primaryKey(),
  active: boolean('active').notNull().default(false),
  enteredAt: timestamp('entered_at', { withTimezone: true }),
  exitedAt: timestamp('exited_at', { withTimezone: true }),
  reason: text('reason'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Daily cost and profitability per workspace (UTC days), from the rollups: revenue (from billing, 0
 * until a revenue source is wired), AI spend, an infrastructure cost allocation from unit costs, and
 * the margin. Recomputed and upserted: one row per workspace and day.
 */
export const dailyLedger = pgTable(
  'daily_ledger',
  {
    workspaceId: text('workspace_id').notNull(),
    day: text('day').notNull(),
    revenueCents: doublePrecision('revenue_cents').notNull(),
    aiSpendCents: doublePrecision('ai_spend_cents').notNull(),
    infraCostCents: doublePrecision('infra_cost_cents').notNull(),
    marginCents: doublePrecision('margin_cents').notNull(),
    jobs: integer('jobs').notNull(),
    apiRequests: integer('api_requests').notNull(),
    /** The workspace's plan when the day was computed (margin per plan); null on rows from before 0028. */
    plan: workspacePlan('plan'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day] }), index('daily_ledger_day_idx').on(t.day)],
);

/**
 * Recommendations an admin applies or dismisses: pricing per plan, discounts, worker autoscale. Computed
 * daily, one per kind, subject and period (a rerun rewrites an open one, never a decided one). `inputs`
 * are the recorded figures it was computed from; `proposal` is what applying it does.
 */
export const recommendations = pgTable(
  'recommendations',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('rec')),
    /** `pricing`, `discount` or `autoscale`. */
    kind: text('kind').notNull(),
    /** What it is about: a plan (`pro`), `signup` (discounts) or `workers`. */
    subject: text('subject').notNull(),
    /** The UTC day it was computed for (YYYY-MM-DD). */
    period: text('period').notNull(),
    title: text('title').notNull(),
    explanation: text('explanation').notNull(),
    inputs: jsonb('inputs').notNull(),
    proposal: jsonb('proposal').notNull(),
    /** `open`, `applied`, `dismissed` or `noop` (nothing to change). */
    status: text('status').notNull().default('open'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    /** What applying it did (Stripe ids, the flag value…). */
    result: jsonb('result'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('recommendations_period_uq').on(t.kind, t.subject, t.period),
    index('recommendations_status_idx').on(t.status, t.createdAt),
  ],
);
