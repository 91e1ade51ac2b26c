import { sql } from 'drizzle-orm';
import { index, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { newId } from '../ids';
import { users } from './users';

export const membershipRole = pgEnum('membership_role', ['owner', 'member']);

export const workspacePlan = pgEnum('workspace_plan', ['free', 'pro', 'business']);

export const workspaces = pgTable('workspaces', {
  id: text('id')
    .primaryKey()
    .$defaultFn(() => newId('ws')),
  name: text('name').notNull(),
  plan: workspacePlan('plan').notNull().default('free'),
  /** Monthly budget in USD cents; null = the plan's default. */
  monthlyBudgetCents: numeric('monthly_budget_cents', { precision: 18, scale: 4 }),
  /** Signs completion webhooks (`Levqor-Signature`). */
  webhookSecret: text('webhook_secret')
    .notNull()
    .default(sql`'whsec_' || replace(gen_random_uuid()::text, '-', '')`),
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
