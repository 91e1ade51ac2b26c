'use client';

import { ConfirmButton } from '@levqor/app-kit/confirm-button';
import { useTRPCClient } from '@levqor/app-kit/trpc-react';

/** Change a user's role and sign them out everywhere; both ask why and are audited. */
export function UserAdminActions({ user }: { user: { id: string; email: string; role: 'user' | 'admin' } }) {
  const client = useTRPCClient();
  const next = user.role === 'admin' ? 'user' : 'admin';
  return (
    <div className="row">
      <ConfirmButton
        reason
        refresh
        label={next === 'admin' ? 'Make administrator' : 'Remove administrator role'}
        title={`Change ${user.email}'s role to ${next}?`}
        confirmLabel={`Make ${next}`}
        danger={next === 'admin'}
        testId="change-role"
        action={(reason) => client.admin.accounts.setRole.mutate({ userId: user.id, role: next, reason })}
      >
        <p>
          {next === 'admin'
            ? 'Administrators see and act on every workspace in this console.'
            : 'They lose access to this console at their next request.'}
        </p>
      </ConfirmButton>
      <ConfirmButton
        reason
        refresh
        label="Revoke sessions"
        title={`Sign ${user.email} out everywhere?`}
        confirmLabel="Revoke sessions"
        danger
        testId="revoke-sessions"
        action={(reason) => client.admin.accounts.revokeSessions.mutate({ userId: user.id, reason })}
      >
        <p>Every session of this user ends; they sign in again with a new link.</p>
      </ConfirmButton>
    </div>
  );
}
