import {
  auditEvents,
  dailyLedger,
  devMail,
  eq,
  inArray,
  incidents,
  metricAnomalies,
  metricRollups,
  recommendations,
  reports,
  stripeEvents,
  subscriptions,
  users,
  workspaces,
} from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createObjection } from '../../privacy/manage-objections';
import { detectAnomalies } from '../detect-anomalies';
import { privacyGate } from '../processing-gate';
import { computeReportFigures } from './report-figures';
import { reportWeek } from './report-period';
import { pdfText, startNotionFake } from './reports.testing';
import { getReportPdf, listReports, mailReport, publishReport, storeReport } from './scheduled-reports';

const db = testDb();
// Sunday 2019-03-31 09:00 GMT… no: the clocks went forward at 01:00 that morning, so 09:00 BST = 08:00 UTC.
const TICK = new Date('2019-03-31T08:00:00Z');
const at = (iso: string) => new Date(iso);

async function makeUserAt(createdAt: string, opts: { admin?: boolean } = {}) {
  const made = await makeUser(opts);
  await db
    .update(users)
    .set({ createdAt: at(createdAt) })
    .where(eq(users.id, made.user.id));
  return made;
}

let seeded: Awaited<ReturnType<typeof seed>>;

/** A week of history (2019-03-24 to 2019-03-30, London) with one user who objects to analytics and profiling. */
async function seed() {
  const admin = await makeUserAt('2019-01-02T10:00:00Z', { admin: true });
  const before = await makeUserAt('2019-02-01T10:00:00Z');
  const a = await makeUserAt('2019-03-25T10:00:00Z');
  const b = await makeUserAt('2019-03-26T10:00:00Z');
  const objector = await makeUserAt('2019-03-27T10:00:00Z');
  // After the week (Sunday 00:30 London): not a signup of this week.
  await makeUserAt('2019-03-31T00:30:00Z');
  for (const purpose of ['analytics', 'profiling'] as const)
    await createObjection(db, {
      userId: objector.user.id,
      actor: objector.user.id,
      source: 'ui',
      input: { purpose },
    });
  // Conversions: a's and the objector's workspaces subscribe this week; before's subscribed earlier.
  for (const [i, ws] of [a, objector, before].entries()) {
    const customer = `cus_rpt_${ws.workspace.id}`;
    await db.update(workspaces).set({ stripeCustomerId: customer }).where(eq(workspaces.id, ws.workspace.id));
    await db.insert(stripeEvents).values({
      id: `evt_rpt_${ws.workspace.id}`,
      type: 'customer.subscription.created',
      created: 1,
      payload: { data: { object: { customer } } },
      receivedAt: ws === before ? at('2019-02-10T10:00:00Z') : at(`2019-03-2${7 + i}T10:00:00Z`),
    });
    await db.insert(subscriptions).values({
      id: `sub_rpt_${ws.workspace.id}`,
      workspaceId: ws.workspace.id,
      customerId: customer,
      status: 'active',
      plan: 'starter',
      version: 1,
    });
  }
  // The daily ledger: the objector's workspace has the lowest margin.
  await db.insert(dailyLedger).values([
    ledgerRow(a.workspace.id, '2019-03-25', 100, 150),
    ledgerRow(b.workspace.id, '2019-03-26', 0, 80),
    ledgerRow(objector.workspace.id, '2019-03-28', 0, 500),
    ledgerRow(a.workspace.id, '2019-03-31', 999, 0), // next week
  ]);
  await db.insert(metricRollups).values([
    { scope: 'platform', metric: 'jobs.created', bucketStart: at('2019-03-25T12:00:00Z'), value: 40 },
    { scope: 'platform', metric: 'jobs.succeeded', bucketStart: at('2019-03-25T12:00:00Z'), value: 37 },
    { scope: 'platform', metric: 'jobs.failed', bucketStart: at('2019-03-25T12:00:00Z'), value: 3 },
  ]);
  const anomaly = (scope: string, bucket: string, explanation: string) => ({
    scope,
    metric: 'jobs.duration_p95',
    bucketStart: at(bucket),
    value: 2400,
    expectedLow: 300,
    expectedHigh: 600,
    method: 'z+iqr',
    explanation,
  });
  await db
    .insert(metricAnomalies)
    .values([
      anomaly('platform', '2019-03-26T14:10:00Z', 'p95 duration 2.4 s vs 300 ms–600 ms usual; 6.1σ'),
      anomaly(a.workspace.id, '2019-03-27T09:00:00Z', 'p95 duration of a: 2.4 s; 5.0σ'),
      anomaly(objector.workspace.id, '2019-03-28T09:00:00Z', 'p95 duration of the objector; 7.0σ'),
    ]);
  await db.insert(auditEvents).values([
    {
      actor: admin.user.id,
      action: 'admin.flag.update',
      target: 'reports.weekly_flag',
      createdAt: at('2019-03-29T15:00:00Z'),
    },
    {
      actor: 'system',
      action: 'stabilize.entered',
      target: 'platform',
      createdAt: at('2019-03-29T16:00:00Z'),
    },
  ]);
  // An incident opened and resolved in the week, one opened the week after; a recommendation applied.
  await db.insert(incidents).values([
    {
      title: 'Report week: API errors',
      impact: 'major',
      components: ['api'],
      status: 'resolved',
      createdBy: admin.user.id,
      createdAt: at('2019-03-27T10:00:00Z'),
      resolvedAt: at('2019-03-27T11:30:00Z'),
    },
    {
      title: 'Report week: next week',
      impact: 'minor',
      components: ['web'],
      createdBy: admin.user.id,
      createdAt: at('2019-04-02T10:00:00Z'),
    },
  ]);
  await db.insert(recommendations).values({
    kind: 'autoscale',
    subject: 'platform',
    period: '2019-03-28',
    title: 'Report week: raise worker concurrency to 12',
    explanation: 'p95 above 10 s',
    inputs: {},
    proposal: {},
    status: 'applied',
    decidedAt: at('2019-03-28T12:00:00Z'),
    decidedBy: admin.user.id,
  });
  return { admin, before, a, b, objector };
}

