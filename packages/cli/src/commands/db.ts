import { ensureStarterWorkflows } from '@levqor/core';
import { seedBase } from '@levqor/db/seed';
import { withDatabase } from '../with-database';

export async function dbMigrate(): Promise<void> {
  await withDatabase(async (_db, url) => {
    console.log(`Migrations applied to ${redact(url)}.`);
  });
}

export async function dbSeed(): Promise<void> {
  await withDatabase(async (db) => {
    const r = await seedBase(db);
    await ensureStarterWorkflows(db, r.demoWorkspaceId);
    console.log(
      `Seeded: admin@levqor.local (admin, ${r.adminId}), demo@levqor.local (${r.demoId}) owning workspace "Demo" (${r.demoWorkspaceId}).`,
    );
  });
}

export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
