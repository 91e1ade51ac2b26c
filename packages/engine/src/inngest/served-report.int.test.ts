import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pdfText } from '@levqor/core/intelligence/reports/testing';
import { and, eq, reports } from '@levqor/db';
import { Inngest } from 'inngest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weeklyReportFunction } from '../functions/intelligence-reports';
import { silentSink } from '../log';
import { createRegistry } from '../registry';
import { closeDb, openTestDb } from '../testing/helpers';
import { runLikeInngestExecutor } from '../testing/inngest-executor';
import { createInngestHandler } from './handler';

const db = openTestDb();
afterAll(() => closeDb(db));

type Handler = (req: Request, ctx: unknown) => Promise<Response>;
let url = '';
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const handler = createInngestHandler(createRegistry([weeklyReportFunction(db)]), {
    client: new Inngest({ id: 'levqor', isDev: true }),
    log: silentSink,
  }) as unknown as Record<'POST', Handler>;
  const response = await handler.POST(
    new Request(`http://127.0.0.1${req.url}`, {
      method: 'POST',
      headers: req.headers as Record<string, string>,
      body: Buffer.concat(chunks),
    }),
    undefined,
  );
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inngest`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('the weekly report through the served Inngest handler', () => {
  it('runs step by step as the executor drives it: stored with a PDF that reads back, mailed', async () => {
    // The cron event of Sunday 1 March 1987, 09:00 London: the report of the week before.
    const run = await runLikeInngestExecutor({
      url,
      fnId: 'levqor-intelligence.weekly-report',
      event: {
        name: 'inngest/scheduled.timer',
        data: { cron: 'TZ=Europe/London 0 9 * * 0' },
        ts: Date.UTC(1987, 2, 1, 9),
      },
    });
    expect(run.calls.map((c) => c.status)).toEqual([206, 206, 206, 200]);
    expect(run.calls.flatMap((c) => c.ops.map((o) => o.displayName ?? o.name))).toEqual([
      'store',
      'mail',
      'notion',
    ]);
    const result = run.result as { id: string; periodStart: string; created: boolean };
    expect(result).toMatchObject({ periodStart: '1987-02-22', created: true, notionPageId: null });
    const [row] = await db
      .select()
      .from(reports)
      .where(and(eq(reports.kind, 'weekly'), eq(reports.periodStart, '1987-02-22')));
    expect(row!.id).toBe(result.id);
    expect(row!.pdf!.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await pdfText(row!.pdf!);
    expect(text).toContain('Signups:');
  });
});
