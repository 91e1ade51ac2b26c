import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { newId } from '../ids';

/**
 * The local job engine's own state (packages/engine). The product's truth lives in jobs / job_steps /
 * job_events; these tables only drive execution.
 */
export const engineRunStatus = pgEnum('engine_run_status', [
  'queued',
  'running',
  'sleeping',
  'succeeded',
  'failed',
  'cancelled',
]);

export const engineRuns = pgTable(
  'engine_runs',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('run')),
    functionId: text('function_id').notNull(),
    eventName: text('event_name').notNull(),
    payload: jsonb('payload').notNull(),
    status: engineRunStatus('status').notNull().default('queued'),
    /** Higher runs first. */
    priority: integer('priority').notNull().default(0),
    /** Due time: first run, retry back-off or wake-up from a sleep. */
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    concurrencyKey: text('concurrency_key'),
    concurrencyLimit: integer('concurrency_limit'),
    attempt: integer('attempt').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    /** Attempts lost with their worker (lease expired), also counted in `attempt` but not against `maxAttempts`. */
    lostCount: integer('lost_count').notNull().default(0),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lockedBy: text('locked_by'),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    /** Deterministic id for de-duplication (cron ticks, idempotent sends). */
    dedupeKey: text('dedupe_key'),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }),
    lastError: text('last_error'),
    output: jsonb('output'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    // Due runs without a concurrency key, in claim order.
    index('engine_runs_unkeyed_due_idx')
      .on(t.priority.desc(), t.runAt, t.createdAt)
      .where(sql`status in ('queued', 'sleeping') and concurrency_key is null`),
    // A key's waiting runs in claim order, and by due time (its next due run).
    index('engine_runs_key_due_idx')
      .on(t.concurrencyKey, t.priority.desc(), t.runAt, t.createdAt)
      .where(sql`status in ('queued', 'sleeping') and concurrency_key is not null`),
    index('engine_runs_key_next_idx')
      .on(t.concurrencyKey, t.runAt)
      .where(sql`status in ('queued', 'sleeping') and concurrency_key is not null`),
    index('engine_runs_running_idx').on(t.leaseUntil).where(sql`status = 'running'`),
    // A key's running runs: a claim counts them (at most the key's limit) for the keys it locked.
    index('engine_runs_key_running_idx')
      .on(t.concurrencyKey)
      .where(sql`status = 'running' and concurrency_key is not null`),
    uniqueIndex('engine_runs_dedupe_uq').on(t.dedupeKey).where(sql`dedupe_key is not null`),
    // A job's run waiting to retry (the run trace's "retrying in 8 s"): only runs that failed an attempt
    // are in it, so intake (attempt 0) never writes to it.
    index('engine_runs_retrying_job_idx')
      .on(sql`(${t.payload} ->> 'jobId')`)
      .where(sql`status = 'queued' and attempt > 0`),
    // A Stripe event's processing runs (the admin console's webhook log shows their errors).
    index('engine_runs_stripe_event_idx')
      .on(sql`(${t.payload} ->> 'eventId')`)
      .where(sql`function_id = 'billing.stripe-event'`),
    // The newest run lost with its worker (the operations health page): only such runs are in it.
    index('engine_runs_lost_idx').on(t.updatedAt).where(sql`lost_count > 0`),
  ],
);

/**
 * One row per concurrency key (`<functionId>:<value>`, e.g. one per workspace for `jobs.run`): what a
 * claim needs to pick keys without looking at their backlog. `next_run_at` is a lower bound of the due
 * time of the key's waiting (`queued`/`sleeping`) runs, null when it has none: lowered by the triggers
 * (migrations 0010, 0029) when a run starts waiting, recomputed by the claim that finds the key short of
 * due runs. `last_claimed_at` orders the keys round-robin (least recently served first).
 *
 * The row is written by claims, by intake and by runs that start waiting, never when a run ends: a
 * run's end used to decrement a `running` count here, which made every run of a workspace end through
 * one row lock held until its commit (migration 0029). A claim counts the running runs of the keys it
 * locked instead (`engine_runs_key_running_idx`, at most the key's limit each).
 */
export const engineConcurrencyKeys = pgTable(
  'engine_concurrency_keys',
  {
    key: text('key').primaryKey(),
    functionId: text('function_id').notNull(),
    concurrencyLimit: integer('concurrency_limit').notNull(),
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
    lastClaimedAt: timestamp('last_claimed_at', { withTimezone: true }),
  },
  (t) => [
    // Keys with waiting runs, least recently served first: the claim reads the first few (an ordered
    // index scan, whatever the number of keys with work).
    index('engine_concurrency_keys_round_robin_idx')
      .on(t.lastClaimedAt.asc().nullsFirst(), t.key)
      .where(sql`next_run_at is not null`),
    // Keys by next due time: when the next run becomes due (the worker's sleep between polls).
    index('engine_concurrency_keys_next_due_idx').on(t.nextRunAt).where(sql`next_run_at is not null`),
  ],
);

/** Memoized step results: a recorded step is replayed, never executed again. */
export const engineSteps = pgTable(
  'engine_steps',
  {
    runId: text('run_id')
      .notNull()
      .references(() => engineRuns.id, { onDelete: 'cascade' }),
    stepId: text('step_id').notNull(),
    output: jsonb('output'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.stepId] })],
);

/** Transactional outbox: events written with the caller's transaction, delivered after commit. */
export const engineEvents = pgTable(
  'engine_events',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('evt')),
    name: text('name').notNull(),
    data: jsonb('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  },
  (t) => [index('engine_events_pending_idx').on(t.createdAt).where(sql`dispatched_at is null`)],
);

/**
 * Live local-engine workers: each upserts its row every few seconds (`last_seen`) and deletes it when it
 * stops. Readiness reports "degraded" when no worker was seen for 30 s; a SIGKILLed worker's row simply
 * ages (rows not seen for a day are pruned by the next heartbeat of any worker).
 */
export const engineWorkers = pgTable('engine_workers', {
  id: text('id').primaryKey(),
  pid: integer('pid').notNull(),
  host: text('host').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeen: timestamp('last_seen', { withTimezone: true }).notNull().defaultNow(),
});