function ledgerRow(workspaceId: string, day: string, revenueCents: number, costCents: number) {
  return {
    workspaceId,
    day,
    revenueCents,
    aiSpendCents: costCents / 2,
    infraCostCents: costCents / 2,
    marginCents: revenueCents - costCents,
    jobs: 1,
    apiRequests: 1,
  };
}

beforeAll(async () => {
  seeded = await seed();
});

describe('the weekly governance report', () => {
  it('computes the week’s figures from recorded data, without the user who objects', async () => {
    const f = await computeReportFigures(db, { period: reportWeek(TICK), gate: privacyGate(db) });
    const { a, objector } = seeded;
    expect(f.period).toEqual({ start: '2019-03-24', end: '2019-03-31' });
    // admin, before, a, b — the objector (analytics) is not counted, nor the user of the next week.
    expect(f).toMatchObject({ users: 4, signups: 2, conversions: 1, stabilizeEpisodes: 1 });
    expect(f.jobs).toEqual({ created: 40, succeeded: 37, failed: 3 });
    // Money is the business's accounts: every workspace counts (a −50, b −80, objector −500).
    expect(f.margin).toEqual({
      revenueCents: 100,
      aiSpendCents: 365,
      infraCostCents: 365,
      marginCents: -630,
    });
    expect(f.mrrCents).toBeGreaterThanOrEqual(3 * 1900);
    // …but the objector's workspace is never named (profiling), the lowest margins skip it.
    expect(f.lowestMargins.map((m) => m.workspaceId)).not.toContain(objector.workspace.id);
    expect(f.lowestMargins.slice(0, 2)).toEqual([
      { workspaceId: seeded.b.workspace.id, marginCents: -80 },
      { workspaceId: a.workspace.id, marginCents: -50 },
    ]);
    expect(f.anomalies.count).toBe(2);
    expect(f.anomalies.items.map((x) => x.scope)).toEqual(['platform', a.workspace.id]);
    expect(f.flagsChanged).toEqual([
      {
        at: '2019-03-29T15:00:00.000Z',
        action: 'admin.flag.update',
        flag: 'reports.weekly_flag',
        actor: seeded.admin.user.id,
      },
    ]);
    expect(f.incidents).toEqual({
      opened: [
        {
          title: 'Report week: API errors',
          impact: 'major',
          status: 'resolved',
          openedAt: '2019-03-27T10:00:00.000Z',
          resolvedAt: '2019-03-27T11:30:00.000Z',
        },
      ],
      resolved: 1,
    });
    expect(f.recommendationsApplied).toEqual([
      {
        kind: 'autoscale',
        title: 'Report week: raise worker concurrency to 12',
        at: '2019-03-28T12:00:00.000Z',
      },
    ]);
    expect(f.omitted).toEqual([]);
    // Without the gate the objector counts (the test can tell the difference).
    const all = await computeReportFigures(db, { period: reportWeek(TICK) });
    expect(all).toMatchObject({ users: 5, signups: 3, conversions: 2 });
    expect(all.anomalies.count).toBe(3);
    expect(all.lowestMargins[0]).toEqual({ workspaceId: objector.workspace.id, marginCents: -500 });
  });

  it('is stored once per week, renders a PDF that reads back, mails it attached, and lists it', async () => {
    const first = await storeReport(db, { kind: 'weekly', tick: TICK, gate: privacyGate(db) });
    expect(first).toMatchObject({ created: true, periodStart: '2019-03-24', periodEnd: '2019-03-31' });
    const again = await storeReport(db, { kind: 'weekly', tick: new Date(TICK.getTime() + 60_000) });
    expect(again).toMatchObject({ id: first.id, created: false });
    expect(
      await db.select({ id: reports.id }).from(reports).where(eq(reports.periodStart, '2019-03-24')),
    ).toHaveLength(1);

    const file = await getReportPdf(db, first.id);
    expect(file?.filename).toBe('levqor-governance-report-2019-03-24.pdf');
    expect(file!.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, title } = await pdfText(file!.pdf);
    expect(title).toBe('Levqor governance report, 2019-03-24 to 2019-03-30');
    for (const line of [
      'Users: 4',
      'Signups: 2',
      'Conversions: 1',
      'Margin: -$6.30',
      'AI spend: $3.65',
      'Submitted: 40',
      'Failed: 3',
      'Stabilize episodes: 1',
      'Anomalies (2)',
      'Flags changed (1)',
      'reports.weekly_flag',
      '6.1 sigma',
      'Incidents (1 opened, 1 resolved)',
      'Report week: API errors (major, resolved',
      'Recommendations applied (1)',
      'autoscale: Report week: raise worker concurrency to 12',
    ])
      expect(text).toContain(line);
    expect(text).not.toContain(seeded.objector.workspace.id);
    expect(text).not.toContain('objector');

    expect(await mailReport(db, { reportId: first.id })).toBeGreaterThanOrEqual(1);
    expect(await mailReport(db, { reportId: first.id })).toBe(0);
    const mails = await db.select().from(devMail).where(eq(devMail.to, seeded.admin.user.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Levqor governance report, 2019-03-24 to 2019-03-30');
    expect(mails[0]!.text).toContain('Signups: 2');
    const attachments = mails[0]!.attachments as { filename: string; contentType: string; base64: string }[];
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({ filename: file!.filename, contentType: 'application/pdf' });
    expect((await pdfText(Buffer.from(attachments[0]!.base64, 'base64'))).text).toContain('Signups: 2');
    // Nobody who is not an administrator gets it.
    const others = await db
      .select()
      .from(devMail)
      .where(inArray(devMail.to, [seeded.a.user.email, seeded.objector.user.email]));
    expect(others).toEqual([]);

    const listed = await listReports(db, { limit: 200 });
    expect(listed.find((r) => r.id === first.id)).toMatchObject({
      kind: 'weekly',
      hasPdf: true,
      signups: 2,
      marginCents: -630,
      title: 'Levqor governance report, 2019-03-24 to 2019-03-30',
    });
  });

  describe('Notion', () => {
    const token = 'ntn_test_token';
    const databaseId = 'db_levqor_reports';
    let fake: Awaited<ReturnType<typeof startNotionFake>>;
    beforeAll(async () => {
      fake = await startNotionFake({ token, databaseId, titleProperty: 'Report' });
    });
    afterAll(() => fake.close());

    it('publishes the report as a page of the database once; nothing without NOTION_TOKEN', async () => {
      const { id } = await storeReport(db, { kind: 'weekly', tick: TICK });
      expect(await publishReport(db, { reportId: id, env: {} })).toBeNull();
      expect(fake.requests).toHaveLength(0);
      const env = { NOTION_TOKEN: token, NOTION_DATABASE_ID: databaseId, NOTION_API_BASE: fake.url };
      const pageId = await publishReport(db, { reportId: id, env });
      expect(pageId).toBe(fake.pages[0]!.id);
      expect(await publishReport(db, { reportId: id, env })).toBe(pageId);
      expect(fake.pages).toHaveLength(1);
      expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        `GET /v1/databases/${databaseId}`,
        `GET /v1/data_sources/${(fake.pages[0]!.body.parent as { data_source_id: string }).data_source_id}`,
        'POST /v1/pages',
      ]);
      expect(fake.requests.every((r) => r.authorization === `Bearer ${token}` && r.notionVersion)).toBe(true);
      const body = fake.pages[0]!.body as {
        properties: Record<string, { title: { text: { content: string } }[] }>;
        children: { type: string; [k: string]: unknown }[];
      };
      expect(body.properties.Report!.title[0]!.text.content).toBe(
        'Levqor governance report, 2019-03-24 to 2019-03-30',
      );
      const texts = body.children.map(
        (c) => (c[c.type] as { rich_text: { text: { content: string } }[] }).rich_text[0]!.text.content,
      );
      expect(texts).toContain('Signups: 2');
      expect(texts).toContain('Margin: -$6.30');
      const [row] = await db.select().from(reports).where(eq(reports.id, id));
      expect(row!.notionPageId).toBe(pageId);
    });

    it('a wrong token is an error the engine retries (the page is not marked published)', async () => {
      const { id } = await storeReport(db, { kind: 'weekly', tick: new Date('2019-03-24T09:00:00Z') });
      const env = { NOTION_TOKEN: 'ntn_wrong', NOTION_DATABASE_ID: databaseId, NOTION_API_BASE: fake.url };
      await expect(publishReport(db, { reportId: id, env })).rejects.toThrow(/API token is invalid/);
      const [row] = await db.select().from(reports).where(eq(reports.id, id));
      expect(row!.notionPageId).toBeNull();
    });
  });
});

