import { requireAcceptedTerms } from '@levqor/app-kit/guards';
import { SignOutButton } from '@levqor/app-kit/sign-out-button';
import { SuspensionBanner } from '@levqor/app-kit/suspension-banner';
import { getSession } from '@levqor/auth';
import { webAppUrl } from '@levqor/config';
import { AppShell } from '@levqor/ui';
import type { ReactNode } from 'react';
import { PORTAL_NAV } from '~/components/portal-nav';
import './portal.css';

export const dynamic = 'force-dynamic';

/**
 * The signed-in portal. Each page checks the session itself (`requireSession` with its own path, so
 * sign-in comes back to it); signed out, the shell is not drawn and the page redirects.
 */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const session = await getSession();
  if (!session) return children;
  await requireAcceptedTerms(session.user.id, '/keys');
  return (
    <AppShell
      product="Developers"
      nav={PORTAL_NAV}
      user={
        <>
          <span title={session.user.email} data-testid="portal-user">
            {session.user.name ?? session.user.email}
          </span>
          <SignOutButton />
        </>
      }
    >
      <SuspensionBanner billingUrl={webAppUrl('/dashboard/billing')} />
      {children}
    </AppShell>
  );
}
