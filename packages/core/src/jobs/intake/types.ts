import type { z } from 'zod';
import type { Step } from '../../workflows/step-schema';
import type { JobResource } from '../job-resource';
import type { ZSubmitJobInput } from '../submit-job';

export interface SubmitResult {
  job: JobResource;
  /** False when an idempotency key returned an earlier job. */
  created: boolean;
}

/**
 * What a replay reuses: the first step it executes (its position), and the definitions of the steps
 * before it as the original ran them — the version the replay gets must define them identically.
 */
export interface ReplayPlan {
  fromStep: number;
  originalJobId: string;
  reusedSteps: Step[];
}

/** A submission whose input passed every rule that needs no database. */
export interface PreparedSubmit {
  input: z.output<typeof ZSubmitJobInput>;
  /** Fingerprint of the request for its idempotency key ("" without one). */
  requestHash: string;
  submittedBy: string;
  rerunOf: string | null;
  /** A replay: the steps before `fromStep` reuse the original's outputs (see replay/replay-job.ts). */
  replay: ReplayPlan | null;
  /** From the high-risk data firewall's `warn` categories. */
  warnings: string[];
  /** Serialized payload size (UTF-16 units), to bound a shared transaction's statement size. */
  payloadBytes: number;
}

/** What one submission of a shared transaction gets: its result, or the error it alone fails with. */
export type Outcome = { ok: SubmitResult } | { error: unknown };
