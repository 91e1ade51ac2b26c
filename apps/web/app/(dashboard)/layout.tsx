import { requireAcceptedTerms, requireSession } from '@levqor/app-kit/guards';
import { SignOutButton } from '@levqor/app-kit/sign-out-button';
import { SuspensionBanner } from '@levqor/app-kit/suspension-banner';
import { AppShell } from '@levqor/ui';
import type { ReactNode } from 'react';

const NAV = [
  { href: '/dashboard', label: 'Overview' },
  { href: '/dashboard/workflows', label: 'Workflows' },
  { href: '/dashboard/jobs', label: 'Jobs' },
  { href: '/dashboard/usage', label: 'Usage' },
  { href: '/dashboard/alerts', label: 'Alerts' },
  { href: '/dashboard/billing', label: 'Billing' },
  { href: '/dashboard/sla', label: 'SLA' },
  { href: '/dashboard/settings', label: 'Settings' },
];

export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await requireSession('/dashboard');
  await requireAcceptedTerms(session.user.id, '/dashboard');
  return (
    <AppShell
      product="Dashboard"
      nav={NAV}
      user={
        <>
          <span title={session.user.email}>{session.user.name ?? session.user.email}</span>
          <SignOutButton />
        </>
      }
    >
      <SuspensionBanner billingUrl="/dashboard/billing" />
      {children}
    </AppShell>
  );
}
