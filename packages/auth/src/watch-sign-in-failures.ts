import { getUserByEmail, noteFailedLink, recordSecurityEvent, signInLimits } from '@levqor/core';
import type { Database } from '@levqor/db';
import { NoticeEmail, sendEmail } from '@levqor/email';
import { log } from '@levqor/observability/logger';
import type { Adapter } from 'next-auth/adapters';
import { createElement } from 'react';
import { currentAuthRequest } from './request-context';

async function tellOwner(db: Database, email: string, seen: { failures: number; addresses: number }) {
  const user = await getUserByEmail(db, email);
  if (!user) return;
  await sendEmail(db, {
    to: user.email,
    subject: 'Someone is trying sign-in links for your Levqor account',
    react: createElement(NoticeEmail, {
      title: 'Unusual sign-in attempts',
      body: `In the last hour ${seen.failures} invalid sign-in links for ${user.email} were tried from ${seen.addresses} different network addresses.\n\nYour account is safe: a sign-in link only works from your own mailbox, and nothing was locked — you can sign in as usual. If you did not request links yourself, someone else is guessing; there is nothing you need to do.`,
    }),
  }).catch((err: unknown) => log.error({ err }, 'signin_watch.mail_failed'));
}

/**
 * Wraps the adapter's verification-token check to watch failures: a wrong or expired link is logged
 * (`signin.failed`) and counted towards the owner's alert (many failures from many addresses within an
 * hour: `signin.suspicious`, and one email a day at most). Nothing is ever locked: a valid, unexpired
 * link always verifies. Limits on who presents links live in the auth handler (`guardAuthRequest`).
 */
export function watchSignInFailures(adapter: Adapter, db: Database): Adapter {
  const inner = adapter.useVerificationToken!.bind(adapter);
  return {
    ...adapter,
    async useVerificationToken(params) {
      const token = await inner(params);
      if (token && token.expires.valueOf() > Date.now()) return token;
      const { ip, requestId } = currentAuthRequest();
      const email = params.identifier;
      const seen = await noteFailedLink(db, { email, ip });
      await recordSecurityEvent(db, {
        type: 'signin.failed',
        severity: 'warning',
        requestId,
        email,
        ip,
        metadata: { reason: token ? 'expired' : 'invalid', failures_last_hour: seen.failures },
      });
      if (seen.alert) {
        const a = signInLimits().ownerAlert;
        await recordSecurityEvent(db, {
          type: 'signin.suspicious',
          severity: 'critical',
          requestId,
          email,
          ip,
          metadata: { failures: seen.failures, addresses: seen.addresses, window_ms: a.windowMs },
        });
        await tellOwner(db, email, seen);
      }
      return token;
    },
  };
}
