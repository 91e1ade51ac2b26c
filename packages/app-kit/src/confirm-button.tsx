'use client';

import { Button, ConfirmDialog } from '@levqor/ui';
import { type ReactNode, useState } from 'react';
import { errorMessage } from './api-error';

export interface ConfirmButtonProps {
  label: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The action; a thrown error is shown in the dialog, which then stays open. */
  action: () => Promise<unknown>;
  danger?: boolean;
  disabled?: boolean;
  /** Extra classes for the trigger button (e.g. `btn-sm` in a table row). */
  buttonClassName?: string;
}

/** A button that asks for confirmation in a modal, runs the action and reports its failure. */
export function ConfirmButton({
  label,
  title,
  children,
  confirmLabel,
  action,
  danger = true,
  disabled,
  buttonClassName,
}: ConfirmButtonProps) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await action();
      setOpen(false);
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
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
