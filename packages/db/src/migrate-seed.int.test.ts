import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { closeDb, createDb } from './client';
import { runMigrations } from './migrate';
import { memberships, users, workspaces } from './schema';
import { SEED_ADMIN_EMAIL, SEED_DEMO_EMAIL, seedBase } from './seed';

const url = process.env.DATABASE_URL!;

describe('migrations', () => {
  it('apply again, and concurrently, without error', async () => {
    await runMigrations(url);
    await Promise.all([runMigrations(url), runMigrations(url)]);
  });
});

describe('seed', () => {
  it('is idempotent: same ids, no duplicate rows', async () => {
    const db = createDb(url, { max: 2 });
    try {
      const first = await seedBase(db);
      const second = await seedBase(db);
      expect(second).toEqual(first);
      const [admin] = await db.select().from(users).where(eq(users.email, SEED_ADMIN_EMAIL));
      const [demo] = await db.select().from(users).where(eq(users.email, SEED_DEMO_EMAIL));
      expect(admin?.role).toBe('admin');
      expect(demo?.role).toBe('user');
      const [m] = await db
        .select({ n: count() })
        .from(memberships)
        .where(eq(memberships.userId, first.demoId));
      expect(m?.n).toBe(1);
      const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, first.demoWorkspaceId));
      expect(ws?.name).toBe('Demo');
    } finally {
      await closeDb(db);
    }
  });
});
