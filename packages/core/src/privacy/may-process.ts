import { and, type DbOrTx, eq, inArray, isNull, privacyObjections } from '@levqor/db';
import type { PrivacyPurpose } from './purposes';

/**
 * Whether Levqor may process `userId`'s data for `purpose` (Art. 21): false when the user objected to
 * that purpose or to all. Called where the processing happens (the email sender has its own check; the
 * intelligence functions and analytics recording call this).
 */
export async function mayProcess(
  db: DbOrTx,
  userId: string,
  purpose: Exclude<PrivacyPurpose, 'all'>,
): Promise<boolean> {
  const rows = await db
    .select({ id: privacyObjections.id })
    .from(privacyObjections)
    .where(
      and(
        eq(privacyObjections.userId, userId),
        isNull(privacyObjections.withdrawnAt),
        inArray(privacyObjections.purpose, [purpose, 'all']),
      ),
    )
    .limit(1);
  return rows.length === 0;
}

/** Of `userIds`, those who objected to `purpose` (for batch processing: skip or anonymise them). */
export async function objectorsAmong(
  db: DbOrTx,
  userIds: readonly string[],
  purpose: Exclude<PrivacyPurpose, 'all'>,
): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const rows = await db
    .selectDistinct({ userId: privacyObjections.userId })
    .from(privacyObjections)
    .where(
      and(
        inArray(privacyObjections.userId, [...userIds]),
        isNull(privacyObjections.withdrawnAt),
        inArray(privacyObjections.purpose, [purpose, 'all']),
      ),
    );
  return new Set(rows.map((r) => r.userId));
}
