import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  alertNotifications,
  alertRules,
  alerts,
  and,
  arrayOverlaps,
  costLedger,
  eq,
  metricRollups,
  workspaces,
} from '@levqor/db';
import { makeMember, makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import type { EventSender } from '../../events/events';
import { submitJob } from '../../jobs/submit-job';
import { monthOf } from '../../usage/budget';
import { rotateWebhookSecret } from '../../webhooks/manage-webhooks';
import { verifyWebhook } from '../../webhooks/sign-webhook';
import { dispatchAlerts, notifyChannels } from './dispatch-alerts';
import { evaluateAlertRules } from './evaluate-alerts';
import {
  acknowledgeWorkspaceAlert,
  checkBudgetAlerts,
  ensureRulesForFailingWorkspaces,
  getWorkspaceAlertSettings,
  listWorkspaceAlerts,
  setWorkspaceAlertChannel,
  setWorkspaceFailureThreshold,
} from './workspace-alerts';

const db = testDb();
const events: EventSender = { send: async () => {}, flush: async () => {} };

async function spend(workspaceId: string, userId: string, cents: string) {
  const { job } = await submitJob(
    db,
    { workspaceId, submittedBy: userId, events },
    { workflow: 'demo.flow' },
  );
  await db
    .insert(costLedger)
    .values({ workspaceId, jobId: job.id, kind: 'settle', amount: cents, month: monthOf() });
}

describe("customers' alerts", () => {
  it('budget alerts are not emailed twice: billing mails the owners (with the forecast); webhooks and Slack still get them', async () => {
    const email = { type: 'email' as const, to: 'owner@example.com' };
    const slack = { type: 'slack' as const, url: 'https://hooks.example.com/x' };
    expect(
      notifyChannels({ metric: 'budget.share', managedBy: 'workspace', channels: [email, slack] }),
    ).toEqual([slack]);
    expect(notifyChannels({ metric: 'jobs.failed', managedBy: 'workspace', channels: [email] })).toEqual([
      email,
    ]);

    const a = await makeUser({ label: 'alerts-mail' });
    await spend(a.workspace.id, a.user.id, '400.0000');
    expect(await checkBudgetAlerts(db, { now: new Date(), scopes: [a.workspace.id] })).toBe(1);
    const sent = await dispatchAlerts(db, { now: new Date(), scopes: [a.workspace.id] });
    expect(sent.notified).toBe(1); // handled: listed on the dashboard, not sent again later
    const ids = (await db.select({ id: alerts.id }).from(alerts).where(eq(alerts.scope, a.workspace.id))).map(
      (r) => r.id,
    );
    expect(
      await db.select().from(alertNotifications).where(arrayOverlaps(alertNotifications.alertIds, ids)),
    ).toEqual([]);
  });

  it('budget 80/100% once a month, failure spikes; members see their workspace only, owners acknowledge and set the channel', async () => {
    const a = await makeUser({ label: 'alerts-a' });
    const b = await makeUser({ label: 'alerts-b' });
    const member = await makeMember(a.workspace.id);
    const A = a.workspace.id;

    // Free plan: $5 budget. $4 spent = 80%: one alert, however often checked.
    await spend(A, a.user.id, '400.0000');
    expect(await checkBudgetAlerts(db, { now: new Date(), scopes: [A] })).toBe(1);
    expect(await checkBudgetAlerts(db, { now: new Date(), scopes: [A] })).toBe(1);
    let list = await listWorkspaceAlerts(db, { workspaceId: A, userId: member.user.id, input: {} });
    expect(list.can_manage).toBe(false);
    expect(list.items).toEqual([
      expect.objectContaining({
        severity: 'warning',
        occurrences: 1,
        message: expect.stringMatching(/^Budget 80%: 80% of the \d{4}-\d{2} budget spent$/),
      }),
    ]);
    await spend(A, a.user.id, '100.0000');
    await checkBudgetAlerts(db, { now: new Date(), scopes: [A] });
    list = await listWorkspaceAlerts(db, { workspaceId: A, userId: a.user.id, input: {} });
    expect(list.can_manage).toBe(true);
    expect(list.items.map((i) => i.message.split(':')[0]).sort()).toEqual(['Budget 100%', 'Budget 80%']);

    // Failure spike: 6 failed jobs in a bucket → the workspace's own rule exists and fires.
    const bucket = new Date('2021-10-05T10:00:00Z');
    await db.insert(metricRollups).values({ scope: A, metric: 'jobs.failed', bucketStart: bucket, value: 6 });
    expect(await ensureRulesForFailingWorkspaces(db, bucket, [A])).toBe(1);
    await evaluateAlertRules(db, { bucketStart: bucket, scopes: [A] });
    list = await listWorkspaceAlerts(db, { workspaceId: A, userId: a.user.id, input: { status: 'open' } });
    expect(list.items.map((i) => i.message)).toContain('Failure spike: jobs failed 6 is at or above 5');

    // Tenant isolation: B sees none of A's, cannot list A, cannot acknowledge A's alert.
    expect(
      (await listWorkspaceAlerts(db, { workspaceId: b.workspace.id, userId: b.user.id, input: {} })).items,
    ).toEqual([]);
    await expect(
      listWorkspaceAlerts(db, { workspaceId: A, userId: b.user.id, input: {} }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const target = list.items[0]!.id;
    await expect(
      acknowledgeWorkspaceAlert(db, { workspaceId: b.workspace.id, userId: b.user.id, alertId: target }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      acknowledgeWorkspaceAlert(db, { workspaceId: A, userId: b.user.id, alertId: target }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A member reads but does not acknowledge; the owner does.
    await expect(
      acknowledgeWorkspaceAlert(db, { workspaceId: A, userId: member.user.id, alertId: target }),
    ).rejects.toMatchObject({ reason: 'owner-only' });
    expect(
      await acknowledgeWorkspaceAlert(db, { workspaceId: A, userId: a.user.id, alertId: target }),
    ).toMatchObject({
      status: 'acknowledged',
      acknowledged_by: a.user.id,
    });

    // The channel: the owner's email by default; webhooks pass the SSRF guard.
    const settings = await getWorkspaceAlertSettings(db, { workspaceId: A, userId: member.user.id });
    expect(settings.channel).toEqual({ type: 'email', to: a.user.email });
    expect(settings.rules.map((r) => r.name)).toEqual(['Budget 100%', 'Budget 80%', 'Failure spike']);
    await expect(
      setWorkspaceAlertChannel(db, {
        workspaceId: A,
        userId: member.user.id,
        input: { type: 'slack', url: 'https://hooks.example.com/x' },
      }),
    ).rejects.toMatchObject({ reason: 'owner-only' });
    await expect(
      setWorkspaceAlertChannel(db, {
        workspaceId: A,
        userId: a.user.id,
        env: {},
        input: { type: 'webhook', url: 'http://127.0.0.1:9/hook' },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', details: { field: 'url' } });
    await expect(
      setWorkspaceAlertChannel(db, {
        workspaceId: A,
        userId: a.user.id,
        input: { type: 'webhook', url: 'ftp://x.example/y' } as never,
      }),
    ).rejects.toThrow();

    // A signed webhook to a local receiver (allow-listed as in development) gets the open alerts.
    const received: { body: string; signature: string | undefined }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ body, signature: req.headers['levqor-signature'] as string | undefined });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/levqor`;
    const env = { LEVQOR_SSRF_ALLOW: '127.0.0.1' };
    const set = await setWorkspaceAlertChannel(db, {
      workspaceId: A,
      userId: a.user.id,
      env,
      input: { type: 'webhook', url },
    });
    expect(set.channel).toEqual({ type: 'webhook', url });
    const [rule] = await db
      .select({ channels: alertRules.channels })
      .from(alertRules)
      .where(and(eq(alertRules.scope, A), eq(alertRules.name, 'Failure spike')));
    expect(rule!.channels).toEqual([{ type: 'webhook', url }]); // no copy of the signing secret
    // The owner rotates the workspace's signing secret after setting the channel: the next delivery is
    // signed with the new one (read at delivery), and the old one no longer verifies it.
    const [before] = await db
      .select({ secret: workspaces.webhookSecret })
      .from(workspaces)
      .where(eq(workspaces.id, A));
    const { secret: rotated } = await rotateWebhookSecret(db, { workspaceId: A, userId: a.user.id });
    expect(rotated).not.toBe(before!.secret);
    // The alerts raised before the change went to the owner's email; reopen one to see the new channel.
    await db
      .update(alerts)
      .set({ notifiedAt: null })
      .where(and(eq(alerts.scope, A), eq(alerts.status, 'open')));
    const r = await dispatchAlerts(db, { now: new Date(), scopes: [A], env });
    expect(r.notified).toBe(2);
    server.close();
    expect(received).toHaveLength(1);
    expect(verifyWebhook(rotated, received[0]!.body, received[0]!.signature!)).toBe(true);
    expect(verifyWebhook(before!.secret, received[0]!.body, received[0]!.signature!)).toBe(false);
    expect(JSON.parse(received[0]!.body)).toMatchObject({
      type: 'alert.fired',
      alerts: [expect.anything(), expect.anything()],
    });
  });

  it('failure spikes fire at the threshold the owner set (default 5 when the rule is created)', async () => {
    const a = await makeUser({ label: 'alerts-threshold' });
    const member = await makeMember(a.workspace.id);
    const A = a.workspace.id;
    const failed = async (at: string, value: number) => {
      const bucket = new Date(at);
      await db.insert(metricRollups).values({ scope: A, metric: 'jobs.failed', bucketStart: bucket, value });
      await ensureRulesForFailingWorkspaces(db, bucket, [A]);
      await evaluateAlertRules(db, { bucketStart: bucket, scopes: [A] });
      return (await listWorkspaceAlerts(db, { workspaceId: A, userId: a.user.id, input: {} })).items.filter(
        (i) => i.metric === 'jobs.failed',
      );
    };
    // No rule yet: 4 failures are under the default 5, nothing is created or raised.
    expect(await failed('2021-11-02T10:00:00Z', 4)).toEqual([]);
    // Members cannot change it; the bounds are checked.
    await expect(
      setWorkspaceFailureThreshold(db, { workspaceId: A, userId: member.user.id, input: { threshold: 2 } }),
    ).rejects.toMatchObject({ reason: 'owner-only' });
    await expect(
      setWorkspaceFailureThreshold(db, { workspaceId: A, userId: a.user.id, input: { threshold: 0 } }),
    ).rejects.toThrow('The threshold is at least 1 failed job');
    // Raised to 50: 20 failures are no spike.
    const raised = await setWorkspaceFailureThreshold(db, {
      workspaceId: A,
      userId: a.user.id,
      input: { threshold: 50 },
    });
    expect(raised.failure_threshold).toBe(50);
    expect(await failed('2021-11-02T10:05:00Z', 20)).toEqual([]);
    // Lowered to 3: 4 failures are.
    await setWorkspaceFailureThreshold(db, { workspaceId: A, userId: a.user.id, input: { threshold: 3 } });
    const fired = await failed('2021-11-02T10:10:00Z', 4);
    expect(fired.map((i) => i.message)).toEqual(['Failure spike: jobs failed 4 is at or above 3']);
    const [rule] = await db
      .select({ threshold: alertRules.threshold })
      .from(alertRules)
      .where(and(eq(alertRules.scope, A), eq(alertRules.name, 'Failure spike')));
    expect(rule!.threshold).toBe(3);
  });
});
