import { and, apiKeyEnvironment, apiKeys, type DbOrTx, desc, eq, sql, workspaces } from '@levqor/db';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { DomainError, notFound } from '../errors';
import { recordSecurityEvent } from '../security/record-security-event';
import { authorizeWorkspaceAction } from '../workspaces/authorize-workspace-action';
import { type ApiKeyResource, keyStatus, toApiKeyResource } from './api-key-resource';
import { generateKey } from './key-format';
import { maxKeyRateLimit } from './max-key-rate-limit';
import { ZApiScope } from './scopes';

/** Instances drop cached keys when this channel names their hash. */
export const API_KEY_CHANNEL = 'levqor_api_keys';

export const ZCreateApiKeyInput = z.object({
  name: z.string().trim().min(1, 'Name is required').max(80, 'Name is at most 80 characters'),
  scopes: z.array(ZApiScope).min(1, 'Choose at least one scope').max(10),
  environment: z.enum(apiKeyEnvironment.enumValues).default('live'),
  expires_at: z.coerce
    .date({ error: 'expires_at must be a date' })
    .refine((d) => d.getTime() > Date.now(), 'expires_at must be in the future')
    .nullish(),
  rate_limit_per_min: z.number().int().min(1).max(100_000).default(600),
});
export type CreateApiKeyInput = z.input<typeof ZCreateApiKeyInput>;

export const GRACE_PERIODS = { now: 0, '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 } as const;
export const ZRotateApiKeyInput = z.object({
  grace: z.enum(['now', '1h', '24h', '7d'], { error: 'grace is "now", "1h", "24h" or "7d"' }).default('24h'),
});

export interface CreatedApiKey {
  key: ApiKeyResource;
  /** Shown once; never stored. */
  plaintext: string;
}

async function notify(db: DbOrTx, hash: string) {
  await db.execute(sql`select pg_notify(${API_KEY_CHANNEL}, ${hash})`);
}

/** The workspace's ceiling for a key's rate limit (see maxKeyRateLimit). */
async function rateLimitCeiling(db: DbOrTx, workspaceId: string): Promise<number> {
  const [ws] = await db
    .select({ id: workspaces.id, plan: workspaces.plan })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!ws) throw notFound('Workspace');
  return maxKeyRateLimit(ws);
}

/**
 * A new key for the workspace, shown once. Owner only; its rate limit may not exceed the workspace's
 * ceiling (an operator raises it with LEVQOR_API_KEY_MAX_RATE_LIMIT).
 */
export async function createApiKey(
  db: DbOrTx,
  opts: { workspaceId: string; userId: string; input: CreateApiKeyInput },
): Promise<CreatedApiKey> {
  const { workspaceId, userId } = opts;
  const input = ZCreateApiKeyInput.parse(opts.input);
  const { plaintext, prefix, hash } = generateKey(input.environment);
  return db.transaction(async (tx) => {
    await authorizeWorkspaceAction(tx, { workspaceId, userId, action: 'api_key.create' });
    const ceiling = await rateLimitCeiling(tx, workspaceId);
    if (input.rate_limit_per_min > ceiling)
      throw new DomainError(
        'rate-limit-above-ceiling',
        `A key's rate limit is at most ${ceiling} requests per minute in this workspace (asked for ${input.rate_limit_per_min}).`,
        { field: 'rate_limit_per_min', max: ceiling },
      );
    const [row] = await tx
      .insert(apiKeys)
      .values({
        workspaceId,
        name: input.name,
        environment: input.environment,
        prefix,
        hash,
        scopes: [...new Set(input.scopes)],
        rateLimitPerMin: input.rate_limit_per_min,
        expiresAt: input.expires_at ?? null,
        createdBy: userId,
      })
      .returning();
    await recordAudit(tx, {
      workspaceId,
      actor: userId,
      action: 'api_key.created',
      target: row!.id,
      metadata: { name: input.name, scopes: row!.scopes, rate_limit_per_min: row!.rateLimitPerMin },
    });
    await recordSecurityEvent(tx, {
      type: 'api_key.created',
      actor: userId,
      metadata: { key: row!.id, workspace: workspaceId },
    });
    return { key: toApiKeyResource(row!), plaintext };
  });
}

