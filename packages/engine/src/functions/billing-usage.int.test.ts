import { InngestTestEngine } from '@inngest/test';
import {
  createFeatureFlag,
  createStripeClient,
  type EventSender,
  getBillingStatus,
  isFeatureEnabled,
  monthOf,
  setFlagOverride,
  setMonthlyBudget,
  submitJob,
} from '@levqor/core';
import { billingNotices, costLedger, devMail, eq, like, sql, workspaces } from '@levqor/db';
import { type RunningStandin, startStripeStandin } from '@levqor/stripe-standin';
import { makeUser } from '@levqor/testing';
import { Inngest } from 'inngest';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInngestFunctions } from '../inngest/functions';
import { scheduleCronTicks } from '../local/cron';
import { createWorker } from '../local/worker';
import { silentSink } from '../log';
import { createRegistry, type Registry } from '../registry';
import { closeDb, openTestDb } from '../testing/helpers';
import { billingBudgetAlertsFunction, billingMeterOverageFunction } from './billing';

const db = openTestDb();
let standin: RunningStandin;
let stripe: Stripe;
beforeAll(async () => {
  standin = await startStripeStandin({ webhookSecret: 'whsec_usage', prices: [] });
  process.env.STRIPE_API_BASE = standin.url;
  stripe = createStripeClient()!;
});
afterAll(async () => {
  await standin.close();
  await closeDb(db);
});

/** Settled spend, as job settlements write it (`cents` each), `agoMs` in the past. */
async function settled(workspaceId: string, cents: number[], agoMs = 120_000) {
  const rows = [];
  for (const [i, c] of cents.entries()) {
    const [row] = await db
      .insert(costLedger)
      .values({
        workspaceId,
        jobId: null,
        kind: 'settle',
        amount: c.toFixed(4),
        month: monthOf(),
        // One millisecond apart, in order.
        createdAt: new Date(Date.now() - agoMs + i),
      })
      .returning({ id: costLedger.id });
    rows.push(row!.id);
  }
  return rows;
}

/** Runs a cron definition on the local engine: each call schedules a new past tick and drains it. */
let ticksBack = 200;
async function runLocal(registry: Registry) {
  ticksBack -= 15;
  const from = new Date(Date.now() - ticksBack * 60_000);
  expect(await scheduleCronTicks(db, registry.crons, new Map(), from)).toBe(1);
  await createWorker({ db, registry, concurrency: 1, pollMs: 50, log: silentSink }).drain({
    timeoutMs: 20_000,
  });
  const [run] = await db.execute<{ status: string; output: unknown; last_error: string | null }>(
    sql`select status, output, last_error from engine_runs where function_id = ${registry.crons[0]!.id}
        order by created_at desc limit 1`,
  );
  expect(run?.last_error ?? null).toBeNull();
  expect(run?.status).toBe('succeeded');
  return run!.output as Record<string, unknown>;
}

async function runInngest(registry: Registry) {
  const inngest = new Inngest({ id: 'levqor-billing-usage', isDev: true });
  const [fn] = createInngestFunctions(inngest, registry, { log: silentSink });
  const { result, error } = (await new InngestTestEngine({
    function: fn!,
    events: [{ name: 'inngest/scheduled.timer', data: {}, ts: Date.now() } as never],
  }).execute()) as { result: Record<string, unknown>; error: unknown };
  expect(error).toBeUndefined();
  return result;
}

const mailTo = async (email: string) =>
  db.select({ subject: devMail.subject, text: devMail.text }).from(devMail).where(eq(devMail.to, email));

