import { and, type DbOrTx, desc, eq, lt, or, type SQL, securityEvents, securitySeverity } from '@levqor/db';
import { z } from 'zod';
import { DomainError } from '../errors';

export const ZListSecurityEventsInput = z.object({
  type: z.string().max(64).optional(),
  severity: z.enum(securitySeverity.enumValues).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(64).nullish(),
});
export type ListSecurityEventsInput = z.input<typeof ZListSecurityEventsInput>;

/** Newest first, filtered by type and severity; cursor = the last event id seen. */
export async function listSecurityEvents(db: DbOrTx, raw: ListSecurityEventsInput = {}) {
  const input = ZListSecurityEventsInput.parse(raw);
  const filters: (SQL | undefined)[] = [];
  if (input.type) filters.push(eq(securityEvents.type, input.type));
  if (input.severity) filters.push(eq(securityEvents.severity, input.severity));
  if (input.cursor) {
    const [c] = await db
      .select({ createdAt: securityEvents.createdAt })
      .from(securityEvents)
      .where(eq(securityEvents.id, input.cursor));
    if (!c) throw new DomainError('invalid-cursor', 'Invalid cursor');
    filters.push(
      or(
        lt(securityEvents.createdAt, c.createdAt),
        and(eq(securityEvents.createdAt, c.createdAt), lt(securityEvents.id, input.cursor)),
      ),
    );
  }
  const rows = await db
    .select()
    .from(securityEvents)
    .where(and(...filters))
    .orderBy(desc(securityEvents.createdAt), desc(securityEvents.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.id : null };
}
