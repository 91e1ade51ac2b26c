import { DrizzleAdapter } from '@auth/drizzle-adapter';
import { ensureWorkspaceForUser } from '@levqor/core';
import { accounts, type Database, getDb, sessions, users, verificationTokens } from '@levqor/db';
import { MagicLinkEmail, magicLinkSubject, sendEmail } from '@levqor/email';
import type { NextAuthOptions } from 'next-auth';
import type { Adapter } from 'next-auth/adapters';
import EmailProvider from 'next-auth/providers/email';
import { createElement } from 'react';

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

/** next-auth v4 options shared by the three apps: email magic links, database sessions. */
export function createAuthOptions(db: Database = getDb()): NextAuthOptions {
  // @auth/drizzle-adapter targets @auth/core's Adapter; next-auth v4's is structurally the same.
  const adapter = DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  } as never) as unknown as Adapter;

  return {
    adapter,
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: 'database', maxAge: 30 * 24 * 60 * 60 },
    pages: AUTH_PAGES,
    providers: [
      EmailProvider({
        maxAge: 24 * 60 * 60,
        normalizeIdentifier: (identifier) => identifier.trim().toLowerCase(),
        sendVerificationRequest: async ({ identifier, url }) => {
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
