import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createAlertRule,
  createFeatureFlag,
  dispatchAlerts,
  evaluateAlertRules,
  forgetStabilizeState,
  isFeatureEnabled,
  setFlagOverride,
} from '@levqor/core';
import { holdStabilizeLock } from '@levqor/core/intelligence/testing';
import {
  alerts,
  and,
  costLedger,
  dailyLedger,
  devMail,
  eq,
  inArray,
  metricRollups,
  sql,
  subscriptions,
  workspaces,
} from '@levqor/db';
import { makeUser } from '@levqor/testing';
import { Inngest } from 'inngest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInngestHandler } from '../inngest/handler';
import { scheduleCronTicks } from '../local/cron';
import { createWorker } from '../local/worker';
import { silentSink } from '../log';
import { createRegistry, type Registry } from '../registry';
import { closeDb, openTestDb } from '../testing/helpers';
import { runLikeInngestExecutor } from '../testing/inngest-executor';
import { intelligenceLedgerFunction } from './intelligence-ledger';
import { alertsDispatchFunction } from './intelligence-rollup';

/**
 * `intelligence.ledger` and `alerts.dispatch` on both engines: the same definitions run by the local
 * engine's worker (a cron tick scheduled with its deterministic id, then drained) and by Inngest (the
 * served handler, driven over HTTP step by step as the executor does). Either engine first, the other
 * second for the same tick: the same result, and the second run adds nothing.
 */
const db = openTestDb();

// Every test's own workspaces: the dispatch definition only looks at their alerts.
const scopes: string[] = [];
const ledger = intelligenceLedgerFunction(db);
const dispatch = alertsDispatchFunction(db, { alertScopes: scopes });
const served = createRegistry([ledger, dispatch]);

let url = '';
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const handler = createInngestHandler(served, {
    client: new Inngest({ id: 'levqor', isDev: true }),
    log: silentSink,
  }) as unknown as Record<'POST', (req: Request, ctx: unknown) => Promise<Response>>;
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

