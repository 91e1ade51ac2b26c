import type { ReactNode } from 'react';
import { CollapsibleNav } from './collapsible-nav';
import { type NavItem, NavLinks } from './nav-links';

export interface AppShellProps {
  product: string;
  nav: NavItem[];
  user: ReactNode;
  children: ReactNode;
  /** Prefetch the navigation's pages (default); off where each request counts against a limit. */
  prefetch?: boolean;
}

/**
 * Signed-in layout: navigation and the user block (a sidebar, or a menu on narrow screens), and the page
 * in `<main id="main">` — the target of the skip link.
 */
export function AppShell({ product, nav, user, children, prefetch }: AppShellProps) {
  return (
    <div className="shell">
      <CollapsibleNav
        brand={
          <>
            Levqor<small>{product}</small>
          </>
        }
      >
        <NavLinks items={nav} prefetch={prefetch} />
        <div className="shell-user">{user}</div>
      </CollapsibleNav>
      <main id="main" tabIndex={-1} className="shell-main">
        {children}
      </main>
    </div>
  );
}
