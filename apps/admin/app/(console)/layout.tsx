import { requireAdmin } from '@levqor/app-kit/guards';
import { SignOutButton } from '@levqor/app-kit/sign-out-button';
import { AppShell } from '@levqor/ui';
import type { ReactNode } from 'react';

const NAV = [
  { href: '/users', label: 'Users' },
  { href: '/accounts', label: 'Accounts' },
  { href: '/jobs', label: 'Jobs' },
  { href: '/billing', label: 'Billing' },
  { href: '/health', label: 'Health' },
  { href: '/alerts', label: 'Alerts' },
  { href: '/analytics', label: 'Analytics' },
  { href: '/flags', label: 'Flags' },
  { href: '/recommendations', label: 'Recommendations' },
  { href: '/growth', label: 'Growth' },
  { href: '/security', label: 'Security log' },
  { href: '/audit', label: 'Audit log' },
  { href: '/privacy-requests', label: 'Privacy requests' },
  { href: '/legal', label: 'Terms versions' },
  { href: '/reports', label: 'Reports' },
  { href: '/incidents', label: 'Incidents' },
  { href: '/sla-claims', label: 'SLA claims' },
];

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await requireAdmin('/users');
  return (
    <AppShell
      product="Admin console"
      nav={NAV}
      // The console allows 60 requests a minute per IP: no background prefetches eating into them.
      prefetch={false}
      user={
        <>
          <span>{session.user.email}</span>
          <SignOutButton />
        </>
      }
    >
      {children}
    </AppShell>
  );
}
