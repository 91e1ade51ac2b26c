import 'server-only';
import { mayReadDevMailbox } from '@levqor/config';
import { trustedRequestFacts } from '@levqor/config/app-server-proof';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';

/**
 * The dev mailbox pages answer 404 unless Levqor runs locally and the caller's socket address is
 * loopback (as the app server established it). The tRPC procedures check the same.
 */
export async function requireDevMailboxAccess(): Promise<void> {
  const h = await headers();
  const { loopback } = trustedRequestFacts((name) => h.get(name));
  if (!mayReadDevMailbox(loopback)) notFound();
}
