import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { memberships, users, workspaces } from './schema';

export const SEED_ADMIN_EMAIL = 'admin@levqor.local';
export const SEED_DEMO_EMAIL = 'demo@levqor.local';
export const SEED_DEMO_WORKSPACE = 'Demo';

export interface SeedResult {
  adminId: string;
  demoId: string;
  demoWorkspaceId: string;
}

async function upsertUser(db: DbOrTx, email: string, name: string, role: 'user' | 'admin'): Promise<string> {
  const [row] = await db
    .insert(users)
    .values({ email, name, role })
    .onConflictDoUpdate({ target: users.email, set: { role } })
    .returning({ id: users.id });
  return row!.id;
}

/** Idempotent base seed: an admin, and a demo user owning the "Demo" workspace. */
export async function seedBase(db: DbOrTx): Promise<SeedResult> {
  const adminId = await upsertUser(db, SEED_ADMIN_EMAIL, 'Levqor Admin', 'admin');
  const demoId = await upsertUser(db, SEED_DEMO_EMAIL, 'Demo User', 'user');
  const existing = await db
    .select({ id: workspaces.id })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, demoId), eq(memberships.role, 'owner')))
    .limit(1);
  let demoWorkspaceId = existing[0]?.id;
  if (!demoWorkspaceId) {
    const [ws] = await db
      .insert(workspaces)
      .values({ name: SEED_DEMO_WORKSPACE })
      .returning({ id: workspaces.id });
    demoWorkspaceId = ws!.id;
    await db.insert(memberships).values({ workspaceId: demoWorkspaceId, userId: demoId, role: 'owner' });
  }
  return { adminId, demoId, demoWorkspaceId };
}
