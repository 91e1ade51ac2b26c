import { DrizzleAdapter } from '@auth/drizzle-adapter';
import {
  ensureWorkspaceForUser,
  hashPii,
  postgresRateLimiter,
  recordSecurityEvent,
  signInLockedUntil,
} from '@levqor/core';
import { accounts, type Database, getDb, sessions, users, verificationTokens } from '@levqor/db';
import { MagicLinkEmail, magicLinkSubject, sendEmail } from '@levqor/email';
import type { NextAuthOptions } from 'next-auth';
import type { Adapter } from 'next-auth/adapters';
import EmailProvider from 'next-auth/providers/email';
import { createElement } from 'react';
import { withLockout } from './lockout-adapter';
import { currentAuthRequest } from './request-context';

export const AUTH_PAGES = {
  signIn: '/sign-in',
  verifyRequest: '/sign-in/check-email',
  error: '/sign-in/error',
} as const;

export type UserRole = 'user' | 'admin';

/** Sign-in links one email may request from one IP per 10 minutes. */
export const LINKS_PER_EMAIL_AND_IP = 5;

declare module 'next-auth' {
  interface Session {
    user: { id: string; email: string; name: string | null; role: UserRole };
  }
}

/** next-auth v4 options shared by the three apps: email magic links, database sessions. */
export function createAuthOptions(db: Database = getDb()): NextAuthOptions {
  // @auth/drizzle-adapter targets @auth/core's Adapter; next-auth v4's is structurally the same.
  const adapter = DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  } as never) as unknown as Adapter;
  const limiter = postgresRateLimiter(db);

  return {
    adapter: withLockout(adapter, db),
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: 'database', maxAge: 30 * 24 * 60 * 60 },
    pages: AUTH_PAGES,
    providers: [
      EmailProvider({
        maxAge: 24 * 60 * 60,
        normalizeIdentifier: (identifier) => identifier.trim().toLowerCase(),
        sendVerificationRequest: async ({ identifier, url }) => {
          const { ip, requestId } = currentAuthRequest();
          // Per email *and* IP: nobody can use up a victim's link requests from elsewhere (no lockout by requests).
          const perEmail = await limiter.hit(
            `signin-link:${hashPii(identifier)}:${ip}`,
            LINKS_PER_EMAIL_AND_IP,
            10 * 60_000,
          );
          if (!perEmail.allowed) {
            await recordSecurityEvent(db, {
              type: 'rate_limited',
              severity: 'warning',
              requestId,
              email: identifier,
              ip,
              metadata: { rule: 'signin-link per email+ip' },
            });
            throw new Error('Too many sign-in links requested for this email; wait a few minutes.');
          }
          if (await signInLockedUntil(db, identifier))
            throw new Error('Sign-in for this email is locked for a few minutes.');
          await recordSecurityEvent(db, { type: 'signin.requested', requestId, email: identifier, ip });
          const host = new URL(url).host;
          await sendEmail(db, {
            to: identifier,
            subject: magicLinkSubject(host),
            react: createElement(MagicLinkEmail, { url, host }),
          });
        },
      }),
    ],
    callbacks: {
      session: ({ session, user }) => {
        const u = user as unknown as { id: string; email: string; name: string | null; role: UserRole };
        session.user = { id: u.id, email: u.email, name: u.name, role: u.role };
        return session;
      },
    },
    events: {
      signIn: async ({ user }) => {
        const { ip, requestId } = currentAuthRequest();
        await recordSecurityEvent(db, {
          type: 'signin.succeeded',
          requestId,
          actor: user.id,
          email: user.email ?? null,
          ip,
        });
      },
      createUser: async ({ user }) => {
        await ensureWorkspaceForUser(db, user.id);
      },
    },
  };
}

let cached: NextAuthOptions | undefined;
/** Process-wide options (one database client). */
export function getAuthOptions(): NextAuthOptions {
  cached ??= createAuthOptions();
  return cached;
}
