import { pgEnum } from 'drizzle-orm/pg-core';

/**
 * The job enums, the one source of their values: code takes a list from `.enumValues` (zod schemas,
 * filters, charts). Importable alone (`@levqor/db/enums`, nothing but drizzle's pgEnum), so browser
 * code can read the lists without the database client.
 */
export const jobPriority = pgEnum('job_priority', ['low', 'normal', 'high']);
export const jobStatus = pgEnum('job_status', ['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export const stepStatus = pgEnum('job_step_status', [
  'pending',
  'running',
  'sleeping',
  'succeeded',
  'failed',
  'cancelled',
  'skipped',
]);

export type JobStatus = (typeof jobStatus.enumValues)[number];
export type JobPriority = (typeof jobPriority.enumValues)[number];
export type StepStatus = (typeof stepStatus.enumValues)[number];

/** Billing plans (packages/core/src/billing/plans.ts holds their prices and limits). */
export const workspacePlan = pgEnum('workspace_plan', [
  'free',
  'starter',
  'growth',
  'business',
  'enterprise',
]);
export type WorkspacePlan = (typeof workspacePlan.enumValues)[number];
