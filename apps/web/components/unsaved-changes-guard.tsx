'use client';

import { ConfirmDialog } from '@levqor/ui';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

/** The in-app destination of a click on a link, or null for anything the guard should let through. */
function guardedHref(event: MouseEvent): string | null {
  if (event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null; // new tab or window
  const link = (event.target as Element | null)?.closest?.('a[href]');
  if (
    !(link instanceof HTMLAnchorElement) ||
    (link.target && link.target !== '_self') ||
    link.hasAttribute('download')
  )
    return null;
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin) return url.href;
  // A link to a place on this page (#run) leaves nothing behind.
  if (url.pathname === window.location.pathname && url.search === window.location.search) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * While `dirty`, leaving the page asks first: links inside the app open a "Leave without saving?" dialog,
 * and closing or reloading the tab shows the browser's own prompt (`beforeunload`).
 */
export function UnsavedChangesGuard({ dirty, what = 'your changes' }: { dirty: boolean; what?: string }) {
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  const leaving = useRef(false);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (leaving.current) return;
      e.preventDefault();
      e.returnValue = '';
    };
    // Capture phase on the document: runs before Next's <Link> handler (React listens on its root).
    const onClick = (e: MouseEvent) => {
      const href = guardedHref(e);
      if (href === null) return;
      e.preventDefault();
      e.stopPropagation();
      setPending(href);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty]);

  return (
    <ConfirmDialog
      open={pending !== null}
      title="Leave without saving?"
      confirmLabel="Leave without saving"
      cancelLabel="Keep editing"
      danger
      onCancel={() => setPending(null)}
      onConfirm={() => {
        const href = pending;
        setPending(null);
        if (!href) return;
        leaving.current = true;
        if (href.startsWith('http')) window.location.assign(href);
        else router.push(href);
      }}
    >
      <p style={{ margin: 0 }}>You have unsaved changes to {what}. If you leave now, they are lost.</p>
    </ConfirmDialog>
  );
}
