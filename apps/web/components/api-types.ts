import type { AppRouter } from '@levqor/api';
import { JOB_PRIORITY_VALUES, JOB_STATUS_VALUES } from '@levqor/db/enum-values';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

export type Workflow = Outputs['workflows']['get'];
export type WorkflowStatus = Workflow['status'];
export type Job = Outputs['jobs']['list']['items'][number];
export type JobDetail = Outputs['jobs']['get'];
export type JobStep = NonNullable<JobDetail['steps']>[number];
export type EngineEvent = JobDetail['events'][number];
export type JobStatus = Job['status'];
export type JobPriority = Job['priority'];
export type Usage = Outputs['usage']['summary'];
export type BudgetState = Outputs['dashboard']['budget'];
export type DashboardOverview = Outputs['dashboard']['overview'];
export type HealthWindow = DashboardOverview['health']['24h'];
export type SlaMonth = Outputs['sla']['overview']['months'][number];
export type ListJobsInput = Inputs['jobs']['list'];

/** The lists come from the database enums (one source); `satisfies` checks the API still agrees. */
export const JOB_STATUSES = JOB_STATUS_VALUES satisfies readonly JobStatus[];
export const PRIORITIES = JOB_PRIORITY_VALUES satisfies readonly JobPriority[];

/** A job still moving: poll it. */
export const isLive = (status: JobStatus) => status === 'queued' || status === 'running';

/** How often live lists and pages poll: the dashboard promises status changes within 2 s. */
export const LIVE_POLL_MS = 1_500;
export type JobTrace = Outputs['jobs']['trace'];
export type TraceStep = JobTrace['steps'][number];
