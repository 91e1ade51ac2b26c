import {
  EVENTS,
  type EventSender,
  failJob,
  priorityRank,
  RUN_JOB_RETRIES,
  runJob,
  ZJobSubmitted,
} from '@levqor/core';
import type { DbOrTx } from '@levqor/db';
import { defineFunction } from '../define-function';

/** Longest a job may take, its delay steps (≤ 7 days) included. */
export const JOB_TIMEOUT_MS = 8 * 86_400_000;

/** `jobs.run`: executes a customer's job, step by step, on whichever engine runs it. */
export function jobsRunFunction(db: DbOrTx, events: EventSender) {
  return defineFunction({
    id: 'jobs.run',
    trigger: { event: EVENTS.jobSubmitted },
    payload: ZJobSubmitted,
    // Per workspace: its plan's concurrency, carried by the event (packages/core/src/billing/plans.ts).
    concurrency: { key: 'workspaceId', limit: 5, limitField: 'concurrency' },
    retries: RUN_JOB_RETRIES,
    timeoutMs: JOB_TIMEOUT_MS,
    cancelOn: { event: EVENTS.jobCancelled, match: 'jobId' },
    priority: (payload) => priorityRank(payload.priority),
    handler: ({ payload, io }) => runJob(db, events, payload.jobId, io),
    onFailure: ({ payload, error }) => failJob(db, events, payload.jobId, error),
  });
}
