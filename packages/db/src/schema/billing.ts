import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { workspacePlan } from './enums';
import { workspaces } from './workspaces';

/**
 * Stripe webhook events, stored once by their id (`evt_…`) before they are processed by the engine
 * function `billing.process-event`; a redelivery finds its row and changes nothing.
 */
export const stripeEvents = pgTable(
  'stripe_events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    /** The event's `created` (Unix seconds): the version subscription changes are compared by. */
    created: bigint('created', { mode: 'number' }).notNull(),
    payload: jsonb('payload').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [index('stripe_events_received_idx').on(t.receivedAt)],
);

/** A workspace's Stripe subscription as last applied (the newest state wins; see apply-subscription.ts). */
export const subscriptions = pgTable(
  'subscriptions',
  {
    /** `sub_…` */
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    customerId: text('customer_id').notNull(),
    /** Stripe's status: trialing, active, past_due, unpaid, canceled, incomplete, incomplete_expired, paused. */
    status: text('status').notNull(),
    priceId: text('price_id'),
    plan: workspacePlan('plan'),
    currentPeriodStart: timestamp('current_period_start', { withTimezone: true }),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    /** Version of the stored state: the `created` of the event (or the sync) it came from, Unix seconds. */
    version: bigint('version', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('subscriptions_workspace_idx').on(t.workspaceId)],
);

/**
 * Billing emails and notices sent, once each: `key` is e.g. `dunning:in_123:day1` or
 * `budget:ws_1:2026-05:80`. Inserting first (on conflict do nothing) makes a retry send nothing twice.
 */
export const billingNotices = pgTable(
  'billing_notices',
  {
    key: text('key').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    metadata: jsonb('metadata'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('billing_notices_workspace_idx').on(t.workspaceId, t.sentAt)],
);

/**
 * Stripe prices Levqor created for its plans (applying a pricing recommendation), newest last. A plan's
 * current price is its newest row: Checkout sells it to new subscribers (STRIPE_PRICE_<PLAN> when there
 * is none). Older rows stay, so subscriptions still on them keep mapping to their plan.
 */
export const planPrices = pgTable(
  'plan_prices',
  {
    /** `price_…` */
    stripePriceId: text('stripe_price_id').primaryKey(),
    plan: workspacePlan('plan').notNull(),
    /** Cents per month. */
    unitAmount: integer('unit_amount').notNull(),
    currency: text('currency').notNull(),
    /** The pricing recommendation applied (`rec_…`), when it came from one. */
    recommendationId: text('recommendation_id').unique(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plan_prices_plan_idx').on(t.plan, t.createdAt)],
);
