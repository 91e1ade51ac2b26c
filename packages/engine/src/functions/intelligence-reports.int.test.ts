import { InngestTestEngine } from '@inngest/test';
import { createObjection } from '@levqor/core';
import { pdfText, startNotionFake } from '@levqor/core/intelligence/reports/testing';
import { devMail, eq, reports, sql, users } from '@levqor/db';
import { makeUser } from '@levqor/testing';
import { Inngest } from 'inngest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInngestFunctions } from '../inngest/functions';
import { cronDedupeKey, scheduleCronTicks } from '../local/cron';
import { createWorker } from '../local/worker';
import { silentSink } from '../log';
import { createRegistry } from '../registry';
import { closeDb, openTestDb } from '../testing/helpers';
import { dailySummaryFunction, WEEKLY_REPORT_CRON, weeklyReportFunction } from './intelligence-reports';

const db = openTestDb();
const token = 'ntn_engine_test';
const databaseId = 'db_engine_reports';
let fake: Awaited<ReturnType<typeof startNotionFake>>;
let env: Record<string, string | undefined>;
let admin: Awaited<ReturnType<typeof makeUser>>;

async function makeUserAt(createdAt: string, opts: { admin?: boolean } = {}) {
  const made = await makeUser(opts);
  await db
    .update(users)
    .set({ createdAt: new Date(createdAt) })
    .where(eq(users.id, made.user.id));
  return made;
}

beforeAll(async () => {
  fake = await startNotionFake({ token, databaseId });
  env = { ...process.env, NOTION_TOKEN: token, NOTION_DATABASE_ID: databaseId, NOTION_API_BASE: fake.url };
  // The week of 2020-03-22 (London): one signup counted, one who objects to all processing.
  admin = await makeUserAt('2020-01-05T10:00:00Z', { admin: true });
  await makeUserAt('2020-03-23T10:00:00Z');
  const objector = await makeUserAt('2020-03-23T11:00:00Z');
  await createObjection(db, {
    userId: objector.user.id,
    actor: objector.user.id,
    source: 'ui',
    input: { purpose: 'all' },
  });
});
afterAll(async () => {
  await fake.close();
  await closeDb(db);
});

const inngestRun = async (registry: ReturnType<typeof createRegistry>, tick: Date) => {
  const inngest = new Inngest({ id: 'levqor-reports', isDev: true });
  const [fn] = createInngestFunctions(inngest, registry, { log: silentSink });
  const out = (await new InngestTestEngine({
    function: fn!,
    events: [{ name: 'inngest/scheduled.timer', data: {}, ts: tick.getTime() } as never],
  }).execute()) as { result: Record<string, unknown>; error: unknown };
  return { ...out, fn: fn! };
};

describe('intelligence.weekly-report on both engines', () => {
  it('fires Sunday 09:00 BST on the local engine, stores, mails and publishes once; Inngest’s rerun adds nothing', async () => {
    const registry = createRegistry([weeklyReportFunction(db, { env })]);
    // 2020-03-29: the clocks went forward at 01:00, so 09:00 London is 08:00 UTC.
    const tick = new Date('2020-03-29T08:00:00Z');
    expect(await scheduleCronTicks(db, registry.crons, new Map(), new Date('2020-03-29T06:30:00Z'))).toBe(1);
    const [scheduled] = await db.execute<{ run_at: string }>(
      sql`select run_at from engine_runs where dedupe_key = ${cronDedupeKey('intelligence.weekly-report', tick)}`,
    );
    expect(new Date(scheduled!.run_at).toISOString()).toBe(tick.toISOString());
    await createWorker({ db, registry, concurrency: 1, pollMs: 50 }).drain({ timeoutMs: 30_000 });
    const [run] = await db.execute<{ status: string; output: Record<string, unknown> }>(
      sql`select status, output from engine_runs where dedupe_key = ${cronDedupeKey('intelligence.weekly-report', tick)}`,
    );
    expect(run).toMatchObject({
      status: 'succeeded',
      output: { kind: 'weekly', periodStart: '2020-03-22', periodEnd: '2020-03-29', created: true },
    });
    expect(run!.output.mailed).toBeGreaterThanOrEqual(1);
    expect(run!.output.notionPageId).toBe(fake.pages[0]!.id);

    const [mail] = await db.select().from(devMail).where(eq(devMail.to, admin.user.email));
    expect(mail!.subject).toBe('Levqor governance report, 2020-03-22 to 2020-03-28');
    const [attachment] = mail!.attachments as { base64: string }[];
    const { text } = await pdfText(Buffer.from(attachment!.base64, 'base64'));
    expect(text).toContain('Signups: 1');

    // Inngest runs the same definition with the cron passed through in Inngest's own TZ syntax.
    const { result, error, fn } = await inngestRun(registry, tick);
    expect(fn.opts.triggers).toEqual([{ cron: WEEKLY_REPORT_CRON }]);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({
      id: run!.output.id,
      created: false,
      mailed: 0,
      notionPageId: run!.output.notionPageId,
    });
    expect(
      await db.select({ id: reports.id }).from(reports).where(eq(reports.periodStart, '2020-03-22')),
    ).toHaveLength(1);
    expect(fake.pages).toHaveLength(1);
    expect(await db.select().from(devMail).where(eq(devMail.to, admin.user.email))).toHaveLength(1);
  });
});

describe('intelligence.daily-summary on both engines', () => {
  it('Inngest sends yesterday’s summary at 07:00 London; the local engine’s run of the same tick sends nothing more', async () => {
    const registry = createRegistry([dailySummaryFunction(db, { env })]);
    const tick = new Date('2020-03-24T07:00:00Z');
    const { result, error } = await inngestRun(registry, tick);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({
      kind: 'daily',
      periodStart: '2020-03-23',
      created: true,
      notionPageId: null,
    });
    expect(result.mailed).toBeGreaterThanOrEqual(1);

    expect(await scheduleCronTicks(db, registry.crons, new Map(), new Date('2020-03-24T06:30:00Z'))).toBe(1);
    await createWorker({ db, registry, concurrency: 1, pollMs: 50 }).drain({ timeoutMs: 30_000 });
    const [run] = await db.execute<{ output: Record<string, unknown> }>(
      sql`select output from engine_runs where dedupe_key = ${cronDedupeKey('intelligence.daily-summary', tick)}`,
    );
    expect(run!.output).toMatchObject({ id: result.id, created: false, mailed: 0 });
    const mails = await db
      .select()
      .from(devMail)
      .where(eq(devMail.subject, 'Levqor daily ops summary, 2020-03-23'));
    expect(mails.filter((m) => m.to === admin.user.email)).toHaveLength(1);
    // The objector (all purposes) is not counted: one signup that day, not two.
    expect(mails[0]!.text).toContain('Signups: 1');
    expect(fake.pages).toHaveLength(1);
  });
});
