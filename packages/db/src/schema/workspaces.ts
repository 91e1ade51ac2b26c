import { sql } from 'drizzle-orm';
import { index, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { newId } from '../ids';
import { workspacePlan } from './enums';
import { users } from './users';

export const membershipRole = pgEnum('membership_role', ['owner', 'member']);

export const workspaces = pgTable('workspaces', {
  id: text('id')
    .primaryKey()
    .$defaultFn(() => newId('ws')),
  name: text('name').notNull(),
  plan: workspacePlan('plan').notNull().default('free'),
  /** The owner's own monthly cap in USD cents, at most the plan's included spend; null = the plan's. */
  monthlyBudgetCents: numeric('monthly_budget_cents', { precision: 18, scale: 4 }),
  /** Signs completion webhooks (`Levqor-Signature`). */
  webhookSecret: text('webhook_secret')
    .notNull()
    .default(sql`'whsec_' || replace(gen_random_uuid()::text, '-', '')`),
  /** Stripe customer (`cus_…`) of the workspace, created on its first checkout and reused after. */
  stripeCustomerId: text('stripe_customer_id').unique(),
  /** When set, intake refuses new jobs (403 account-suspended) until a payment or an admin restores it. */
  suspendedAt: timestamp('suspended_at', { withTimezone: true }),
  suspendedReason: text('suspended_reason'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const memberships = pgTable(
  'memberships',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('mem')),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: membershipRole('role').notNull().default('member'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('memberships_workspace_user_uq').on(t.workspaceId, t.userId),
    index('memberships_user_idx').on(t.userId),
  ],
);
