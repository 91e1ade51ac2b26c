'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { JobDetail } from '../api-types';
import { ConfirmButton } from '../confirm-button';
import { jobHref } from '../links';
import { useInvalidate } from '../use-invalidate';
import { maxFromStep, stepLabel } from './replay-steps';

/**
 * "Rerun from the failed step" (a failed or cancelled job past its first step): a new linked job whose
 * earlier steps reuse this job's recorded outputs. Confirmed; opens the new job.
 */
export function ReplayFailedButton({ job }: { job: JobDetail }) {
  const trpc = useTRPC();
  const router = useRouter();
  const invalidate = useInvalidate();
  const replay = useMutation(trpc.jobs.replay.mutationOptions());
  const from = maxFromStep(job);
  if ((job.status !== 'failed' && job.status !== 'cancelled') || from === 0) return null;
  const reused = from === 1 ? stepLabel(job, 0) : `steps 1–${from}`;
  return (
    <ConfirmButton
      label={`Rerun from ${stepLabel(job, from)}`}
      title={`Rerun ${job.id} from ${stepLabel(job, from)}?`}
      confirmLabel="Rerun from there"
      danger={false}
      action={async () => {
        const next = await replay.mutateAsync({ id: job.id, from_step: from });
        await invalidate('jobs', 'usage');
        router.push(jobHref(next.id));
      }}
    >
      <p>
        A new job runs with the same payload. {reused[0]!.toUpperCase() + reused.slice(1)} reuse
        {from === 1 ? 's' : ''} the output recorded here — not executed again and not charged — and execution
        starts at {stepLabel(job, from)}. The new job is checked against your budget like any submission.
      </p>
    </ConfirmButton>
  );
}
