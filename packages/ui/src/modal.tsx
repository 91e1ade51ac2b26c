'use client';

import { type ReactNode, useEffect, useId, useRef } from 'react';

export interface ModalProps {
  open: boolean;
  title: string;
  children: ReactNode;
  /** Buttons, right-aligned under the content. */
  actions: ReactNode;
  /** Escape / backdrop; omit to make the dialog closable only through its actions. */
  onDismiss?: () => void;
  wide?: boolean;
}

/** A modal on the native `<dialog>` (focus trap and backdrop for free) with a title and actions. */
export function Modal({ open, title, children, actions, onDismiss, wide = false }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onDismiss?.();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="stack">{children}</div>
      <div className="row dialog-actions">{actions}</div>
    </dialog>
  );
}
