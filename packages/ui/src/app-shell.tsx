import type { ReactNode } from 'react';
import { type NavItem, NavLinks } from './nav-links';

export interface AppShellProps {
  product: string;
  nav: NavItem[];
  user: ReactNode;
  children: ReactNode;
}

/** Signed-in layout: a sidebar with navigation and the user block, and the page. */
export function AppShell({ product, nav, user, children }: AppShellProps) {
  return (
    <div className="shell">
      <nav className="shell-nav" aria-label="Main">
        <div className="shell-brand">
          Levqor<small>{product}</small>
        </div>
        <NavLinks items={nav} />
        <div className="shell-user">{user}</div>
      </nav>
      <main className="shell-main">{children}</main>
    </div>
  );
}