/** The rate-limit ceiling a user of this workspace is held to when creating a key (the portal's form). */
export async function apiKeyLimits(
  db: DbOrTx,
  workspaceId: string,
): Promise<{ max_rate_limit_per_min: number }> {
  return { max_rate_limit_per_min: await rateLimitCeiling(db, workspaceId) };
}

export async function listApiKeys(db: DbOrTx, workspaceId: string): Promise<ApiKeyResource[]> {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map(toApiKeyResource);
}

async function requireKey(db: DbOrTx, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id)))
    .for('update');
  if (!row) throw notFound('API key');
  return row;
}

/**
 * A new key with the same settings; the old one keeps working for `grace`, then stops. Owner only. The new
 * key's rate limit is the old one's, lowered to the workspace's ceiling if that has come down since.
 */
export async function rotateApiKey(
  db: DbOrTx,
  opts: { workspaceId: string; userId: string; keyId: string; input?: z.input<typeof ZRotateApiKeyInput> },
): Promise<CreatedApiKey> {
  const { workspaceId, userId, keyId } = opts;
  const input = ZRotateApiKeyInput.parse(opts.input ?? {});
  return db.transaction(async (tx) => {
    await authorizeWorkspaceAction(tx, { workspaceId, userId, action: 'api_key.rotate' });
    const old = await requireKey(tx, workspaceId, keyId);
    const status = keyStatus(old);
    if (status !== 'active')
      throw new DomainError(
        'key-not-rotatable',
        `This key is ${status === 'rotating' ? 'already rotated' : status}; rotate the active key instead`,
      );
    const ceiling = await rateLimitCeiling(tx, workspaceId);
    const { plaintext, prefix, hash } = generateKey(old.environment);
    const [fresh] = await tx
      .insert(apiKeys)
      .values({
        workspaceId,
        name: old.name,
        environment: old.environment,
        prefix,
        hash,
        scopes: old.scopes,
        rateLimitPerMin: Math.min(old.rateLimitPerMin, ceiling),
        expiresAt: old.expiresAt,
        createdBy: userId,
      })
      .returning();
    const graceUntil = new Date(Date.now() + GRACE_PERIODS[input.grace]);
    await tx.update(apiKeys).set({ graceUntil, rotatedToId: fresh!.id }).where(eq(apiKeys.id, old.id));
    await recordAudit(tx, {
      workspaceId,
      actor: userId,
      action: 'api_key.rotated',
      target: old.id,
      metadata: { new_key: fresh!.id, grace: input.grace },
    });
    await recordSecurityEvent(tx, {
      type: 'api_key.rotated',
      actor: userId,
      metadata: { key: old.id, new_key: fresh!.id, grace: input.grace },
    });
    await notify(tx, old.hash);
    return { key: toApiKeyResource(fresh!), plaintext };
  });
}

/** Stops the key at once, on every instance. Owner only. */
export async function revokeApiKey(
  db: DbOrTx,
  opts: { workspaceId: string; userId: string; keyId: string },
): Promise<ApiKeyResource> {
  const { workspaceId, userId, keyId } = opts;
  return db.transaction(async (tx) => {
    await authorizeWorkspaceAction(tx, { workspaceId, userId, action: 'api_key.revoke' });
    const old = await requireKey(tx, workspaceId, keyId);
    if (old.revokedAt) return toApiKeyResource(old);
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(eq(apiKeys.id, keyId))
      .returning();
    await recordAudit(tx, { workspaceId, actor: userId, action: 'api_key.revoked', target: keyId });
    await recordSecurityEvent(tx, { type: 'api_key.revoked', actor: userId, metadata: { key: keyId } });
    await notify(tx, old.hash);
    return toApiKeyResource(row!);
  });
}
