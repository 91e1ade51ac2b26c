import { randomInt } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { pdfText } from '../packages/core/src/intelligence/reports/reports.testing';
import { runLikeInngestExecutor } from '../packages/engine/src/testing/inngest-executor';
import { withDb } from './support/attack';
import { startWebProcess } from './support/second-web-server';

/**
 * With LEVQOR_JOBS_PROVIDER=inngest, Inngest runs Levqor's functions by calling the web app's
 * /api/inngest. This drives the weekly governance report through that route of the production build
 * (a web process of its own, Inngest in dev mode: no signing key, no Inngest server needed) exactly as
 * the executor does, step by step — the report renders its PDF with pdfkit inside the Next bundle.
 */
test('the weekly report runs through the built app’s Inngest route and stores a PDF that reads back', async () => {
  test.setTimeout(120_000);
  const web = await startWebProcess(3020, {
    env: { LEVQOR_JOBS_PROVIDER: 'inngest', INNGEST_DEV: '1', INNGEST_BASE_URL: 'http://127.0.0.1:9' },
  });
  try {
    // A week of its own (one report per week): a Sunday 09:00 London in 1970–1989, picked at random.
    const sunday = Date.UTC(1970, 0, 4, 9) + randomInt(0, 1000) * 7 * 86_400_000;
    const periodStart = new Date(sunday - 7 * 86_400_000).toISOString().slice(0, 10);

    // The route serves the function (dev mode: the SDK answers its registration details).
    const served = await fetch(`${web.url}/api/inngest`);
    expect(served.status).toBe(200);
    expect(await served.json()).toMatchObject({ mode: 'dev' });

    const run = await runLikeInngestExecutor({
      url: `${web.url}/api/inngest`,
      fnId: 'levqor-intelligence.weekly-report',
      event: { name: 'inngest/scheduled.timer', data: { cron: 'TZ=Europe/London 0 9 * * 0' }, ts: sunday },
    });
    // One step per call, as the executor records them (reports are critical crons: no stabilize-pause step).
    const ops = run.calls.flatMap((c) => c.ops);
    expect(ops.map((o) => o.displayName ?? o.name)).toEqual(['store', 'mail', 'notion']);
    expect(ops.every((o) => o.op === 'StepRun')).toBe(true);
    expect(run.result).toMatchObject({ periodStart, created: true, notionPageId: null });
    const id = (run.result as { id: string }).id;

    const pdf = await withDb(async (sql) => {
      const [row] =
        await sql`select kind, period_start::text as start, pdf, emailed_at from reports where id = ${id}`;
      expect(row).toMatchObject({ kind: 'weekly', start: periodStart });
      expect(row!.emailed_at).not.toBeNull();
      return row!.pdf as Buffer;
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, title } = await pdfText(pdf);
    expect(title).toBe(
      `Levqor governance report, ${periodStart} to ${new Date(sunday - 86_400_000).toISOString().slice(0, 10)}`,
    );
    expect(text).toContain('Signups:');
    expect(web.output()).not.toMatch(/ENOENT|\.afm/);
  } finally {
    await web.stop();
  }
});
