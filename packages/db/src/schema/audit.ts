import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { newId } from '../ids';

/** Who did what to which resource (API keys, budgets, roles…). */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('aud')),
    workspaceId: text('workspace_id'),
    /** `usr_…`, `key_…` or `system`. */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    metadata: jsonb('metadata'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_events_workspace_idx').on(t.workspaceId, t.createdAt),
    // The admin audit log: newest first across workspaces, keyset-paginated and streamed to CSV.
    index('audit_events_created_idx').on(t.createdAt, t.id),
  ],
);

export const securitySeverity = pgEnum('security_severity', ['info', 'warning', 'critical']);

/** Security log. Emails, IPs and actors are HMAC-SHA256 hashes under a server secret, never plain. */
export const securityEvents = pgTable(
  'security_events',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('sec')),
    type: text('type').notNull(),
    severity: securitySeverity('severity').notNull().default('info'),
    requestId: text('request_id'),
    path: text('path'),
    actorHash: text('actor_hash'),
    emailHash: text('email_hash'),
    ipHash: text('ip_hash'),
    metadata: jsonb('metadata'),
    /** How many occurrences this row stands for (refusals are aggregated per limit and window). */
    count: integer('count').notNull().default(1),
    /** Identity of an aggregated row (`<limit key>@<window start>`); null for single events. */
    aggregateKey: text('aggregate_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('security_events_created_idx').on(t.createdAt),
    index('security_events_type_idx').on(t.type, t.createdAt),
    uniqueIndex('security_events_aggregate_key_idx').on(t.aggregateKey),
  ],
);

/** Fixed-window counters for rate limits and lockouts when Redis is not configured. */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limit_counters_reset_idx').on(t.resetAt)],
);

/** Recorded health checks: the basis of the public availability figure. */
export const healthChecks = pgTable(
  'health_checks',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('hc')),
    service: text('service').notNull(),
    ok: integer('ok').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('health_checks_created_idx').on(t.createdAt)],
);
