import { createHash } from 'node:crypto';
import { and, type DbOrTx, eq, gt, verificationTokens } from '@levqor/db';

/**
 * Whether `token` is a valid, unexpired sign-in link for `email` — without using it up. Tokens are stored
 * as next-auth stores them: SHA-256 of the token followed by the secret.
 */
export async function isLiveVerificationToken(
  db: DbOrTx,
  opts: { email: string; token: string; secret: string },
): Promise<boolean> {
  const hashed = createHash('sha256').update(`${opts.token}${opts.secret}`).digest('hex');
  const [row] = await db
    .select({ expires: verificationTokens.expires })
    .from(verificationTokens)
    .where(
      and(
        eq(verificationTokens.identifier, opts.email),
        eq(verificationTokens.token, hashed),
        gt(verificationTokens.expires, new Date()),
      ),
    );
  return !!row;
}
