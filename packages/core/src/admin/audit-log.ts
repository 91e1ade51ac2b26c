import { and, auditEvents, type DbOrTx, desc, eq, gte, like, lt, type SQL, sql } from '@levqor/db';
import { z } from 'zod';
import { encodeCursor, exactInstant, olderThan } from './keyset-cursor';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const ZInstant = z.iso.datetime({ offset: true, error: 'a date-time such as 2026-12-01T00:00:00Z' });

export const ZAuditFilters = z.object({
  /** `usr_…`, `key_…` or `system`. */
  actor: z.string().trim().max(100).optional(),
  /** An action or its beginning (`admin.` finds every admin action). */
  action: z.string().trim().max(100).optional(),
  workspaceId: z.string().trim().max(100).optional(),
  target: z.string().trim().max(200).optional(),
  from: ZInstant.optional(),
  to: ZInstant.optional(),
});
export type AuditFilters = z.input<typeof ZAuditFilters>;

export const ZListAuditEventsInput = ZAuditFilters.extend({
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).nullish(),
});
export type ListAuditEventsInput = z.input<typeof ZListAuditEventsInput>;

function whereOf(f: z.infer<typeof ZAuditFilters>, cursor?: string | null): SQL | undefined {
  const where: SQL[] = [];
  if (f.actor) where.push(eq(auditEvents.actor, f.actor));
  if (f.action) where.push(like(auditEvents.action, `${escapeLike(f.action)}%`));
  if (f.workspaceId) where.push(eq(auditEvents.workspaceId, f.workspaceId));
  if (f.target) where.push(eq(auditEvents.target, f.target));
  if (f.from) where.push(gte(auditEvents.createdAt, new Date(f.from)));
  if (f.to) where.push(lt(auditEvents.createdAt, new Date(f.to)));
  if (cursor) where.push(olderThan(auditEvents.createdAt, auditEvents.id, cursor));
  return and(...where);
}

const columns = {
  id: auditEvents.id,
  createdAt: auditEvents.createdAt,
  actor: auditEvents.actor,
  action: auditEvents.action,
  target: auditEvents.target,
  workspaceId: auditEvents.workspaceId,
  metadata: auditEvents.metadata,
  at: exactInstant(auditEvents.createdAt),
};

async function page(
  db: DbOrTx,
  filters: z.infer<typeof ZAuditFilters>,
  limit: number,
  cursor?: string | null,
) {
  const rows = await db
    .select(columns)
    .from(auditEvents)
    .where(whereOf(filters, cursor))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.at, last.id) : null };
}

/** The audit log, newest first, filtered; keyset pagination on (created_at, id). */
export async function listAuditEvents(db: DbOrTx, raw: ListAuditEventsInput) {
  const input = ZListAuditEventsInput.parse(raw);
  const { items, nextCursor } = await page(db, input, input.limit, input.cursor);
  return { items: items.map(({ at: _at, ...e }) => e), nextCursor };
}

export const AUDIT_CSV_HEADER = 'id,created_at,actor,action,target,workspace_id,reason,metadata\n';
const CSV_BATCH = 1_000;

/** A CSV field: quoted when needed; a leading =, +, - or @ is neutralised (spreadsheet formulas). */
export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A CSV field rendered by PostgreSQL, by `csvField`'s rules: empty for null; a leading =, +, -, @, tab or
 * carriage return neutralised with a quote; quoted (quotes doubled) when it holds a quote, comma or newline.
 */
export function csvFieldSql(value: SQL): SQL {
  return sql`coalesce((select case when strpos(s, '"') > 0 or strpos(s, ',') > 0 or strpos(s, chr(10)) > 0
      or strpos(s, chr(13)) > 0 then '"' || replace(s, '"', '""') || '"' else s end
    from (select case when left(v, 1) in ('=', '+', '-', '@', chr(9), chr(13)) then chr(39) || v else v end as s
      from (select ${value} as v) f) q), '')`;
}

/** One audit row as a CSV line (newline included), the header's columns. */
const csvLine = sql`${sql.join(
  [
    sql`${auditEvents.id}`,
    exactInstant(auditEvents.createdAt),
    sql`${auditEvents.actor}`,
    sql`${auditEvents.action}`,
    sql`${auditEvents.target}`,
    sql`${auditEvents.workspaceId}`,
    sql`${auditEvents.metadata} ->> 'reason'`,
    sql`${auditEvents.metadata}::text`,
  ].map(csvFieldSql),
  sql` || ',' || `,
)} || chr(10)`;

/**
 * The filtered audit log as CSV, newest first, read in keyset batches of CSV_BATCH rows that PostgreSQL
 * renders as one string each: memory holds one batch's text (no row objects), whatever the table's size.
 * Yields the header, then one chunk per batch.
 */
export async function* streamAuditCsv(db: DbOrTx, raw: AuditFilters): AsyncGenerator<string> {
  const filters = ZAuditFilters.parse(raw);
  yield AUDIT_CSV_HEADER;
  let cursor: string | null = null;
  do {
    const where = whereOf(filters, cursor);
    const [batch] = await db.execute<{
      csv: string | null;
      n: number;
      at: string | null;
      id: string | null;
    }>(sql`
      select string_agg(b.line, '' order by b.created_at desc, b.id desc) as csv, count(*)::int as n,
        (array_agg(b.at order by b.created_at, b.id))[1] as at, (array_agg(b.id order by b.created_at, b.id))[1] as id
      from (
        select ${auditEvents.id} as id, ${auditEvents.createdAt} as created_at,
          ${exactInstant(auditEvents.createdAt)} as at, ${csvLine} as line
        from ${auditEvents}
        ${where ? sql`where ${where}` : sql``}
        order by ${auditEvents.createdAt} desc, ${auditEvents.id} desc
        limit ${CSV_BATCH}
      ) b`);
    if (batch?.csv) yield batch.csv;
    cursor = batch && batch.n === CSV_BATCH && batch.at && batch.id ? encodeCursor(batch.at, batch.id) : null;
  } while (cursor);
}

/**
 * The CSV export as a byte stream — the body of the admin console's `/audit/export` response. It pulls
 * one batch from `streamAuditCsv` each time the reader asks for more, so a slow client holds back the
 * database reads instead of piling rows up in memory; cancelling the response ends the reads.
 */
export function auditCsvStream(db: DbOrTx, filters: AuditFilters): ReadableStream<Uint8Array> {
  const rows = streamAuditCsv(db, filters);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}
