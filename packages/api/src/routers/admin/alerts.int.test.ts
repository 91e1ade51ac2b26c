import { evaluateAlertRules } from '@levqor/core';
import { auditEvents, eq, metricRollups } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import type { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { callerFor } from '../../test-client';

describe('admin.alerts', () => {
  it('creates a rule, lists its alert, acknowledges and resolves it — each with a reason, audited; bad input is a 400 with a message', async () => {
    const { user, workspace } = await makeUser({ admin: true });
    const admin = callerFor({ id: user.id, email: user.email, name: user.name, role: 'admin' });
    const rule = await admin.admin.alerts.createRule({
      name: 'Failures',
      scope: workspace.id,
      metric: 'jobs.failed',
      condition: 'gt',
      threshold: 3,
      severity: 'warning',
      channels: [{ type: 'email', to: user.email }],
      reason: 'watch this customer’s failures',
    });
    const bad = await admin.admin.alerts
      .createRule({
        ...rule,
        condition: 'gt',
        threshold: undefined,
        channels: [{ type: 'email', to: user.email }],
        reason: 'a rule without a threshold',
      } as never)
      .catch((e: unknown) => e);
    expect((bad as TRPCError).code).toBe('BAD_REQUEST');
    const bucket = new Date('2021-10-01T10:00:00Z');
    await testDb()
      .insert(metricRollups)
      .values({ scope: workspace.id, metric: 'jobs.failed', bucketStart: bucket, value: 8 });
    await evaluateAlertRules(testDb(), { bucketStart: bucket, scopes: [workspace.id] });
    const { items } = await admin.admin.alerts.list({ status: 'open', limit: 100 });
    const alert = items.find((a) => a.rule_id === rule.id)!;
    expect(alert).toMatchObject({ status: 'open', value: 8, message: 'Failures: jobs failed 8 is above 3' });
    // A reason is required: without one (or too short) nothing changes.
    for (const reason of [undefined, 'no']) {
      const refused = await admin.admin.alerts
        .acknowledge({ id: alert.id, reason } as never)
        .catch((e: unknown) => e);
      expect((refused as TRPCError).code).toBe('BAD_REQUEST');
    }
    expect((await admin.admin.alerts.list({ status: 'open', limit: 100 })).items).toContainEqual(
      expect.objectContaining({ id: alert.id, status: 'open' }),
    );
    expect(
      await admin.admin.alerts.acknowledge({ id: alert.id, reason: 'on it, customer contacted' }),
    ).toMatchObject({ status: 'acknowledged', acknowledged_by: user.id });
    const again = await admin.admin.alerts
      .acknowledge({ id: alert.id, reason: 'acknowledging twice' })
      .catch((e: unknown) => e);
    expect((again as TRPCError).code).toBe('CONFLICT');
    expect(await admin.admin.alerts.resolve({ id: alert.id, reason: 'fixed upstream' })).toMatchObject({
      status: 'resolved',
    });
    const audit = await testDb().select().from(auditEvents).where(eq(auditEvents.target, alert.id));
    expect(
      audit
        .filter((e) => e.action.startsWith('admin.'))
        .map((e) => [e.actor, e.action, (e.metadata as { reason: string }).reason, e.workspaceId])
        .sort(),
    ).toEqual([
      [user.id, 'admin.alert.acknowledge', 'on it, customer contacted', workspace.id],
      [user.id, 'admin.alert.resolve', 'fixed upstream', workspace.id],
    ]);
    const [ruleAudit] = await testDb()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'admin.alert_rule.create'))
      .then((rows) => rows.filter((e) => e.target === rule.id));
    expect(ruleAudit).toMatchObject({
      actor: user.id,
      metadata: { reason: 'watch this customer’s failures' },
    });
    const series = await admin.admin.alerts.series({
      scope: workspace.id,
      metric: 'jobs.failed',
      from: new Date('2021-10-01T00:00:00Z'),
      to: new Date('2021-10-02T00:00:00Z'),
    });
    expect(series).toEqual([{ t: bucket.toISOString(), v: 8 }]);
  });
});
