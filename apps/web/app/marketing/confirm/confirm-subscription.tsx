'use client';

import { errorMessage } from '@levqor/app-kit/api-error';
import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button, Card } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';

/** A button rather than confirming on load: link scanners open URLs, only a person clicks. */
export function ConfirmSubscription({ token }: { token: string }) {
  const trpc = useTRPC();
  const confirm = useMutation(trpc.marketing.confirm.mutationOptions());
  return (
    <Card title="Confirm your Levqor subscription" level={1}>
      {confirm.data ? (
        <Alert kind="ok">
          {confirm.data.alreadyConfirmed ? 'Already confirmed.' : 'Confirmed.'} You will receive Levqor
          product news. Every email has a one-click unsubscribe link.
        </Alert>
      ) : (
        <>
          {confirm.error ? <Alert kind="error">{errorMessage(confirm.error)}</Alert> : null}
          <Button onClick={() => confirm.mutate({ token })} disabled={!token || confirm.isPending}>
            Confirm subscription
          </Button>
        </>
      )}
    </Card>
  );
}
