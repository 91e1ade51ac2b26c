/**
 * The server side of `audit-export.bench.ts`, run as its own process so its memory is measured alone:
 * node:http on 127.0.0.1 serving
 *   GET /export?actor=&from=&to=  the admin console's audit CSV body — `auditCsvStream`, the function
 *                                 apps/admin's /audit/export route returns — piped to the socket;
 *   GET /whole?actor=&from=&to=   the baseline it must beat: every row loaded, then one CSV string sent.
 *   GET /memory                   after a full garbage collection (the process runs with --expose-gc):
 *                                 `process.memoryUsage()` — what the process still holds, garbage aside.
 * Prints `{"port":N}` on stdout when listening. DATABASE_URL is required.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { AUDIT_CSV_HEADER, auditCsvStream, csvField, ZAuditFilters } from '@levqor/core';
import { and, asc, auditEvents, createDb, desc, eq, gte, lt } from '@levqor/db';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const db = createDb(url, { max: 2, appName: 'bench-audit-export' });

const server = createServer(async (req, res) => {
  const u = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (u.pathname === '/memory') {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) return void res.writeHead(500).end('start the server with --expose-gc');
    gc();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(process.memoryUsage()));
    return;
  }
  const filters = ZAuditFilters.parse({
    actor: u.searchParams.get('actor') ?? undefined,
    from: u.searchParams.get('from') ?? undefined,
    to: u.searchParams.get('to') ?? undefined,
  });
  const headers = { 'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store' };
  try {
    if (u.pathname === '/export') {
      res.writeHead(200, headers);
      Readable.fromWeb(auditCsvStream(db, filters) as import('node:stream/web').ReadableStream).pipe(res);
      return;
    }
    if (u.pathname === '/whole') {
      const rows = await db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.actor, filters.actor!),
            gte(auditEvents.createdAt, new Date(filters.from!)),
            lt(auditEvents.createdAt, new Date(filters.to!)),
          ),
        )
        .orderBy(desc(auditEvents.createdAt), asc(auditEvents.id));
      let body = AUDIT_CSV_HEADER;
      for (const e of rows) {
        const meta = e.metadata as Record<string, unknown> | null;
        body += `${[
          e.id,
          e.createdAt.toISOString(),
          e.actor,
          e.action,
          e.target,
          e.workspaceId,
          typeof meta?.reason === 'string' ? meta.reason : '',
          meta ? JSON.stringify(meta) : '',
        ]
          .map(csvField)
          .join(',')}\n`;
      }
      res.writeHead(200, headers).end(body);
      return;
    }
    res.writeHead(404).end();
  } catch (err) {
    res.writeHead(500).end(String(err));
  }
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  process.exit(0);
});
