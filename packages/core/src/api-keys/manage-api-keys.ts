import { and, apiKeys, type DbOrTx, desc, eq, sql } from '@levqor/db';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { DomainError, notFound } from '../errors';
import { recordSecurityEvent } from '../security/record-security-event';
import { type ApiKeyResource, keyStatus, toApiKeyResource } from './api-key-resource';
import { generateKey } from './key-format';
import { ZApiScope } from './scopes';

/** Instances drop cached keys when this channel names their hash. */
export const API_KEY_CHANNEL = 'levqor_api_keys';

export const ZCreateApiKeyInput = z.object({
  name: z.string().trim().min(1, 'Name is required').max(80, 'Name is at most 80 characters'),
  scopes: z.array(ZApiScope).min(1, 'Choose at least one scope').max(10),
  environment: z.enum(['live', 'test']).default('live'),
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

export async function createApiKey(
  db: DbOrTx,
  workspaceId: string,
  actor: string,
  raw: CreateApiKeyInput,
): Promise<CreatedApiKey> {
  const input = ZCreateApiKeyInput.parse(raw);
  const { plaintext, prefix, hash } = generateKey(input.environment);
  return db.transaction(async (tx) => {
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
        createdBy: actor,
      })
      .returning();
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: 'api_key.created',
      target: row!.id,
      metadata: { name: input.name, scopes: row!.scopes },
    });
    await recordSecurityEvent(tx, {
      type: 'api_key.created',
      actor,
      metadata: { key: row!.id, workspace: workspaceId },
    });
    return { key: toApiKeyResource(row!), plaintext };
  });
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

/** A new key with the same settings; the old one keeps working for `grace`, then stops. */
export async function rotateApiKey(
  db: DbOrTx,
  workspaceId: string,
  actor: string,
  id: string,
  raw: z.input<typeof ZRotateApiKeyInput> = {},
): Promise<CreatedApiKey> {
  const input = ZRotateApiKeyInput.parse(raw);
  return db.transaction(async (tx) => {
    const old = await requireKey(tx, workspaceId, id);
    const status = keyStatus(old);
    if (status !== 'active')
      throw new DomainError(
        'CONFLICT',
        `This key is ${status === 'rotating' ? 'already rotated' : status}; rotate the active key instead`,
      );
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
        rateLimitPerMin: old.rateLimitPerMin,
        expiresAt: old.expiresAt,
        createdBy: actor,
      })
      .returning();
    const graceUntil = new Date(Date.now() + GRACE_PERIODS[input.grace]);
    await tx.update(apiKeys).set({ graceUntil, rotatedToId: fresh!.id }).where(eq(apiKeys.id, old.id));
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: 'api_key.rotated',
      target: old.id,
      metadata: { new_key: fresh!.id, grace: input.grace },
    });
    await recordSecurityEvent(tx, {
      type: 'api_key.rotated',
      actor,
      metadata: { key: old.id, new_key: fresh!.id, grace: input.grace },
    });
    await notify(tx, old.hash);
    return { key: toApiKeyResource(fresh!), plaintext };
  });
}

/** Stops the key at once, on every instance. */
export async function revokeApiKey(
  db: DbOrTx,
  workspaceId: string,
  actor: string,
  id: string,
): Promise<ApiKeyResource> {
  return db.transaction(async (tx) => {
    const old = await requireKey(tx, workspaceId, id);
    if (old.revokedAt) return toApiKeyResource(old);
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(eq(apiKeys.id, id))
      .returning();
    await recordAudit(tx, { workspaceId, actor, action: 'api_key.revoked', target: id });
    await recordSecurityEvent(tx, { type: 'api_key.revoked', actor, metadata: { key: id } });
    await notify(tx, old.hash);
    return toApiKeyResource(row!);
  });
}
