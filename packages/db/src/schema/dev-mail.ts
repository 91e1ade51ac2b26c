import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { newId } from '../ids';

/** The local dev mailbox: every email Levqor sends when no mail provider is configured. */
export const devMail = pgTable(
  'dev_mail',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('mail')),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    /** Extra headers as sent (e.g. List-Unsubscribe on marketing mail). */
    headers: jsonb('headers').$type<Record<string, string>>(),
    /** Attachments as sent: name, type, size and base64 content. */
    attachments:
      jsonb('attachments').$type<{ filename: string; contentType: string; size: number; base64: string }[]>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dev_mail_to_idx').on(t.to, t.createdAt)],
);
