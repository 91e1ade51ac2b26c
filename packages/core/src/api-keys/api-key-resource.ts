import type { apiKeys } from '@levqor/db';
import { apiKeyEnvironment } from '@levqor/db';
import { z } from 'zod';

type ApiKeyRow = typeof apiKeys.$inferSelect;

export const ZApiKeyResource = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    environment: z.enum(apiKeyEnvironment.enumValues),
    scopes: z.array(z.string()),
    rate_limit_per_min: z.number().int(),
    status: z.enum(['active', 'rotating', 'expired', 'revoked']),
    expires_at: z.string().nullable(),
    last_used_at: z.string().nullable(),
    grace_until: z.string().nullable(),
    revoked_at: z.string().nullable(),
    rotated_to_id: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'ApiKey' });
export type ApiKeyResource = z.infer<typeof ZApiKeyResource>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function keyStatus(row: ApiKeyRow, now = new Date()): ApiKeyResource['status'] {
  if (row.revokedAt && row.revokedAt <= now) return 'revoked';
  if (row.graceUntil && row.graceUntil <= now) return 'revoked';
  if (row.expiresAt && row.expiresAt <= now) return 'expired';
  if (row.graceUntil) return 'rotating';
  return 'active';
}

export function toApiKeyResource(row: ApiKeyRow): ApiKeyResource {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    environment: row.environment,
    scopes: row.scopes,
    rate_limit_per_min: row.rateLimitPerMin,
    status: keyStatus(row),
    expires_at: iso(row.expiresAt),
    last_used_at: iso(row.lastUsedAt),
    grace_until: iso(row.graceUntil),
    revoked_at: iso(row.revokedAt),
    rotated_to_id: row.rotatedToId,
    created_at: row.createdAt.toISOString(),
  };
}
