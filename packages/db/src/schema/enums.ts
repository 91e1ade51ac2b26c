import { pgEnum } from 'drizzle-orm/pg-core';
import {
  JOB_PRIORITY_VALUES,
  JOB_STATUS_VALUES,
  STEP_STATUS_VALUES,
  WORKSPACE_PLAN_VALUES,
} from './enum-values';

/**
 * The job enums: code takes a list from `.enumValues` (zod schemas, filters, charts). Importable alone
 * (`@levqor/db/enums`, nothing but drizzle's pgEnum). Browser code reads the same lists from
 * `@levqor/db/enum-values`, which does not bring drizzle into the page.
 */
export const jobPriority = pgEnum('job_priority', JOB_PRIORITY_VALUES);
export const jobStatus = pgEnum('job_status', JOB_STATUS_VALUES);
export const stepStatus = pgEnum('job_step_status', STEP_STATUS_VALUES);

export type JobStatus = (typeof jobStatus.enumValues)[number];
export type JobPriority = (typeof jobPriority.enumValues)[number];
export type StepStatus = (typeof stepStatus.enumValues)[number];

/** Billing plans (packages/core/src/billing/plans.ts holds their prices and limits). */
export const workspacePlan = pgEnum('workspace_plan', WORKSPACE_PLAN_VALUES);
export type WorkspacePlan = (typeof workspacePlan.enumValues)[number];
