import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  alertNotifications,
  alertRules,
  alerts,
  and,
  auditEvents,
  devMail,
  eq,
  inArray,
  metricAnomalies,
  metricRollups,
  sql,
} from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../webhooks/sign-webhook';
import { createAlertRule, inQuietHours } from './alert-rule';
import { dispatchAlerts } from './dispatch-alerts';
import { evaluateAlertRules } from './evaluate-alerts';
import { acknowledgeAlert, listAlerts, resolveAlert } from './manage-alerts';

const db = testDb();
/** LEVQOR_ALERT_WEBHOOK_SECRET: console rules' webhooks are signed with it (none is kept in a rule). */
const SECRET = 'alerts_test_platform_secret_0123456789';
const received: { path: string; headers: IncomingMessage['headers']; body: string }[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    received.push({ path: req.url ?? '', headers: req.headers, body });
    res.writeHead(200).end('ok');
  });
});
let url = '';
const env = { ...process.env, LEVQOR_SSRF_ALLOW: '127.0.0.1,localhost', LEVQOR_ALERT_WEBHOOK_SECRET: SECRET };

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const B1 = new Date('2021-09-07T12:00:00Z');
const B2 = new Date('2021-09-07T12:05:00Z');

async function setup() {
  const { user, workspace } = await makeUser({ admin: true });
  const ws = workspace.id;
  const channels = [
    { type: 'email' as const, to: user.email },
    { type: 'webhook' as const, url: `${url}/hook/${ws}` },
    { type: 'slack' as const, url: `${url}/slack/${ws}` },
  ];
  return { user, ws, channels };
}

