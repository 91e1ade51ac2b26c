import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { newId } from '../ids';
import { users } from './users';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const privacyRequestKind = pgEnum('privacy_request_kind', ['export', 'erasure']);
export const privacyRequestStatus = pgEnum('privacy_request_status', [
  /** erasure: waiting for the email link. */
  'awaiting_confirmation',
  /** erasure: confirmed, in its cooling-off period; export: queued for the engine. */
  'pending',
  'processing',
  'completed',
  'cancelled',
  'failed',
]);

/**
 * Data-subject requests (Art. 15/20 export, Art. 17 erasure). `dueAt` is the one-month deadline of
 * Art. 12(3). Tokens and codes are stored as SHA-256 hashes only. The export's ZIP lives in `archive`
 * until it is purged (30 days); the row itself is the audit trail and is kept (DSAR audit: 7 years).
 */
export const privacyRequests = pgTable(
  'privacy_requests',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('prq')),
    /** Null once the user is erased (the email hash below still identifies the request). */
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    emailHash: text('email_hash').notNull(),
    kind: privacyRequestKind('kind').notNull(),
    status: privacyRequestStatus('status').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** erasure: hash of the email-link token; export: hash of the download link token. */
    tokenHash: text('token_hash'),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    /** erasure: when the cooling-off period ends and the engine erases. */
    executeAfter: timestamp('execute_after', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** export: the ZIP (null when not built yet or purged). */
    archive: bytea('archive'),
    archiveBytes: integer('archive_bytes'),
    /** export: `attachment` (≤ 5 MB) or `link` (download with a one-time code). */
    delivery: text('delivery'),
    codeHash: text('code_hash'),
    codeExpiresAt: timestamp('code_expires_at', { withTimezone: true }),
    codeAttempts: integer('code_attempts').notNull().default(0),
    downloadedAt: timestamp('downloaded_at', { withTimezone: true }),
    purgedAt: timestamp('purged_at', { withTimezone: true }),
    /** Steps with times: requested, confirmed, built, sent, downloaded, purged, erased… */
    trail: jsonb('trail')
      .$type<{ at: string; step: string; detail?: string }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [
    index('privacy_requests_user_idx').on(t.userId, t.kind, t.requestedAt),
    index('privacy_requests_due_idx').on(t.status, t.dueAt),
    uniqueIndex('privacy_requests_token_uq').on(t.tokenHash),
  ],
);

export const privacyPurpose = pgEnum('privacy_purpose', [
  'marketing',
  'profiling',
  'analytics',
  'product_email',
  'all',
]);

/** Art. 21 objections / opt-outs, per purpose. A withdrawn objection keeps its row (withdrawnAt). */
export const privacyObjections = pgTable(
  'privacy_objections',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('obj')),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: privacyPurpose('purpose').notNull(),
    /** `ui`, `api` (an API key), `header`, `unsubscribe-link`. */
    source: text('source').notNull(),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    index('privacy_objections_user_idx').on(t.userId, t.purpose),
    uniqueIndex('privacy_objections_active_uq').on(t.userId, t.purpose).where(sql`${t.withdrawnAt} is null`),
  ],
);

/**
 * Consent records (append-only): who, when, how (method, source), the exact wording shown, and what
 * was decided. Kinds: `marketing` (double opt-in steps), `cookies` (banner choices).
 */
export const consentRecords = pgTable(
  'consent_records',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('cns')),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** HMAC of the email address (marketing consent exists before, and beyond, an account). */
    emailHash: text('email_hash'),
    kind: text('kind').notNull(),
    /** e.g. `requested`, `confirmed`, `withdrawn`, `granted`. */
    action: text('action').notNull(),
    granted: boolean('granted').notNull(),
    /** cookies: `{ analytics: true, marketing: false }`. */
    categories: jsonb('categories').$type<Record<string, boolean>>(),
    method: text('method').notNull(),
    source: text('source'),
    wording: text('wording').notNull(),
    ipHash: text('ip_hash'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('consent_records_user_idx').on(t.userId, t.createdAt),
    index('consent_records_email_idx').on(t.emailHash, t.createdAt),
  ],
);

export const marketingStatus = pgEnum('marketing_status', ['pending', 'subscribed', 'unsubscribed']);

/** Marketing email subscription per address (double opt-in). The token is stored as a hash only. */
export const marketingSubscriptions = pgTable(
  'marketing_subscriptions',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('mkt')),
    email: text('email').notNull().unique(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    status: marketingStatus('status').notNull(),
    tokenHash: text('token_hash'),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('marketing_subscriptions_token_uq').on(t.tokenHash)],
);

export const legalDocumentKind = pgEnum('legal_document_kind', ['terms', 'privacy']);

/** Published versions of the terms of service and the privacy policy. The newest per kind is current. */
export const legalDocuments = pgTable(
  'legal_documents',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('doc')),
    kind: legalDocumentKind('kind').notNull(),
    version: text('version').notNull(),
    summary: text('summary').notNull(),
    body: text('body').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: text('published_by'),
  },
  (t) => [
    uniqueIndex('legal_documents_kind_version_uq').on(t.kind, t.version),
    index('legal_documents_kind_published_idx').on(t.kind, t.publishedAt),
  ],
);

/** Who accepted which version, when, from where (HMAC of the IP) and with which user agent. */
export const legalAcceptances = pgTable(
  'legal_acceptances',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('lga')),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    documentId: text('document_id')
      .notNull()
      .references(() => legalDocuments.id, { onDelete: 'cascade' }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull().defaultNow(),
    ipHash: text('ip_hash'),
    userAgent: text('user_agent'),
  },
  (t) => [uniqueIndex('legal_acceptances_user_doc_uq').on(t.userId, t.documentId)],
);

/**
 * Levqor's own first-party analytics (page views, product events). Written only with the visitor's
 * analytics consent (cookie) and never for a signed-in user who objected to analytics.
 */
export const analyticsEvents = pgTable(
  'analytics_events',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('ana')),
    app: text('app').notNull(),
    name: text('name').notNull(),
    path: text('path'),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    properties: jsonb('properties').$type<Record<string, string | number | boolean>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('analytics_events_name_idx').on(t.name, t.createdAt)],
);