let unlock: () => Promise<void> = async () => {};
beforeAll(async () => {
  // Stabilize mode pauses the ledger: no other file may switch it on while these run.
  unlock = await holdStabilizeLock(db);
  forgetStabilizeState();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inngest`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await unlock();
  await closeDb(db);
});

/** The local engine: the worker's scheduler inserts the tick's run, a worker drains it; its output. */
async function runLocal(registry: Registry, tick: Date) {
  const id = registry.crons[0]!.id;
  await scheduleCronTicks(db, registry.crons, new Map(), new Date(tick.getTime() - 1000));
  await createWorker({ db, registry, concurrency: 1, pollMs: 50, log: silentSink }).drain({
    timeoutMs: 20_000,
  });
  const runs = await db.execute<{ status: string; output: unknown; last_error: string | null }>(
    sql`select status, output, last_error from engine_runs where dedupe_key = ${`cron:${id}:${tick.toISOString()}`}`,
  );
  expect(runs).toHaveLength(1); // one run per tick, however often it is scheduled
  expect(runs[0]).toMatchObject({ status: 'succeeded', last_error: null });
  return runs[0]!.output;
}

/** Inngest: the served handler, as the executor drives it for the cron event of `tick`, step by step. */
const STEPS: Record<string, string[]> = {
  'intelligence.ledger': ['paused', 'ledger'],
  'alerts.dispatch': ['dispatch'],
};
async function runInngest(functionId: string, tick: Date) {
  const run = await runLikeInngestExecutor({
    url,
    fnId: `levqor-${functionId}`,
    event: { name: 'inngest/scheduled.timer', data: { cron: 'test' }, ts: tick.getTime() },
  });
  expect(run.calls.flatMap((c) => c.ops.map((o) => o.displayName ?? o.name))).toEqual(STEPS[functionId]);
  return run.result;
}

async function overageOn(workspaceId: string, actor: string) {
  await createFeatureFlag(db, {
    actor,
    input: { key: 'billing.overage', reason: 'ledger on both engines' },
  }).catch(() => undefined);
  await setFlagOverride(db, {
    actor,
    input: { key: 'billing.overage', workspaceId, enabled: true, reason: 'ledger on both engines' },
  });
  for (let i = 0; i < 40 && !(await isFeatureEnabled(db, 'billing.overage', workspaceId)); i++)
    await new Promise((r) => setTimeout(r, 50));
  expect(await isFeatureEnabled(db, 'billing.overage', workspaceId)).toBe(true);
}

/** A Starter workspace billed through March 2020, with settlements and rollups on the ledger's days. */
async function starterWithSpend(days: Record<string, number[]>) {
  const { workspace } = await makeUser();
  const tag = randomBytes(4).toString('hex');
  await db
    .update(workspaces)
    .set({ plan: 'starter', stripeCustomerId: `cus_${tag}` })
    .where(eq(workspaces.id, workspace.id));
  await db.insert(subscriptions).values({
    id: `sub_${tag}`,
    workspaceId: workspace.id,
    customerId: `cus_${tag}`,
    status: 'active',
    plan: 'starter',
    currentPeriodStart: new Date('2020-03-01T00:00:00Z'),
    currentPeriodEnd: new Date('2020-04-01T00:00:00Z'),
    version: 1,
  });
  for (const [day, cents] of Object.entries(days)) {
    for (const [i, c] of cents.entries())
      await db.insert(costLedger).values({
        workspaceId: workspace.id,
        jobId: null,
        kind: 'settle',
        amount: c.toFixed(4),
        month: day.slice(0, 7),
        createdAt: new Date(Date.parse(`${day}T09:00:00Z`) + i),
      });
    await db.insert(metricRollups).values([
      { scope: workspace.id, metric: 'jobs.created', bucketStart: new Date(`${day}T09:00:00Z`), value: 100 },
      {
        scope: workspace.id,
        metric: 'ai.spend_cents',
        bucketStart: new Date(`${day}T09:00:00Z`),
        value: cents.reduce((a, b) => a + b, 0),
      },
    ]);
  }
  return workspace.id;
}

const near = (n: number) => expect.closeTo(n, 6);

async function ledgerRows(workspaceIds: string[]) {
  const rows = await db
    .select()
    .from(dailyLedger)
    .where(inArray(dailyLedger.workspaceId, workspaceIds))
    .orderBy(dailyLedger.workspaceId, dailyLedger.day);
  return rows.map(({ updatedAt: _, ...r }) => r);
}

describe('intelligence.ledger on both engines', () => {
  it('computes the two previous days once, overage revenue included, whichever engine runs the tick first', async () => {
    const admin = await makeUser({ admin: true });
    // March 2020 has 31 days: Starter's $29 is 93.55¢ a day; $20 of AI spend is included.
    const share = Math.round((2900 / 31) * 100) / 100;
    const first = ['2020-03-10', '2020-03-11'] as const; // the tick of the 12th, 00:20
    const second = ['2020-03-17', '2020-03-18'] as const; // the tick of the 19th, 00:20
    // a: 2050.50¢ by the 11th, 50¢ of overage that day; b: 500¢ over on the 17th, 10¢ more on the 18th.
    const a = await starterWithSpend({ [first[0]]: [1800], [first[1]]: [150, 100.5] });
    const b = await starterWithSpend({ [second[0]]: [2500], [second[1]]: [10] });
    await overageOn(a, admin.user.id);
    await overageOn(b, admin.user.id);
    const ledgerOnly = createRegistry([ledger]);

    // Tick 1: the local engine first, then Inngest for the same tick.
    const tick1 = new Date('2020-03-12T00:20:00Z');
    const local1 = await runLocal(ledgerOnly, tick1);
    expect(local1).toMatchObject({ days: [...first] });
    const afterLocal = await ledgerRows([a]);
    expect(afterLocal.map((r) => [r.day, r.revenueCents, r.aiSpendCents, r.plan])).toEqual([
      [first[0], near(share), 1800, 'starter'],
      [first[1], near(share + 50), 250.5, 'starter'], // ⌊2050.50 − 2000⌋ = 50¢ of overage
    ]);
    expect(await runInngest('intelligence.ledger', tick1)).toEqual(local1);
    expect(await ledgerRows([a])).toEqual(afterLocal); // the same rows, not new ones

    // Tick 2: Inngest first, then the local engine for the same tick.
    const tick2 = new Date('2020-03-19T00:20:00Z');
    const inngest2 = await runInngest('intelligence.ledger', tick2);
    expect(inngest2).toMatchObject({ days: [...second] });
    const afterInngest = await ledgerRows([b]);
    expect(afterInngest.map((r) => [r.day, r.revenueCents, r.marginCents])).toEqual([
      // 500¢ over on the 17th: revenue 593.55¢; cost 2500¢ of AI + 100 jobs × 0.05¢.
      [second[0], near(share + 500), near(share + 500 - 2500 - 5)],
      [second[1], near(share + 10), near(share + 10 - 10 - 5)],
    ]);
    expect(await runLocal(ledgerOnly, tick2)).toEqual(inngest2);
    expect(await ledgerRows([b])).toEqual(afterInngest);
    // Each workspace has exactly its two days, each once.
    const keys = (await ledgerRows([a, b])).map((r) => `${r.workspaceId === a ? 'a' : 'b'}:${r.day}`);
    expect(keys.sort()).toEqual([`a:${first[0]}`, `a:${first[1]}`, `b:${second[0]}`, `b:${second[1]}`]);
  });
});

describe('alerts.dispatch on both engines', () => {
  it('notifies and escalates each alert once per tick, whichever engine runs it first', async () => {
    // Other test files run full workers whose alerts.dispatch (every alert, at the real time) would take
    // these alerts first: their rule's quiet hours cover the real time (an hour ago to three hours on) and
    // the ticks below are twelve hours away from it, so only these runs ever send them.
    const hour = new Date().getUTCHours();
    const hh = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
    const quiet = { start: hh(hour - 1), end: hh(hour + 3), time_zone: 'UTC' };
    const bucket = new Date(Date.UTC(2020, 4, 5, (hour + 12) % 24));
    const at = (minutes: number) => new Date(bucket.getTime() + minutes * 60_000);
    const fresh = async () => {
      const { user, workspace } = await makeUser();
      scopes.push(workspace.id);
      await createAlertRule(db, {
        userId: user.id,
        input: {
          name: 'Failures',
          scope: workspace.id,
          metric: 'jobs.failed',
          condition: 'gte',
          threshold: 3,
          severity: 'warning',
          channels: [{ type: 'email', to: user.email }],
          quiet_hours: quiet,
          escalate_after_minutes: 10,
          escalate_channels: [{ type: 'email', to: `oncall+${workspace.id.toLowerCase()}@levqor.test` }],
        },
      });
      await db
        .insert(metricRollups)
        .values({ scope: workspace.id, metric: 'jobs.failed', bucketStart: bucket, value: 7 });
      expect(await evaluateAlertRules(db, { bucketStart: bucket, scopes: [workspace.id] })).toBe(1);
      // What a dispatcher running at the real time does with it: holds it.
      expect(await dispatchAlerts(db, { now: new Date(), scopes: [workspace.id] })).toMatchObject({
        notified: 0,
        held: 1,
      });
      return { user, ws: workspace.id };
    };
    const mail = async (to: string[]) =>
      (
        await db
          .select({ to: devMail.to, subject: devMail.subject })
          .from(devMail)
          .where(inArray(devMail.to, to))
      )
        .map((m) => `${m.to.startsWith('oncall') ? 'oncall' : 'owner'}: ${m.subject}`)
        .sort();
    const dispatchOnly = createRegistry([dispatch]);
    const notified = { notified: 1, groups: 1, held: 0, escalated: 0 };
    const escalated = { notified: 0, groups: 0, held: 0, escalated: 1 };
    const nothing = { notified: 0, groups: 0, held: 0, escalated: 0 };

    // First alert: the local engine first at each tick, then Inngest for the same tick.
    const one = await fresh();
    const t1 = at(6);
    expect(await runLocal(dispatchOnly, t1)).toEqual(notified);
    expect(await runInngest('alerts.dispatch', t1)).toEqual(nothing);
    const t1Escalate = at(16);
    expect(await runLocal(dispatchOnly, t1Escalate)).toEqual(escalated);
    expect(await runInngest('alerts.dispatch', t1Escalate)).toEqual(nothing);

    // Second alert: Inngest first at each tick, then the local engine — the same results.
    const two = await fresh();
    const t2 = at(26);
    expect(await runInngest('alerts.dispatch', t2)).toEqual(notified);
    expect(await runLocal(dispatchOnly, t2)).toEqual(nothing);
    const t2Escalate = at(36);
    expect(await runInngest('alerts.dispatch', t2Escalate)).toEqual(escalated);
    expect(await runLocal(dispatchOnly, t2Escalate)).toEqual(nothing);

    // The same records and mail for both: one notification to the owner, one escalation to on-call.
    for (const { user, ws } of [one, two]) {
      const [alert] = await db
        .select()
        .from(alerts)
        .where(and(eq(alerts.scope, ws), eq(alerts.status, 'open')));
      expect(alert!.notifiedAt).not.toBeNull();
      expect(alert!.escalatedAt).not.toBeNull();
      const sent = await mail([user.email, `oncall+${ws.toLowerCase()}@levqor.test`]);
      expect(sent).toHaveLength(2);
      expect(sent[0]).toMatch(/^oncall: /);
      expect(sent[1]).toMatch(/^owner: Levqor \[warning\] 1 alert\(s\)/);
    }
    const [m1, m2] = [await mail([one.user.email]), await mail([two.user.email])];
    expect(m1.map((s) => s.replace(one.ws, 'ws'))).toEqual(m2.map((s) => s.replace(two.ws, 'ws')));
  });
});
