import {
  and,
  type DbOrTx,
  eq,
  inArray,
  isNull,
  marketingSubscriptions,
  privacyObjections,
  users,
} from '@levqor/db';

export type MailPurpose = 'transactional' | 'product' | 'marketing';

/** Refused by the sender: the recipient objected, or never confirmed marketing consent. */
export class MailRefusedError extends Error {
  constructor(
    readonly to: string,
    readonly purpose: MailPurpose,
    reason: string,
  ) {
    super(`Refused ${purpose} email to ${to}: ${reason}`);
    this.name = 'MailRefusedError';
  }
}

const OBJECTION_PURPOSES = {
  product: ['product_email', 'all'] as const,
  marketing: ['marketing', 'all'] as const,
};

/**
 * The sender's own check, where the processing happens: marketing mail needs a confirmed double
 * opt-in, List-Unsubscribe headers and no objection; product mail needs no objection.
 */
export async function assertMayMail(
  db: DbOrTx,
  email: { to: string; purpose?: MailPurpose; headers?: Record<string, string> },
): Promise<void> {
  const purpose = email.purpose ?? 'transactional';
  if (purpose === 'transactional') return;
  const address = email.to.trim().toLowerCase();
  const objected = await db
    .select({ id: privacyObjections.id })
    .from(privacyObjections)
    .innerJoin(users, eq(users.id, privacyObjections.userId))
    .where(
      and(
        eq(users.email, address),
        isNull(privacyObjections.withdrawnAt),
        inArray(privacyObjections.purpose, [...OBJECTION_PURPOSES[purpose]]),
      ),
    )
    .limit(1);
  if (objected.length) throw new MailRefusedError(address, purpose, 'the recipient objected');
  if (purpose !== 'marketing') return;
  if (!email.headers?.['List-Unsubscribe'] || !email.headers['List-Unsubscribe-Post'])
    throw new MailRefusedError(address, purpose, 'marketing mail must carry List-Unsubscribe headers');
  const [sub] = await db
    .select({ status: marketingSubscriptions.status })
    .from(marketingSubscriptions)
    .where(eq(marketingSubscriptions.email, address));
  if (sub?.status !== 'subscribed')
    throw new MailRefusedError(address, purpose, 'no confirmed marketing consent');
}
