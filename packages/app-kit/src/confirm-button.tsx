'use client';

import { Button, ConfirmDialog, Field, Textarea } from '@levqor/ui';
import { useRouter } from 'next/navigation';
import { type ReactNode, useId, useState } from 'react';
import { errorMessage } from './api-error';

/** The shortest reason an admin action accepts (the server checks it too: ZAdminReason). */
const MIN_REASON = 5;

export interface ConfirmButtonProps {
  label: string;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /**
   * The action, given the reason typed when `reason` is set ('' otherwise); a thrown error is shown in
   * the dialog, which then stays open.
   */
  action: (reason: string) => Promise<unknown>;
  danger?: boolean;
  disabled?: boolean;
  /** Extra classes for the trigger button (e.g. `btn-sm` in a table row). */
  buttonClassName?: string;
  /** Ask why (required, kept in the audit log): every admin action on someone else's data does. */
  reason?: boolean;
  /** Refresh the server-rendered page after the action (its data changed). */
  refresh?: boolean;
  testId?: string;
}

/**
 * A button that asks for confirmation in a modal — and, for admin actions, the reason — runs the action
 * and reports its failure.
 */
export function ConfirmButton({
  label,
  title,
  children,
  confirmLabel,
  action,
  danger = true,
  disabled,
  buttonClassName,
  reason: askReason = false,
  refresh = false,
  testId,
}: ConfirmButtonProps) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    if (askReason && reason.trim().length < MIN_REASON) {
      setError(`Give a reason of at least ${MIN_REASON} characters; it is kept in the audit log.`);
      return;
    }
    setPending(true);
    setError(null);
    try {
      await action(reason.trim());
      setOpen(false);
      setReason('');
      if (refresh) router.refresh();
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
        disabled={disabled}
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
        {askReason && (
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
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
