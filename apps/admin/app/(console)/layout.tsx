import { requireSession } from '@levqor/app-kit/guards';
import { SignOutButton } from '@levqor/app-kit/sign-out-button';
import { AppShell } from '@levqor/ui';
import { forbidden } from 'next/navigation';
import type { ReactNode } from 'react';

const NAV = [{ href: '/users', label: 'Users' }];

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await requireSession('/users');
  if (session.user.role !== 'admin') forbidden();
  return (
    <AppShell
      product="Admin console"
      nav={NAV}
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
