import type { SessionUser } from '@levqor/api';
import { getSession } from '@levqor/auth';

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getSession();
  return session?.user ?? null;
}
