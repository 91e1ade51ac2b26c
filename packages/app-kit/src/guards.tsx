import 'server-only';
import { getSession } from '@levqor/auth';
import { redirect } from 'next/navigation';
import type { Session } from 'next-auth';

/** Server-side: the session, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireSession(returnTo: string): Promise<Session> {
  const session = await getSession();
  if (!session) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return session;
}
