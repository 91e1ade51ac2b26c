'use client';

import { errorMessage } from '@levqor/app-kit/api-error';
import { Button, ConfirmDialog, Field, Textarea } from '@levqor/ui';
import { useRouter } from 'next/navigation';
import { type ReactNode, useId, useState } from 'react';

export interface ReasonActionProps {
  label: string;
  title: string;
  confirmLabel: string;
  /** What the action does, shown in the confirmation. */
  children?: ReactNode;
  danger?: boolean;
  buttonClassName?: string;
  testId?: string;
  /** Runs with the reason typed; a thrown error is shown and the dialog stays open. */
  action: (reason: string) => Promise<unknown>;
}

/**
 * An admin action: a button, then a confirmation that asks why (kept in the audit log), then the call.
 * The page is refreshed afterwards so server-rendered data shows the change.
 */
export function ReasonAction({
  label,
  title,
  confirmLabel,
  children,
  danger = false,
  buttonClassName,
  testId,
  action,
}: ReasonActionProps) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    if (reason.trim().length < 5) {
      setError('Give a reason of at least 5 characters; it is kept in the audit log.');
      return;
    }
    setPending(true);
    setError(null);
    try {
      await action(reason.trim());
      setOpen(false);
      setReason('');
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button
        variant={danger ? 'danger' : 'secondary'}
        className={buttonClassName}
        onClick={() => setOpen(true)}
        data-testid={testId}
      >
        {label}
      </Button>
      <ConfirmDialog
        open={open}
        title={title}
        confirmLabel={confirmLabel}
        danger={danger}
        pending={pending}
        onConfirm={confirm}
        onCancel={() => {
          setOpen(false);
          setError(null);
        }}
      >
        {children}
        <Field label="Reason (kept in the audit log)" htmlFor={id}>
          <Textarea
            id={id}
            name="reason"
            rows={3}
            maxLength={500}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Field>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
