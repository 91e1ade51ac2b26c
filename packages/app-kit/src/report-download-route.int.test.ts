import { storeReport } from '@levqor/core';
import { pdfText } from '@levqor/core/intelligence/reports/testing';
import { auditEvents, eq } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { reportDownloadHandler } from './report-download-route';

type Who = { id: string; role: 'user' | 'admin' } | null;

const get = (id: string, who: Who) =>
  reportDownloadHandler(
    new Request(`http://admin.test/reports/${encodeURIComponent(id)}/pdf`),
    { params: Promise.resolve({ id }) },
    { sessionUser: async () => who },
  );

describe('GET /reports/[id]/pdf (admin console)', () => {
  it('serves the PDF to administrators only, audited; everyone else gets a problem+json 4xx', async () => {
    const { user: admin } = await makeUser({ admin: true });
    const { user } = await makeUser();
    const report = await storeReport(testDb(), { kind: 'weekly', tick: new Date('2018-06-10T08:00:00Z') });
    const daily = await storeReport(testDb(), { kind: 'daily', tick: new Date('2018-06-10T06:00:00Z') });

    for (const [id, who, status] of [
      [report.id, null, 401],
      [report.id, { id: user.id, role: 'user' }, 403],
      ['../../etc/passwd', { id: admin.id, role: 'admin' }, 400],
      ['rpt_doesnotexist', { id: admin.id, role: 'admin' }, 404],
      [daily.id, { id: admin.id, role: 'admin' }, 404],
    ] as [string, Who, number][]) {
      const res = await get(id, who);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const body = (await res.json()) as { status: number; detail: string };
      expect(body.status).toBe(status);
      expect(body.detail.length).toBeGreaterThan(5);
    }

    const res = await get(report.id, { id: admin.id, role: 'admin' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="levqor-governance-report-2018-06-03.pdf"',
    );
    const { text } = await pdfText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain('Levqor governance report, 2018-06-03 to 2018-06-09');
    const audit = await testDb().select().from(auditEvents).where(eq(auditEvents.target, report.id));
    expect(audit).toMatchObject([{ actor: admin.id, action: 'admin.report.download' }]);
  });
});
