import { type DbOrTx, eq, users } from '@levqor/db';
import { z } from 'zod';
import { notFound } from '../errors';

export const ZUpdateProfileInput = z.object({
  name: z.string().trim().min(1, 'Name cannot be empty').max(100, 'Name is at most 100 characters'),
});
export type UpdateProfileInput = z.infer<typeof ZUpdateProfileInput>;

export async function updateProfile(db: DbOrTx, userId: string, input: UpdateProfileInput) {
  const [row] = await db
    .update(users)
    .set({ name: input.name })
    .where(eq(users.id, userId))
    .returning({ id: users.id, name: users.name, email: users.email });
  if (!row) throw notFound('User');
  return row;
}