describe('budget alerts (billing.budget-alerts, every 10 minutes)', () => {
  it('emails at 80% and at 100% of the budget, once per threshold a month, on either engine', async () => {
    const { user, workspace } = await makeUser(); // Free: a $5 budget
    const registry = createRegistry([billingBudgetAlertsFunction(db, { workspaceIds: [workspace.id] })]);
    await settled(workspace.id, [300, 90]); // 78%
    expect(await runLocal(registry)).toEqual({ checked: 0, sent: 0 });
    expect(await mailTo(user.email)).toEqual([]);

    await settled(workspace.id, [20]); // 82%
    expect(await runLocal(registry)).toEqual({ checked: 1, sent: 1 });
    expect(await runLocal(registry)).toEqual({ checked: 1, sent: 0 });
    expect(await runInngest(registry)).toEqual({ checked: 1, sent: 0 });
    const eighty = await mailTo(user.email);
    expect(eighty.map((m) => m.subject)).toEqual([`You have used 80% of your AI budget for ${monthOf()}`]);
    expect(eighty[0]!.text).toContain('Settled AI spend is $4.10 of the $5.00 budget (82%)');
    // The month-end forecast and how it is computed.
    expect(eighty[0]!.text).toMatch(
      /the month ends at about \$\d+\.\d\d: spent and reserved so far plus the mean daily spend of the last 7 days/,
    );

    // The billing page shows the same forecast the email carries.
    const { forecast, spentCents } = await getBillingStatus(db, workspace.id);
    expect(spentCents).toBe(410);
    expect(forecast.trailing_days).toBe(7);
    expect(forecast.month_end_cents).toBeGreaterThanOrEqual(410);
    const emailed = Number(/ends at about \$(\d+\.\d\d)/.exec(eighty[0]!.text)![1]) * 100;
    expect(Math.abs(emailed - forecast.month_end_cents)).toBeLessThan(2); // a few seconds later
    await settled(workspace.id, [100]); // 102%
    expect(await runInngest(registry)).toEqual({ checked: 1, sent: 1 });
    expect(await runLocal(registry)).toEqual({ checked: 1, sent: 0 });
    expect((await mailTo(user.email)).map((m) => m.subject).sort()).toEqual([
      `You have used 80% of your AI budget for ${monthOf()}`,
      `You have used your whole AI budget for ${monthOf()}`,
    ]);
  });

  it('sends only the 100% email when both thresholds are crossed at once; other workspaces hear nothing', async () => {
    const a = await makeUser();
    const b = await makeUser();
    await setMonthlyBudget(db, b.workspace.id, { cents: 1_000_00 }); // above Free's $5: no effect
    const registry = createRegistry([
      billingBudgetAlertsFunction(db, { workspaceIds: [a.workspace.id, b.workspace.id] }),
    ]);
    await settled(a.workspace.id, [600]);
    await settled(b.workspace.id, [100]); // 20%
    expect(await runLocal(registry)).toEqual({ checked: 1, sent: 1 });
    expect((await mailTo(a.user.email)).map((m) => m.subject)).toEqual([
      `You have used your whole AI budget for ${monthOf()}`,
    ]);
    expect(await mailTo(b.user.email)).toEqual([]);
    const keys = await db
      .select({ key: billingNotices.key })
      .from(billingNotices)
      .where(like(billingNotices.key, `budget:${a.workspace.id}:%`));
    expect(keys.map((k) => k.key).sort()).toEqual([
      `budget:${a.workspace.id}:${monthOf()}:100`,
      `budget:${a.workspace.id}:${monthOf()}:80`,
    ]);
  });
});

const noEvents: EventSender = { async send() {}, async flush() {} };

async function overageOn(workspaceId: string, actor: string) {
  await createFeatureFlag(db, {
    actor,
    input: { key: 'billing.overage', reason: 'metered overage tests' },
  }).catch(() => undefined);
  await setFlagOverride(db, {
    actor,
    input: { key: 'billing.overage', workspaceId, enabled: true, reason: 'metered overage tests' },
  });
  // The process's flag snapshot is dropped by the change's NOTIFY.
  for (let i = 0; i < 40 && !(await isFeatureEnabled(db, 'billing.overage', workspaceId)); i++)
    await new Promise((r) => setTimeout(r, 50));
  expect(await isFeatureEnabled(db, 'billing.overage', workspaceId)).toBe(true);
}

