import 'server-only';
import { getSession } from '@levqor/auth';
import { pendingLegalDocuments, recordSecurityEvent } from '@levqor/core';
import { getDb } from '@levqor/db';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import type { Session } from 'next-auth';
import { requestedPath } from './return-path';

/** Server-side: the session, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireSession(returnTo: string): Promise<Session> {
  const session = await getSession();
  if (!session) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return session;
}

/**
 * Server-side: a signed-in user who has not accepted the current terms or privacy policy goes to
 * `/legal/accept` first, and comes back to the page they asked for after accepting (the request's path as
 * the app server recorded it; `fallback` without one — a layout does not know its page's path).
 */
export async function requireAcceptedTerms(userId: string, fallback: string): Promise<void> {
  const pending = await pendingLegalDocuments(getDb(), userId);
  if (!pending.length) return;
  const h = await headers();
  const back = requestedPath((name) => h.get(name), fallback);
  redirect(`/legal/accept?next=${encodeURIComponent(back)}`);
}

/** Server-side: an administrator's session; anyone else is logged (`admin.denied`) and gets the 403 page. */
export async function requireAdmin(returnTo: string): Promise<Session> {
  const session = await requireSession(returnTo);
  if (session.user.role === 'admin') return session;
  const h = await headers();
  await recordSecurityEvent(getDb(), {
    type: 'admin.denied',
    severity: 'warning',
    requestId: h.get('x-request-id'),
    path: returnTo,
    actor: session.user.id,
    ip: h.get('x-levqor-client-ip'),
  });
  forbidden();
}
