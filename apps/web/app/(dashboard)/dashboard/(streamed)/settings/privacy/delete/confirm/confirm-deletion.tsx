'use client';

import { errorMessage } from '@levqor/app-kit/api-error';
import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button, Card, formatDateTime } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';

export function ConfirmDeletion({ token }: { token: string }) {
  const trpc = useTRPC();
  const confirm = useMutation(trpc.privacy.confirmErasure.mutationOptions());
  if (confirm.data)
    return (
      <Alert kind="ok">
        Confirmed. Your data will be deleted after{' '}
        {formatDateTime(new Date(confirm.data.executeAfter).toISOString())}. Until then you can cancel on{' '}
        <Link href="/dashboard/settings/privacy">the privacy page</Link>.
      </Alert>
    );
  return (
    <Card>
      <p>
        After you confirm, Levqor waits 7 days, then deletes or anonymises your account and data. You can
        cancel during those 7 days.
      </p>
      {confirm.error ? <Alert kind="error">{errorMessage(confirm.error)}</Alert> : null}
      <div>
        <Button
          variant="danger"
          onClick={() => confirm.mutate({ token })}
          disabled={!token || confirm.isPending}
        >
          Confirm deletion
        </Button>
      </div>
    </Card>
  );
}
