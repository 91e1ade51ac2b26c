import { and, auditEvents, type DbOrTx, desc, eq, gte, like, lt, type SQL } from '@levqor/db';
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
 * The filtered audit log as CSV, newest first, read in keyset batches of CSV_BATCH rows: memory stays
 * at one batch whatever the size of the table. Yields the header, then one chunk per batch.
 */
export async function* streamAuditCsv(db: DbOrTx, raw: AuditFilters): AsyncGenerator<string> {
  const filters = ZAuditFilters.parse(raw);
  yield AUDIT_CSV_HEADER;
  let cursor: string | null = null;
  do {
    const batch = await page(db, filters, CSV_BATCH, cursor);
    let chunk = '';
    for (const e of batch.items) {
      const meta = (e.metadata ?? null) as Record<string, unknown> | null;
      const reason = typeof meta?.reason === 'string' ? meta.reason : '';
      chunk += `${[
        e.id,
        e.at,
        e.actor,
        e.action,
        e.target,
        e.workspaceId,
        reason,
        meta ? JSON.stringify(meta) : '',
      ]
        .map(csvField)
        .join(',')}\n`;
    }
    if (chunk) yield chunk;
    cursor = batch.nextCursor;
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
