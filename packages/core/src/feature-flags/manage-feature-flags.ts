import { and, asc, type DbOrTx, eq, featureFlagOverrides, featureFlags, sql, workspaces } from '@levqor/db';
import { z } from 'zod';
import { recordAdminAction, ZAdminReason } from '../admin/admin-action';
import { DomainError } from '../errors';
import { FEATURE_FLAG_CHANNEL } from './feature-flag-reader';

export const ZFlagKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_.-]{1,79}$/, 'Use 2–80 lowercase letters, digits, dots, dashes or underscores');

export const ZCreateFeatureFlagInput = z.object({
  key: ZFlagKey,
  description: z.string().trim().max(500).default(''),
  enabled: z.boolean().default(false),
  rolloutPercent: z.number().int().min(0).max(100).default(100),
  reason: ZAdminReason,
});
export type CreateFeatureFlagInput = z.input<typeof ZCreateFeatureFlagInput>;

export const ZUpdateFeatureFlagInput = z.object({
  key: ZFlagKey,
  enabled: z.boolean().optional(),
  rolloutPercent: z.number().int().min(0).max(100).optional(),
  /** The kill switch: true turns the flag off everywhere, overrides included. */
  killed: z.boolean().optional(),
  description: z.string().trim().max(500).optional(),
  reason: ZAdminReason,
});
export type UpdateFeatureFlagInput = z.input<typeof ZUpdateFeatureFlagInput>;

export const ZSetFlagOverrideInput = z.object({
  key: ZFlagKey,
  workspaceId: z.string().trim().min(1).max(100),
  /** null removes the override. */
  enabled: z.boolean().nullable(),
  reason: ZAdminReason,
});
export type SetFlagOverrideInput = z.input<typeof ZSetFlagOverrideInput>;

async function notifyFlags(tx: DbOrTx, key: string) {
  await tx.execute(sql`select pg_notify(${FEATURE_FLAG_CHANNEL}, ${key})`);
}

async function requireFlag(db: DbOrTx, key: string) {
  const [flag] = await db.select().from(featureFlags).where(eq(featureFlags.key, key));
  if (!flag) throw new DomainError('not-found', `No feature flag named "${key}"`);
  return flag;
}

/** Every flag with its overrides (a small table: no pagination). */
export async function listFeatureFlags(db: DbOrTx) {
  const [flags, overrides] = await Promise.all([
    db.select().from(featureFlags).orderBy(asc(featureFlags.key)),
    db
      .select({
        flagKey: featureFlagOverrides.flagKey,
        workspaceId: featureFlagOverrides.workspaceId,
        workspaceName: workspaces.name,
        enabled: featureFlagOverrides.enabled,
      })
      .from(featureFlagOverrides)
      .innerJoin(workspaces, eq(workspaces.id, featureFlagOverrides.workspaceId))
      .orderBy(asc(featureFlagOverrides.workspaceId)),
  ]);
  return flags.map((f) => ({ ...f, overrides: overrides.filter((o) => o.flagKey === f.key) }));
}

export async function createFeatureFlag(db: DbOrTx, opts: { actor: string; input: CreateFeatureFlagInput }) {
  const input = ZCreateFeatureFlagInput.parse(opts.input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(featureFlags)
      .values({
        key: input.key,
        description: input.description,
        enabled: input.enabled,
        rolloutPercent: input.rolloutPercent,
        updatedBy: opts.actor,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new DomainError('validation', `A feature flag named "${input.key}" already exists`);
    await recordAdminAction(tx, {
      actor: opts.actor,
      action: 'admin.flag.create',
      target: input.key,
      reason: input.reason,
      details: { enabled: input.enabled, rolloutPercent: input.rolloutPercent },
    });
    await notifyFlags(tx, input.key);
    return row;
  });
}

/** Flips, re-rolls out or kills a flag; the change reaches every process through NOTIFY. */
export async function updateFeatureFlag(db: DbOrTx, opts: { actor: string; input: UpdateFeatureFlagInput }) {
  const input = ZUpdateFeatureFlagInput.parse(opts.input);
  const { key, reason, ...changes } = input;
  return db.transaction(async (tx) => {
    const before = await requireFlag(tx, key);
    const [row] = await tx
      .update(featureFlags)
      .set({ ...changes, updatedBy: opts.actor, updatedAt: new Date() })
      .where(eq(featureFlags.key, key))
      .returning();
    await recordAdminAction(tx, {
      actor: opts.actor,
      action: changes.killed === true ? 'admin.flag.kill' : 'admin.flag.update',
      target: key,
      reason,
      details: {
        before: { enabled: before.enabled, rolloutPercent: before.rolloutPercent, killed: before.killed },
        after: { enabled: row!.enabled, rolloutPercent: row!.rolloutPercent, killed: row!.killed },
      },
    });
    await notifyFlags(tx, key);
    return row!;
  });
}

/** Sets (or, with `enabled: null`, removes) a workspace's override of a flag. */
export async function setFlagOverride(db: DbOrTx, opts: { actor: string; input: SetFlagOverrideInput }) {
  const input = ZSetFlagOverrideInput.parse(opts.input);
  return db.transaction(async (tx) => {
    await requireFlag(tx, input.key);
    const [ws] = await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.id, input.workspaceId));
    if (!ws) throw new DomainError('not-found', `No workspace with id "${input.workspaceId}"`);
    const where = and(
      eq(featureFlagOverrides.flagKey, input.key),
      eq(featureFlagOverrides.workspaceId, input.workspaceId),
    );
    if (input.enabled === null) await tx.delete(featureFlagOverrides).where(where);
    else
      await tx
        .insert(featureFlagOverrides)
        .values({ flagKey: input.key, workspaceId: input.workspaceId, enabled: input.enabled })
        .onConflictDoUpdate({
          target: [featureFlagOverrides.flagKey, featureFlagOverrides.workspaceId],
          set: { enabled: input.enabled },
        });
    await recordAdminAction(tx, {
      actor: opts.actor,
      action: 'admin.flag.override',
      target: input.key,
      workspaceId: input.workspaceId,
      reason: input.reason,
      details: { enabled: input.enabled },
    });
    await notifyFlags(tx, input.key);
    return { key: input.key, workspaceId: input.workspaceId, enabled: input.enabled };
  });
}
