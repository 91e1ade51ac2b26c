import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { signInAdminDirectly } from './support/admin-session';
import { withDb } from './support/attack';
import { ADMIN_URL } from './urls';

const REPO_ROOT = join(import.meta.dirname, '..');

/** A one-page PDF made with pdfkit (borrowed from packages/core, which renders the real reports). */
function samplePdf(text: string): Promise<Buffer> {
  const require = createRequire(join(REPO_ROOT, 'packages', 'core', 'package.json'));
  const PDFDocument = require('pdfkit') as new () => NodeJS.EventEmitter & {
    text(t: string): unknown;
    end(): void;
  };
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.text(text);
  doc.end();
  return done;
}

test('admin console: the weekly report is listed under Reports and its PDF downloads for an administrator only', async ({
  page,
  request,
}) => {
  const id = `rpt_e2e${randomBytes(6).toString('hex')}`;
  // A period of its own (reports are unique per kind and period), far from any other test's.
  const start = `1990-01-${String(1 + (randomBytes(1)[0]! % 28)).padStart(2, '0')}`;
  const pdf = await samplePdf(`Levqor governance report ${id}`);
  const figures = {
    period: { start, end: start },
    users: 7,
    signups: 3,
    conversions: 1,
    mrrCents: 8700,
    margin: { revenueCents: 100, aiSpendCents: 20, infraCostCents: 10, marginCents: 70 },
    lowestMargins: [],
    jobs: { created: 1, succeeded: 1, failed: 0 },
    alerts: {},
    stabilizeEpisodes: 0,
    anomalies: { count: 2, items: [] },
    flagsChanged: [],
    omitted: [],
  };
  await withDb(
    (sql) =>
      sql`insert into reports (id, kind, period_start, period_end, figures, pdf)
          values (${id}, 'weekly', ${start}, ${start}, ${JSON.stringify(figures)}::jsonb, ${pdf})
          on conflict (kind, period_start) do update set id = excluded.id, pdf = excluded.pdf, figures = excluded.figures`,
  );

  // Signed out: the download is refused with a problem, not the file.
  const anonymous = await request.get(`${ADMIN_URL}/reports/${id}/pdf`, { maxRedirects: 0 });
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()['content-type']).toContain('application/problem+json');

  await signInAdminDirectly(page);
  await page.goto(`${ADMIN_URL}/reports`);
  await expect(page.getByRole('heading', { name: 'Reports' })).toBeVisible();
  const row = page.getByTestId(`report-${id}`);
  await expect(row).toContainText(`Levqor governance report, ${start}`);
  await expect(row).toContainText('$87.00');
  const download = page.waitForEvent('download');
  await row.getByRole('link', { name: 'Download PDF' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`levqor-governance-report-${start}.pdf`);
  const res = await page.request.get(`${ADMIN_URL}/reports/${id}/pdf`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  expect(Buffer.compare(await res.body(), pdf)).toBe(0);
  const missing = await page.request.get(`${ADMIN_URL}/reports/rpt_nothere/pdf`);
  expect(missing.status()).toBe(404);
});