describe('the daily ops summary', () => {
  it('covers yesterday (London), is stored once and mailed once, without a PDF', async () => {
    const tick = new Date('2019-03-26T07:00:00Z');
    const first = await storeReport(db, { kind: 'daily', tick, gate: privacyGate(db) });
    expect(first).toMatchObject({ created: true, periodStart: '2019-03-25', periodEnd: '2019-03-26' });
    expect(await storeReport(db, { kind: 'daily', tick })).toMatchObject({ id: first.id, created: false });
    expect(await getReportPdf(db, first.id)).toBeNull();
    expect(await mailReport(db, { reportId: first.id })).toBeGreaterThanOrEqual(1);
    expect(await mailReport(db, { reportId: first.id })).toBe(0);
    const [mail] = await db
      .select()
      .from(devMail)
      .where(eq(devMail.subject, 'Levqor daily ops summary, 2019-03-25'))
      .limit(1);
    expect(mail!.text).toContain('Signups: 1');
    expect(mail!.text).toContain('Submitted: 40');
    expect(mail!.attachments).toBeNull();
  });
});

describe('anomaly detection honours profiling objections (the real gate)', () => {
  it('does not judge the objecting owner’s workspace; judges the others', async () => {
    const { objector, b } = seeded;
    const spike = new Date('2019-04-10T14:10:00Z');
    const rows = [];
    for (let d = 1; d <= 10; d++)
      for (let m = -60; m <= 60; m += 5) {
        const t = new Date(spike.getTime() - d * 86_400_000 + m * 60_000);
        const v = 300 + ((d * 7 + m + 60) % 300);
        for (const ws of [objector.workspace.id, b.workspace.id])
          rows.push({ scope: ws, metric: 'jobs.duration_p95', bucketStart: t, value: v });
      }
    for (const ws of [objector.workspace.id, b.workspace.id])
      rows.push({ scope: ws, metric: 'jobs.duration_p95', bucketStart: spike, value: 2400 });
    await db.insert(metricRollups).values(rows);
    const found = await detectAnomalies(db, { bucketStart: spike, gate: privacyGate(db) });
    expect(found.map((f) => f.scope)).toEqual([b.workspace.id]);
    const stored = await db.select().from(metricAnomalies).where(eq(metricAnomalies.bucketStart, spike));
    expect(stored.map((s) => s.scope)).toEqual([b.workspace.id]);
  });
});
