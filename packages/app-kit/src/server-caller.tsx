import 'server-only';
import { createCaller, createContext } from '@levqor/api';
import { getDb } from '@levqor/db';
import { headers } from 'next/headers';
import { forbidden } from 'next/navigation';
import { cache } from 'react';
import { getLevqorEngine } from './engine';
import { requireSession } from './guards';
import { requestIdFrom } from './request-id';
import { getSessionUser } from './session-user';

/** The tRPC context of this request, for server components. One per request. */
export const getServerContext = cache(async () => {
  const h = await headers();
  return createContext({
    db: getDb(),
    user: await getSessionUser(),
    requestId: requestIdFrom(h),
    events: getLevqorEngine().client,
    headers: h,
  });
});

/** tRPC caller for server components: same procedures, no HTTP hop. One per request. */
export const getServerCaller = cache(async () => createCaller(await getServerContext()));

/**
 * The caller for a page behind sign-in: redirects to sign-in first. A layout's guard renders in parallel
 * with its pages, so a page that called procedures before knowing there is a session would fail (and log
 * an UNAUTHORIZED) next to the layout's redirect.
 */
export async function getSignedInCaller(returnTo: string) {
  await requireSession(returnTo);
  return getServerCaller();
}

/**
 * The caller for an admin page: non-admins get the 403 page first. The console's layout (`requireAdmin`)
 * records the `admin.denied` event, once per request.
 */
export async function getAdminCaller(returnTo: string) {
  const session = await requireSession(returnTo);
  if (session.user.role !== 'admin') forbidden();
  return getServerCaller();
}