describe('alert router', () => {
  it('fires, dedupes repeats, groups related alerts into one message per channel, signs the webhook', async () => {
    const { user, ws, channels } = await setup();
    const failures = await createAlertRule(db, {
      userId: user.id,
      env,
      input: {
        name: 'Failure spike',
        scope: ws,
        metric: 'jobs.failed',
        condition: 'gte',
        threshold: 5,
        severity: 'warning',
        channels,
      },
    });
    await createAlertRule(db, {
      userId: user.id,
      env,
      input: {
        name: 'Slow p95',
        scope: ws,
        metric: 'jobs.duration_p95',
        condition: 'anomaly',
        severity: 'critical',
        channels,
      },
    });
    expect(failures.channels[1]).toEqual({ type: 'webhook', url: `${url}/hook/${ws}` });
    const [stored] = await db.select().from(alertRules).where(eq(alertRules.id, failures.id));
    expect(stored!.channels).toEqual(channels); // no secret kept in the rule
    await db.insert(metricRollups).values([
      { scope: ws, metric: 'jobs.failed', bucketStart: B1, value: 7 },
      { scope: ws, metric: 'jobs.failed', bucketStart: B2, value: 9 },
    ]);
    await db.insert(metricAnomalies).values({
      scope: ws,
      metric: 'jobs.duration_p95',
      bucketStart: B1,
      value: 2400,
      expectedLow: 300,
      expectedHigh: 600,
      zScore: 6.1,
      method: 'z+iqr',
      explanation: 'p95 duration 2.4 s vs 300 ms–600 ms usual for Tuesdays 12:00 UTC; 6.1σ',
    });

    expect(await evaluateAlertRules(db, { bucketStart: B1, scopes: [ws] })).toBe(2);
    expect(await evaluateAlertRules(db, { bucketStart: B1, scopes: [ws] })).toBe(2); // same bucket again
    expect(await evaluateAlertRules(db, { bucketStart: B2, scopes: [ws] })).toBe(1); // the failure rule again
    const open = await db.select().from(alerts).where(eq(alerts.scope, ws));
    expect(open).toHaveLength(2); // deduplicated: one unresolved alert per rule
    const failed = open.find((a) => a.metric === 'jobs.failed')!;
    expect(failed).toMatchObject({ occurrences: 2, value: 9, status: 'open' });
    expect(failed.message).toBe('Failure spike: jobs failed 9 is at or above 5');

    const sent = await dispatchAlerts(db, { now: new Date('2021-09-07T12:06:00Z'), env, scopes: [ws] });
    expect(sent).toMatchObject({ notified: 2, groups: 1, held: 0, escalated: 0 });
    const hooks = received.filter((r) => r.path.endsWith(ws));
    expect(hooks).toHaveLength(2); // one webhook + one Slack message for both alerts
    const hook = hooks.find((h) => h.path.startsWith('/hook'))!;
    expect(verifyWebhook(SECRET, hook.body, String(hook.headers['levqor-signature']))).toBe(true);
    expect(JSON.parse(hook.body)).toMatchObject({ type: 'alert.fired', alerts: [{}, {}] });
    const slack = JSON.parse(hooks.find((h) => h.path.startsWith('/slack'))!.body);
    expect(slack.text).toMatch(/^Levqor \[critical\] 2 alert\(s\) on ws_/);
    expect(slack.blocks[0]).toMatchObject({ type: 'header' });
    expect(slack.text).toContain('6.1σ');
    const mail = await db.select().from(devMail).where(eq(devMail.to, user.email));
    expect(mail.filter((m) => m.subject.startsWith('Levqor [critical] 2 alert(s)'))).toHaveLength(1);
    const notes = await db
      .select()
      .from(alertNotifications)
      .where(inArray(alertNotifications.target, [user.email, `${url}/hook/${ws}`, `${url}/slack/${ws}`]));
    expect(notes.map((n) => [n.channel, n.ok, n.alertIds.length]).sort()).toEqual([
      ['email', true, 2],
      ['slack', true, 2],
      ['webhook', true, 2],
    ]);
    // A second dispatch sends nothing more.
    expect(
      await dispatchAlerts(db, { now: new Date('2021-09-07T12:07:00Z'), env, scopes: [ws] }),
    ).toMatchObject({
      notified: 0,
      escalated: 0,
    });
  });

  it('holds non-critical alerts in quiet hours, escalates unacknowledged ones, acknowledge stops escalation', async () => {
    const { user, ws, channels } = await setup();
    const quiet = { start: '22:00', end: '07:00', time_zone: 'Europe/London' };
    await createAlertRule(db, {
      userId: user.id,
      env,
      input: {
        name: 'Queue',
        scope: ws,
        metric: 'queue.depth',
        condition: 'gt',
        threshold: 100,
        severity: 'warning',
        channels: [channels[2]!],
        quiet_hours: quiet,
        escalate_after_minutes: 15,
        escalate_channels: [channels[1]!],
      },
    });
    await createAlertRule(db, {
      userId: user.id,
      env,
      input: {
        name: 'Errors',
        scope: ws,
        metric: 'api.error_rate',
        condition: 'gt',
        threshold: 0.05,
        severity: 'warning',
        channels: [channels[2]!],
        escalate_after_minutes: 15,
      },
    });
    const night = new Date('2021-09-07T23:00:00Z'); // 00:00 in London (BST)
    await db.insert(metricRollups).values([
      { scope: ws, metric: 'queue.depth', bucketStart: night, value: 500 },
      { scope: ws, metric: 'api.error_rate', bucketStart: night, value: 0.2 },
    ]);
    expect(await evaluateAlertRules(db, { bucketStart: night, scopes: [ws] })).toBe(2);
    const d1 = await dispatchAlerts(db, { now: new Date('2021-09-07T23:01:00Z'), env, scopes: [ws] });
    expect(d1).toMatchObject({ notified: 1, held: 1 });
    const [errorsAlert] = await db
      .select()
      .from(alerts)
      .where(and(eq(alerts.metric, 'api.error_rate'), eq(alerts.scope, ws)));
    await acknowledgeAlert(db, { alertId: errorsAlert!.id, userId: user.id });
    await expect(acknowledgeAlert(db, { alertId: errorsAlert!.id, userId: user.id })).rejects.toMatchObject({
      reason: 'alert-state',
    });
    // 07:05 London: the quiet hours are over — the queue alert goes out now.
    const morning = new Date('2021-09-08T06:05:00Z');
    expect(await dispatchAlerts(db, { now: morning, env, scopes: [ws] })).toMatchObject({
      notified: 1,
      escalated: 0,
    });
    // 15 minutes later, still unacknowledged: escalated to its escalation channel; the acknowledged one is not.
    const before = received.length;
    expect(
      await dispatchAlerts(db, { now: new Date(morning.getTime() + 15 * 60_000), env, scopes: [ws] }),
    ).toMatchObject({ escalated: 1 });
    const esc = received.slice(before);
    expect(esc.map((r) => r.path)).toEqual([`/hook/${ws}`]);
    expect(JSON.parse(esc[0]!.body)).toMatchObject({
      type: 'alert.escalated',
      alerts: [{ metric: 'queue.depth' }],
    });
    expect(
      await dispatchAlerts(db, { now: new Date(morning.getTime() + 60 * 60_000), env, scopes: [ws] }),
    ).toMatchObject({ escalated: 0 });

    // Resolve: audited; the list pages; a resolved alert cannot be resolved again.
    const [queueAlert] = await db
      .select()
      .from(alerts)
      .where(and(eq(alerts.metric, 'queue.depth'), eq(alerts.scope, ws)));
    const resolved = await resolveAlert(db, { alertId: queueAlert!.id, userId: user.id });
    expect(resolved).toMatchObject({ status: 'resolved', resolved_by: user.id });
    await expect(resolveAlert(db, { alertId: queueAlert!.id, userId: user.id })).rejects.toMatchObject({
      reason: 'alert-state',
    });
    await expect(resolveAlert(db, { alertId: 'alr_nope', userId: user.id })).rejects.toMatchObject({
      reason: 'not-found',
    });
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.target, queueAlert!.id));
    expect(audit.map((a) => a.action)).toEqual(['alert.resolved']);
    const page1 = await listAlerts(db, { status: 'resolved', limit: 1 });
    expect(page1.items).toHaveLength(1);
  });

  it('a console webhook needs LEVQOR_ALERT_WEBHOOK_SECRET; a rule takes no secret of its own', async () => {
    const { user, ws, channels } = await setup();
    const input = {
      name: 'Hook',
      scope: ws,
      metric: 'jobs.failed' as const,
      condition: 'gte' as const,
      threshold: 1,
      severity: 'warning' as const,
      channels: [channels[1]!],
    };
    await expect(
      createAlertRule(db, { userId: user.id, env: { LEVQOR_SSRF_ALLOW: '127.0.0.1' }, input }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('LEVQOR_ALERT_WEBHOOK_SECRET'),
    });
    const withSecret = { ...input, channels: [{ ...channels[1]!, secret: 'x'.repeat(40) }] };
    await expect(createAlertRule(db, { userId: user.id, env, input: withSecret as never })).rejects.toThrow(
      /takes no secret/,
    );
    // Signed with the secret of the moment of delivery: change the variable, the next alert uses it.
    await createAlertRule(db, { userId: user.id, env, input });
    const bucket = new Date('2021-09-09T10:00:00Z');
    await db
      .insert(metricRollups)
      .values({ scope: ws, metric: 'jobs.failed', bucketStart: bucket, value: 3 });
    await evaluateAlertRules(db, { bucketStart: bucket, scopes: [ws] });
    const rotated = 'rotated_platform_alert_secret_abcdefghij';
    const before = received.length;
    await dispatchAlerts(db, {
      now: new Date('2021-09-09T10:01:00Z'),
      env: { ...env, LEVQOR_ALERT_WEBHOOK_SECRET: rotated },
      scopes: [ws],
    });
    const [hook] = received.slice(before);
    expect(verifyWebhook(rotated, hook!.body, String(hook!.headers['levqor-signature']))).toBe(true);
    expect(verifyWebhook(SECRET, hook!.body, String(hook!.headers['levqor-signature']))).toBe(false);
  });

  it('migration 0025 strips the secrets rules kept in their channels, and nothing else', async () => {
    const { user, ws } = await setup();
    const legacy = {
      type: 'webhook',
      url: 'https://hooks.example.com/a',
      secret: 'whsec_legacy_copy_0123456789',
    };
    const email = { type: 'email', to: user.email };
    const [rule] = await db
      .insert(alertRules)
      .values({
        name: 'Legacy',
        scope: ws,
        metric: 'jobs.failed',
        condition: 'gte',
        threshold: 1,
        severity: 'info',
        channels: [email, legacy],
        escalateChannels: [legacy],
      })
      .returning();
    const file = readFileSync(
      new URL('../../../../db/drizzle/0025_plan_prices.sql', import.meta.url),
      'utf8',
    );
    const updates = file.split('--> statement-breakpoint').filter((s) => s.includes('UPDATE "alert_rules"'));
    expect(updates).toHaveLength(2);
    for (const statement of updates) await db.execute(sql.raw(statement));
    const [after] = await db.select().from(alertRules).where(eq(alertRules.id, rule!.id));
    expect(after!.channels).toEqual([email, { type: 'webhook', url: 'https://hooks.example.com/a' }]);
    expect(after!.escalateChannels).toEqual([{ type: 'webhook', url: 'https://hooks.example.com/a' }]);
  });

  it('quiet hours wrap past midnight in the rule time zone', () => {
    const q = { start: '22:00', end: '07:00', time_zone: 'Europe/London' };
    expect(inQuietHours(q, new Date('2021-01-10T21:59:00Z'))).toBe(false);
    expect(inQuietHours(q, new Date('2021-01-10T22:00:00Z'))).toBe(true); // GMT in winter
    expect(inQuietHours(q, new Date('2021-07-10T21:30:00Z'))).toBe(true); // 22:30 BST
    expect(inQuietHours(q, new Date('2021-07-11T06:00:00Z'))).toBe(false); // 07:00 BST
  });
});
