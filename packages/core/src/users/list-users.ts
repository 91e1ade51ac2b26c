import { and, asc, type DbOrTx, eq, gt, ilike, or, users } from '@levqor/db';
import { z } from 'zod';

export const ZListUsersInput = z.object({
  query: z.string().trim().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z.string().max(100).nullish(),
});
export type ListUsersInput = z.input<typeof ZListUsersInput>;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Users ordered by email, filtered by an email substring, with a cursor (the last email seen). */
export async function listUsers(db: DbOrTx, raw: ListUsersInput) {
  const input = ZListUsersInput.parse(raw);
  const filters = [];
  if (input.query) filters.push(ilike(users.email, `%${escapeLike(input.query)}%`));
  if (input.cursor) filters.push(gt(users.email, input.cursor));
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(...filters))
    .orderBy(asc(users.email))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.email : null };
}

export async function getUserByEmail(db: DbOrTx, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(or(eq(users.email, email.toLowerCase())));
  return row ?? null;
}
