'use client';

import { ConfirmButton } from '@levqor/app-kit/confirm-button';
import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button, Card, formatDateTime } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';

interface Req {
  id: string;
  status: string;
  requestedAt: Date;
  executeAfter: Date | null;
  completedAt: Date | null;
}

export function DeleteCard({ requests }: { requests: Req[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const request = useMutation(
    trpc.privacy.requestErasure.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const cancel = useMutation(
    trpc.privacy.cancelErasure.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const open = requests.find((r) => r.status === 'awaiting_confirmation' || r.status === 'pending');
  return (
    <Card title="Delete my data">
      <p className="muted">
        Deletes or anonymises your account and everything not under a legal duty to keep: workflows, jobs,
        keys and webhooks of workspaces you own alone. Billing and usage records stay 7 years (tax law). A
        workspace you share is handed to its longest-standing member. You confirm by email, then have 7 days
        to change your mind.
      </p>
      {open?.status === 'awaiting_confirmation' ? (
        <Alert kind="info">We emailed you a confirmation link. Nothing happens until you open it.</Alert>
      ) : null}
      {open?.status === 'pending' ? (
        <Alert kind="error">
          Your data will be deleted after{' '}
          {open.executeAfter ? formatDateTime(new Date(open.executeAfter).toISOString()) : 'the cooling-off'}.
        </Alert>
      ) : null}
      <div className="row">
        {open ? (
          <Button
            variant="secondary"
            onClick={() => cancel.mutate({ requestId: open.id })}
            disabled={cancel.isPending}
          >
            Cancel the deletion
          </Button>
        ) : (
          <ConfirmButton
            label="Delete my data…"
            title="Delete your Levqor data?"
            confirmLabel="Email me the confirmation link"
            action={() => request.mutateAsync()}
          >
            We will email you a link. After you confirm, your data is deleted in 7 days unless you cancel
            here.
          </ConfirmButton>
        )}
      </div>
    </Card>
  );
}
