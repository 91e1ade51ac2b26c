'use client';

import { usePathname } from 'next/navigation';
import { type ReactNode, useState } from 'react';

/**
 * The shell's navigation. On a narrow screen (≤ 820 px, see styles.css) it folds behind a "Menu" button in
 * a top bar and closes again after each navigation; on a wide one it is the sidebar and the button is hidden.
 */
export function CollapsibleNav({ brand, children }: { brand: ReactNode; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  // Closes the menu when the page changes.
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  return (
    <>
      <div className="shell-top">
        <div className="shell-brand">{brand}</div>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          aria-expanded={open}
          aria-controls="shell-nav"
          onClick={() => setOpen((o) => !o)}
        >
          {open ? 'Close menu' : 'Menu'}
        </button>
      </div>
      <nav id="shell-nav" className="shell-nav" aria-label="Main" data-open={open}>
        <div className="shell-brand">{brand}</div>
        {children}
      </nav>
    </>
  );
}
