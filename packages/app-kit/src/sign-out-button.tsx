'use client';

import { Button } from '@levqor/ui';
import { useState } from 'react';

/**
 * Signs out and returns to the app's home. `ghost` suits the dark navigation; `secondary` light pages.
 * next-auth's browser client (~11 KB gzip) is loaded on the click: it was in every signed-in page's
 * first-load JavaScript for this one button.
 */
export function SignOutButton({ variant = 'ghost' }: { variant?: 'ghost' | 'secondary' }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant={variant}
      disabled={pending}
      onClick={() => {
        setPending(true);
        void import('next-auth/react').then(({ signOut }) => signOut({ callbackUrl: '/' }));
      }}
    >
      {pending ? 'Signing out…' : 'Sign out'}
    </Button>
  );
}
