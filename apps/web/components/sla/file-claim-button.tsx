'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Button, ConfirmDialog } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { errorMessage } from '../api-error';

/** Files the owner's claim for one month, after a confirmation naming the credit. */
export function FileClaimButton({ month, credit }: { month: string; credit: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const file = useMutation(trpc.sla.fileClaim.mutationOptions());
  async function confirm() {
    setError(null);
    try {
      await file.mutateAsync({ month });
      setOpen(false);
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid={`claim-${month}`}>
        Claim {credit}
      </Button>
      <ConfirmDialog
        open={open}
        title={`Claim a service credit for ${month}?`}
        confirmLabel="File claim"
        pending={file.isPending}
        onConfirm={confirm}
        onCancel={() => {
          setOpen(false);
          setError(null);
        }}
      >
        <p>
          An administrator reviews the claim. If it is approved, {credit} is credited to your Stripe customer
          balance and used by your next invoice. One claim per month.
        </p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
