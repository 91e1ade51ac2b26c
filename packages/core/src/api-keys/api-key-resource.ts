import type { apiKeys } from '@levqor/db';

type ApiKeyRow = typeof apiKeys.$inferSelect;

export interface ApiKeyResource {
  id: string;
  name: string;
  prefix: string;
  environment: 'live' | 'test';
  scopes: string[];
  rate_limit_per_min: number;
  status: 'active' | 'rotating' | 'expired' | 'revoked';
  expires_at: string | null;
  last_used_at: string | null;
  grace_until: string | null;
  revoked_at: string | null;
  rotated_to_id: string | null;
  created_at: string;
}

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
