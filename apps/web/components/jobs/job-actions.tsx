'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { errorMessage } from '../api-error';
import { isLive, type JobDetail } from '../api-types';
import { ConfirmButton } from '../confirm-button';
import { jobHref } from '../links';
import { useInvalidate } from '../use-invalidate';
import { EditPayloadButton } from './edit-payload-button';
import { ReplayFailedButton } from './replay-failed-button';
import { isEnded } from './replay-steps';

/**
 * Cancel (confirmed; while queued or running), Rerun (opens the new job) and, once ended, the replays:
 * from the failed step, or with an edited payload (both confirmed).
 */
export function JobActions({ job }: { job: JobDetail }) {
  const trpc = useTRPC();
  const router = useRouter();
  const invalidate = useInvalidate();
  const cancel = useMutation(trpc.jobs.cancel.mutationOptions());
  const rerun = useMutation(
    trpc.jobs.rerun.mutationOptions({
      onSuccess: async (next) => {
        await invalidate('jobs', 'usage');
        router.push(jobHref(next.id));
      },
    }),
  );

  return (
    <div className="stack" style={{ gap: 8, alignItems: 'flex-end' }}>
      <div className="row">
        {isLive(job.status) && (
          <ConfirmButton
            label="Cancel job"
            title={`Cancel ${job.id}?`}
            confirmLabel="Cancel job"
            action={async () => {
              await cancel.mutateAsync({ id: job.id });
              await invalidate('jobs', 'usage');
            }}
          >
            <p>
              The job stops before its next step (a running http or ai call is aborted) and its unspent
              reservation is released. This cannot be undone; you can re-run it later.
            </p>
          </ConfirmButton>
        )}
        {isEnded(job.status) && <ReplayFailedButton job={job} />}
        {isEnded(job.status) && <EditPayloadButton job={job} />}
        <Button variant="secondary" disabled={rerun.isPending} onClick={() => rerun.mutate({ id: job.id })}>
          {rerun.isPending ? 'Submitting…' : 'Rerun'}
        </Button>
      </div>
      {rerun.error && <Alert kind="error">{errorMessage(rerun.error)}</Alert>}
    </div>
  );
}
