import { customType, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { newId } from '../ids';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * Scheduled reports: the weekly governance report (`weekly`, with its PDF) and the daily ops summary
 * (`daily`). One row per kind and period (`period_start`, a London calendar day): a rerun of the same
 * period finds the row and sends nothing twice (`emailed_at`, `notion_page_id` mark what was done).
 */
export const reports = pgTable(
  'reports',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('rpt')),
    kind: text('kind').notNull(),
    /** First day of the period (YYYY-MM-DD, Europe/London), inclusive. */
    periodStart: text('period_start').notNull(),
    /** Day after the period (YYYY-MM-DD, Europe/London), exclusive. */
    periodEnd: text('period_end').notNull(),
    /** The figures as computed (JSON; see packages/core/src/intelligence/reports/report-figures.ts). */
    figures: jsonb('figures').notNull(),
    pdf: bytea('pdf'),
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    notionPageId: text('notion_page_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reports_kind_period_uq').on(t.kind, t.periodStart),
    index('reports_created_idx').on(t.createdAt),
  ],
);
