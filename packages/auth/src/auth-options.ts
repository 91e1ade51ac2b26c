import { DrizzleAdapter } from '@auth/drizzle-adapter';
import { ensureWorkspaceForUser, recordSecurityEvent } from '@levqor/core';
import { accounts, type Database, getDb, sessions, users, verificationTokens } from '@levqor/db';
import { MagicLinkEmail, magicLinkSubject, sendEmail } from '@levqor/email';
import type { NextAuthOptions } from 'next-auth';
import type { Adapter } from 'next-auth/adapters';
import EmailProvider from 'next-auth/providers/email';
import { createElement } from 'react';
import { authCookies, currentApp } from './app-identity';
import { currentAuthRequest } from './request-context';
import { watchSignInFailures } from './watch-sign-in-failures';

export const AUTH_PAGES = {
  signIn: '/sign-in',
  verifyRequest: '/sign-in/check-email',
  error: '/sign-in/error',
} as const;

export type UserRole = 'user' | 'admin';

declare module 'next-auth' {
  interface Session {
    user: { id: string; email: string; name: string | null; role: UserRole };
  }
}

/**
 * Where next-auth may send the browser after signing in: a path on the host the person is using, or a
 * URL on that same origin; anything else (another site, an unparsable URL) goes to that origin's root.
 */
export function safeRedirect(url: string, baseUrl: string): string {
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return `${baseUrl}${url}`;
  try {
    if (new URL(url).origin === baseUrl) return url;
  } catch {
    // not a URL: fall through
  }
  return baseUrl;
}

/**
 * next-auth v4 options shared by the three apps: email magic links, database sessions, a session cookie
 * named for the app (signing in to the admin console on localhost:3001 is not a session of the
 * dashboard on localhost:3000). Links are built for the host the person signed in on when it is one of
 * the app's own origins (the app server passes only those to next-auth, see `appOrigins`).
 */
export function createAuthOptions(db: Database = getDb()): NextAuthOptions {
  // @auth/drizzle-adapter targets @auth/core's Adapter; next-auth v4's is structurally the same.
  const adapter = DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  } as never) as unknown as Adapter;
  const app = currentApp();

  return {
    adapter: watchSignInFailures(adapter, db),
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: 'database', maxAge: 30 * 24 * 60 * 60 },
    pages: AUTH_PAGES,
    useSecureCookies: app.secure,
    cookies: authCookies(app),
    providers: [
      EmailProvider({
        maxAge: 24 * 60 * 60,
        normalizeIdentifier: (identifier) => identifier.trim().toLowerCase(),
        // Limits (per address, per email + address, the new-address breaker) are checked before
        // next-auth runs, in guardAuthRequest.
        sendVerificationRequest: async ({ identifier, url }) => {
          const { ip, requestId } = currentAuthRequest();
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
      redirect: ({ url, baseUrl }) => safeRedirect(url, baseUrl),
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
