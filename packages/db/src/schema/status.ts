import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { newId } from '../ids';
import { workspaces } from './workspaces';

/** An incident's stage, as the status page shows it. */
export const incidentStatus = pgEnum('incident_status', [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
]);
export const incidentImpact = pgEnum('incident_impact', ['minor', 'major', 'critical']);

/** Status-page incidents, created and updated by administrators (every change audited). */
export const incidents = pgTable(
  'incidents',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('inc')),
    title: text('title').notNull(),
    impact: incidentImpact('impact').notNull(),
    /** Affected components: `web`, `api`, `workers`, `database`. */
    components: text('components').array().notNull(),
    status: incidentStatus('status').notNull().default('investigating'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [index('incidents_created_idx').on(t.createdAt)],
);

/** The public timeline of an incident: one row per status change or message. */
export const incidentUpdates = pgTable(
  'incident_updates',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('iup')),
    incidentId: text('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    status: incidentStatus('status').notNull(),
    message: text('message').notNull(),
    actor: text('actor').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incident_updates_incident_idx').on(t.incidentId, t.createdAt)],
);

export const slaClaimStatus = pgEnum('sla_claim_status', ['pending', 'approved', 'rejected']);

/**
 * SLA credit claims: one per workspace and month (`YYYY-MM`, UTC). The availability, the fee and the
 * credit are computed when the claim is filed and kept as filed (the figures the admin decides on).
 */
export const slaClaims = pgTable(
  'sla_claims',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('slc')),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    /** Measured availability of the month, 0..1. */
    availability: doublePrecision('availability').notNull(),
    /** Measured minutes behind the figure. */
    measuredMinutes: integer('measured_minutes').notNull(),
    creditPercent: integer('credit_percent').notNull(),
    feeCents: integer('fee_cents').notNull(),
    creditCents: integer('credit_cents').notNull(),
    status: slaClaimStatus('status').notNull().default('pending'),
    filedBy: text('filed_by').notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    /** Stripe's customer balance transaction (`cbtxn_…`) of an approved credit, when there is a customer. */
    stripeBalanceTransactionId: text('stripe_balance_transaction_id'),
  },
  (t) => [
    uniqueIndex('sla_claims_workspace_month_uq').on(t.workspaceId, t.month),
    index('sla_claims_status_idx').on(t.status, t.filedAt),
    check('sla_claims_month_format', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);
