import { sql } from 'drizzle-orm';
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { newId } from '../ids';
import { workspaces } from './workspaces';

export const apiKeyEnvironment = pgEnum('api_key_environment', ['live', 'test']);

/** API keys: only a SHA-256 hash and a short display prefix are stored. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('key')),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    environment: apiKeyEnvironment('environment').notNull().default('live'),
    /** e.g. `lvq_live_3kT9ab…` — enough to recognise a key, never enough to use it. */
    prefix: text('prefix').notNull(),
    hash: text('hash').notNull(),
    scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
    rateLimitPerMin: integer('rate_limit_per_min').notNull().default(600),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Set on rotation: the old key works until then. */
    graceUntil: timestamp('grace_until', { withTimezone: true }),
    rotatedToId: text('rotated_to_id'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('api_keys_hash_uq').on(t.hash),
    index('api_keys_workspace_idx').on(t.workspaceId, t.createdAt),
  ],
);

/** One row per API request, for the developer portal's usage charts. */
export const apiRequests = pgTable(
  'api_requests',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('req')),
    workspaceId: text('workspace_id'),
    apiKeyId: text('api_key_id'),
    method: text('method').notNull(),
    path: text('path').notNull(),
    status: integer('status').notNull(),
    durationMs: integer('duration_ms').notNull(),
    requestId: text('request_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('api_requests_workspace_idx').on(t.workspaceId, t.createdAt),
    // Platform-wide rollups read one five-minute window of every workspace's requests.
    index('api_requests_created_idx').on(t.createdAt),
  ],
);
