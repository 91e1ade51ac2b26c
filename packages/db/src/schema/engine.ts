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
    index('engine_runs_due_idx').on(t.priority, t.runAt).where(sql`status in ('queued', 'sleeping')`),
    index('engine_runs_running_idx').on(t.leaseUntil).where(sql`status = 'running'`),
    index('engine_runs_concurrency_idx').on(t.concurrencyKey).where(sql`status = 'running'`),
    uniqueIndex('engine_runs_dedupe_uq').on(t.dedupeKey).where(sql`dedupe_key is not null`),
    // A job's run waiting to retry (the run trace's "retrying in 8 s"): only runs that failed an attempt
    // are in it, so intake (attempt 0) never writes to it.
    index('engine_runs_retrying_job_idx')
      .on(sql`(${t.payload} ->> 'jobId')`)
      .where(sql`status = 'queued' and attempt > 0`),
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
