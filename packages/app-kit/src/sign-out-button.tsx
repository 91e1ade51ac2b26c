'use client';

import { Button } from '@levqor/ui';
import { signOut } from 'next-auth/react';
import { useState } from 'react';

/** Signs out and returns to the app's home. `ghost` suits the dark navigation; `secondary` light pages. */
export function SignOutButton({ variant = 'ghost' }: { variant?: 'ghost' | 'secondary' }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant={variant}
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: '/' });
      }}
    >
      {pending ? 'Signing out…' : 'Sign out'}
    </Button>
  );
}
