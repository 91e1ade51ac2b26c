import { getServerSession, type Session } from 'next-auth';
import { getAuthOptions } from './auth-options';

/** The signed-in user's session in a server component, route handler or server action. */
export async function getSession(): Promise<Session | null> {
  return getServerSession(getAuthOptions());
}

export function isAdmin(session: Session | null): boolean {
  return session?.user.role === 'admin';
}
