'use client';

import { ConfirmButton } from '@levqor/app-kit/confirm-button';
import { useTRPCClient } from '@levqor/app-kit/trpc-react';
import { useRouter } from 'next/navigation';

const LIVE = new Set(['queued', 'running']);

/** Cancel (while live) and rerun a customer's job on their behalf; both audited with a reason. */
export function JobAdminActions({ job }: { job: { id: string; status: string } }) {
  const client = useTRPCClient();
  const router = useRouter();
  return (
    <div className="row">
      {LIVE.has(job.status) && (
        <ConfirmButton
          reason
          refresh
          label="Cancel job"
          title={`Cancel ${job.id} for the customer?`}
          confirmLabel="Cancel job"
          danger
          testId="admin-cancel-job"
          action={(reason) => client.admin.jobs.cancel.mutate({ id: job.id, reason })}
        >
          <p>The job stops before its next step and its unspent reservation is released.</p>
        </ConfirmButton>
      )}
      <ConfirmButton
        reason
        refresh
        danger={false}
        label="Rerun"
        title={`Rerun ${job.id} for the customer?`}
        confirmLabel="Rerun"
        testId="admin-rerun-job"
        action={async (reason) => {
          const next = await client.admin.jobs.rerun.mutate({ id: job.id, reason });
          router.push(`/jobs/${next.id}`);
        }}
      >
        <p>A new job with the same payload, budgeted against the customer’s workspace like their own.</p>
      </ConfirmButton>
    </div>
  );
}