describe('metered overage (billing.overage)', () => {
  it('accepts jobs past the included budget and meters the excess once per ledger row across retries and engines', async () => {
    const admin = await makeUser({ admin: true });
    const { user, workspace } = await makeUser(); // Free: $5 included
    const plain = await makeUser();
    const customer = standin.standin.createCustomer({ metadata: { workspace_id: workspace.id } });
    await db.update(workspaces).set({ stripeCustomerId: customer.id }).where(eq(workspaces.id, workspace.id));
    const rows = await settled(workspace.id, [300, 150, 100.5, 60]); // 610.50¢: 110.50¢ over
    await settled(plain.workspace.id, [600]);

    const submit = (ws: string, by: string) =>
      submitJob(db, { workspaceId: ws, submittedBy: by, events: noEvents }, { workflow: 'demo.flow' });
    // Without the flag: refused (both workspaces are past $5).
    await expect(submit(workspace.id, user.id)).rejects.toMatchObject({ reason: 'budget-exceeded' });
    await overageOn(workspace.id, admin.user.id);
    // With it: accepted, on the optimistic path and under the workspace lock (inside a transaction).
    expect((await submit(workspace.id, user.id)).created).toBe(true);
    const locked = await db.transaction((tx) =>
      submitJob(
        tx,
        { workspaceId: workspace.id, submittedBy: user.id, events: noEvents },
        { workflow: 'demo.flow' },
      ),
    );
    expect(locked.created).toBe(true);
    await expect(submit(plain.workspace.id, plain.user.id)).rejects.toMatchObject({
      reason: 'budget-exceeded',
    });

    const meter = createRegistry([
      billingMeterOverageFunction(db, () => stripe, { workspaceIds: [workspace.id, plain.workspace.id] }),
    ]);
    expect(await runLocal(meter)).toEqual({ reported: 2, cents: 110 });
    const events = () =>
      [...standin.standin.meterEvents.values()]
        .filter((e) => (e.payload as { stripe_customer_id: string }).stripe_customer_id === customer.id)
        .map((e) => [e.identifier, (e.payload as { value: string }).value]);
    // ⌊550.50 − 500⌋ = 50 on the third settlement, ⌊110.50⌋ − 50 = 60 on the fourth.
    expect(events()).toEqual([
      [rows[2], '50'],
      [rows[3], '60'],
    ]);
    // Again, on either engine: nothing new.
    expect(await runLocal(meter)).toEqual({ reported: 0, cents: 0 });
    expect(await runInngest(meter)).toEqual({ reported: 0, cents: 0 });
    // A crash after Stripe took the event but before it was recorded: Stripe refuses the identifier.
    await db.delete(billingNotices).where(eq(billingNotices.key, `meter:${rows[2]}`));
    expect(await runInngest(meter)).toEqual({ reported: 0, cents: 0 });
    expect(events()).toHaveLength(2);
    expect(
      await db
        .select()
        .from(billingNotices)
        .where(eq(billingNotices.key, `meter:${rows[2]}`)),
    ).toHaveLength(1);
  });

  it("still refuses past the owner's own lower cap", async () => {
    const admin = await makeUser({ admin: true });
    const { user, workspace } = await makeUser();
    await overageOn(workspace.id, admin.user.id);
    await settled(workspace.id, [399.99]);
    await setMonthlyBudget(db, workspace.id, { cents: 400 });
    const submit = () =>
      submitJob(
        db,
        { workspaceId: workspace.id, submittedBy: user.id, events: noEvents },
        { workflow: 'demo.flow' },
      );
    expect((await submit()).created).toBe(true); // 0.01¢ left
    await expect(submit()).rejects.toMatchObject({ reason: 'budget-exceeded' });
    await expect(
      db.transaction((tx) =>
        submitJob(
          tx,
          { workspaceId: workspace.id, submittedBy: user.id, events: noEvents },
          { workflow: 'demo.flow' },
        ),
      ),
    ).rejects.toMatchObject({ reason: 'budget-exceeded' });
  });
});
