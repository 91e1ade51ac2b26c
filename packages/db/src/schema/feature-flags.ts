import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

/**
 * Feature flags, read by every process through a cache that `NOTIFY levqor_feature_flags` empties.
 * A flag is on for a workspace when it is not killed and: the workspace has an override (its value
 * wins), or the flag is enabled and the workspace's stable bucket (hash of key + workspace id, 0–99)
 * is below `rollout_percent` (100 = a plain boolean flag).
 */
export const featureFlags = pgTable(
  'feature_flags',
  {
    /** Dotted name, e.g. `webhooks.delivery_paused`. */
    key: text('key').primaryKey(),
    description: text('description').notNull().default(''),
    enabled: boolean('enabled').notNull().default(false),
    rolloutPercent: integer('rollout_percent').notNull().default(100),
    /** Kill switch: off everywhere, overrides included. */
    killed: boolean('killed').notNull().default(false),
    /** A number some flags carry while on (e.g. `worker.concurrency`: the local worker's slots). */
    value: integer('value'),
    updatedBy: text('updated_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('feature_flags_rollout_range', sql`${t.rolloutPercent} between 0 and 100`),
    check('feature_flags_key_format', sql`${t.key} ~ '^[a-z][a-z0-9_.-]{1,79}$'`),
  ],
);

/** A workspace's own value of a flag (wins over the rollout, not over the kill switch). */
export const featureFlagOverrides = pgTable(
  'feature_flag_overrides',
  {
    flagKey: text('flag_key')
      .notNull()
      .references(() => featureFlags.key, { onDelete: 'cascade' }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    enabled: boolean('enabled').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.flagKey, t.workspaceId] }),
    index('feature_flag_overrides_workspace_idx').on(t.workspaceId),
  ],
);
