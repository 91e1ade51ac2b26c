import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { newId } from '../ids';
import { jobPriority, jobStatus, stepStatus } from './enums';
import { workflowVersions } from './workflows';
import { workspaces } from './workspaces';

/** Money: USD cents with 4 decimals, exact. Read as strings; packages/core converts. */
const cents = (name: string) => numeric(name, { precision: 18, scale: 4 });

export const jobs = pgTable(
  'jobs',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('job')),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    workflowId: text('workflow_id').notNull(),
    workflowVersionId: text('workflow_version_id').notNull(),
    workflowSlug: text('workflow_slug').notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    payload: jsonb('payload').notNull(),
    priority: jobPriority('priority').notNull().default('normal'),
    status: jobStatus('status').notNull().default('queued'),
    idempotencyKey: text('idempotency_key'),
    callbackUrl: text('callback_url'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    estimatedCost: cents('estimated_cost').notNull().default('0'),
    reservedCost: cents('reserved_cost').notNull().default('0'),
    cost: cents('cost').notNull().default('0'),
    attempts: integer('attempts').notNull().default(0),
    result: jsonb('result'),
    error: text('error'),
    warnings: jsonb('warnings').$type<string[]>(),
    rerunOf: text('rerun_of'),
    /**
     * A replay (a rerun of `rerun_of` from a step): the position of the first step it executes; the
     * steps before it reuse the original's recorded outputs. Null for a plain submission or rerun.
     */
    replayFromStep: integer('replay_from_step'),
    /** `usr_…` or `key_…`: who submitted it. */
    submittedBy: text('submitted_by'),
    cancelRequestedAt: timestamp('cancel_requested_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('jobs_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('jobs_workspace_status_idx').on(t.workspaceId, t.status),
    // One check per job for both columns, and they must agree (the version belongs to the workflow).
    foreignKey({
      name: 'jobs_workflow_version_fk',
      columns: [t.workflowVersionId, t.workflowId],
      foreignColumns: [workflowVersions.id, workflowVersions.workflowId],
    }),
    // Untagged jobs (most) add nothing to it; a tag filter states `cardinality(tags) > 0` to use it.
    index('jobs_tags_idx').using('gin', t.tags).where(sql`cardinality(tags) > 0`),
    index('jobs_finished_idx').on(t.finishedAt).where(sql`finished_at is not null`),
    // Jobs started since (claim latency on the operations health page).
    index('jobs_started_idx').on(t.startedAt).where(sql`started_at is not null`),
    // Platform-wide "created since" (the public metrics' jobs today) without a scan of every job.
    index('jobs_created_idx').on(t.createdAt),
    // A job's reruns and replays (its page lists them).
    index('jobs_rerun_of_idx').on(t.rerunOf).where(sql`rerun_of is not null`),
  ],
);

/** Idempotency keys: same key + same body within 24 h → the same job. */
export const jobIdempotencyKeys = pgTable(
  'job_idempotency_keys',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    jobId: text('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  // job_id: deleting a job finds its keys by index, not by a scan of every key.
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] }), index('job_idempotency_keys_job_idx').on(t.jobId)],
);

export const jobSteps = pgTable(
  'job_steps',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('step')),
    jobId: text('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    stepId: text('step_id').notNull(),
    position: integer('position').notNull(),
    type: text('type').notNull(),
    status: stepStatus('status').notNull().default('pending'),
    attempt: integer('attempt').notNull().default(0),
    input: jsonb('input'),
    output: jsonb('output'),
    error: text('error'),
    cost: cents('cost').notNull().default('0'),
    durationMs: integer('duration_ms'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** A replay's step that was not executed: its output was reused from this job (`job_…`). */
    reusedFromJobId: text('reused_from_job_id'),
  },
  (t) => [uniqueIndex('job_steps_job_step_uq').on(t.jobId, t.stepId)],
);

export const jobEvents = pgTable(
  'job_events',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('evt')),
    jobId: text('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    message: text('message').notNull(),
    stepId: text('step_id'),
    data: jsonb('data'),
    // The clock, not the transaction's start: entries written in one transaction keep their order.
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [index('job_events_job_idx').on(t.jobId, t.createdAt)],
);

export const ledgerKind = pgEnum('ledger_kind', ['reserve', 'settle', 'release']);

/** Every reservation, settlement and release of budget, per job and month (YYYY-MM, UTC). */
export const costLedger = pgTable(
  'cost_ledger',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('led')),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    // The job charged, kept as a plain reference: the ledger is append-only history that outlives its
    // jobs (deleting a job touches no ledger row), and intake checks one foreign key less per row.
    jobId: text('job_id'),
    kind: ledgerKind('kind').notNull(),
    amount: cents('amount').notNull(),
    month: text('month').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('cost_ledger_workspace_month_idx').on(t.workspaceId, t.month, t.kind)],
);

/**
 * Running totals of `cost_ledger` per workspace, month and kind, kept by statement triggers on the ledger
 * (migration 0003): a budget check reads at most a few dozen rows instead of summing the month. Spread
 * over SHARDS rows per kind (a random one per statement), so concurrent writers of one workspace — job
 * settlements from several workers — seldom wait on the same row. Sum the shards to read.
 */
export const costLedgerTotals = pgTable(
  'cost_ledger_totals',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    kind: ledgerKind('kind').notNull(),
    shard: smallint('shard').notNull(),
    total: cents('total').notNull().default('0'),
    /** How many ledger rows the total sums: for `reserve`, the jobs submitted that month (the plan's quota). */
    rows: integer('rows').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.month, t.kind, t.shard] })],
);

export const webhookDeliveryStatus = pgEnum('webhook_delivery_status', ['pending', 'succeeded', 'failed']);

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('whd')),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    jobId: text('job_id').references(() => jobs.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').notNull(),
    status: webhookDeliveryStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_deliveries_workspace_idx').on(t.workspaceId, t.createdAt),
    index('webhook_deliveries_job_idx').on(t.jobId),
    // The delivery backlog (count and oldest, on the operations health page): only pending deliveries.
    index('webhook_deliveries_pending_idx').on(t.createdAt).where(sql`status = 'pending'`),
  ],
);

export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('whd')),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    statusCode: integer('status_code'),
    durationMs: integer('duration_ms').notNull(),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('webhook_attempts_delivery_idx').on(t.deliveryId),
    // Rollups count one five-minute window of failed attempts.
    index('webhook_attempts_created_idx').on(t.createdAt),
  ],
);
