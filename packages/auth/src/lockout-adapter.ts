import {
  getUserByEmail,
  recordSecurityEvent,
  recordVerificationFailure,
  signInLockedUntil,
} from '@levqor/core';
import type { Database } from '@levqor/db';
import { NoticeEmail, sendEmail } from '@levqor/email';
import type { Adapter } from 'next-auth/adapters';
import { createElement } from 'react';
import { currentAuthRequest } from './request-context';

async function tellOwner(db: Database, email: string, until: Date) {
  const user = await getUserByEmail(db, email);
  if (!user) return;
  await sendEmail(db, {
    to: user.email,
    subject: 'Levqor sign-in locked for 15 minutes',
    react: createElement(NoticeEmail, {
      title: 'We locked sign-in to your account',
      body: `There were 5 failed sign-in attempts for ${user.email} in 10 minutes, so sign-in is locked until ${until.toISOString()} (UTC).\n\nIf this was not you, nothing else is needed: your account is safe. You can request a new sign-in link once the lock ends.`,
    }),
  }).catch((err: unknown) =>
    console.error(JSON.stringify({ level: 'error', msg: 'lockout.mail_failed', err: String(err) })),
  );
}

/**
 * Wraps the adapter's verification-token check: a locked email never verifies; a wrong or expired link
 * counts as a failure, and the 5th within 10 minutes locks the email for 15 minutes (owner emailed).
 */
export function withLockout(adapter: Adapter, db: Database): Adapter {
  const inner = adapter.useVerificationToken!.bind(adapter);
  return {
    ...adapter,
    async useVerificationToken(params) {
      const { ip, requestId } = currentAuthRequest();
      const email = params.identifier;
      const lockedUntil = await signInLockedUntil(db, email);
      if (lockedUntil) {
        await recordSecurityEvent(db, {
          type: 'signin.failed',
          severity: 'warning',
          requestId,
          email,
          ip,
          metadata: { reason: 'locked' },
        });
        return null;
      }
      const token = await inner(params);
      if (token && token.expires.valueOf() > Date.now()) return token;
      const { failures, lockedUntil: until } = await recordVerificationFailure(db, email);
      await recordSecurityEvent(db, {
        type: 'signin.failed',
        severity: 'warning',
        requestId,
        email,
        ip,
        metadata: { reason: token ? 'expired' : 'invalid', failures },
      });
      if (until) {
        await recordSecurityEvent(db, {
          type: 'signin.locked',
          severity: 'critical',
          requestId,
          email,
          ip,
          metadata: { until: until.toISOString() },
        });
        await tellOwner(db, email, until);
      }
      return token;
    },
  };
}
