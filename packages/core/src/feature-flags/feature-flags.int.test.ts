import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { auditEvents, closeDb, createDb, desc, eq, webhookDeliveries } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { attemptDelivery } from '../webhooks/run-webhook-delivery';
import { createFeatureFlagReader, FLAGS, isFeatureEnabled } from './feature-flag-reader';
import { flagBucket } from './flag-bucket';
import {
  createFeatureFlag,
  listFeatureFlags,
  setFlagOverride,
  updateFeatureFlag,
} from './manage-feature-flags';

const processA = createDb(process.env.DATABASE_URL!, { max: 2, appName: 'flags-a' });
const processB = createDb(process.env.DATABASE_URL!, { max: 2, appName: 'flags-b' });
afterAll(async () => {
  await closeDb(processA);
  await closeDb(processB);
});

const unique = (p: string) => `${p}.${Math.random().toString(36).slice(2, 10)}`;

async function lastAudit(target: string) {
  const [row] = await testDb()
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.target, target))
    .orderBy(desc(auditEvents.createdAt))
    .limit(1);
  return row;
}

describe('feature flags', () => {
  it('creates, flips, rolls out, overrides and kills — each change audited with who and why', async () => {
    const admin = await makeUser({ admin: true });
    const a = await makeUser();
    const key = unique('test.flag');
    const actor = admin.user.id;
    await createFeatureFlag(testDb(), { actor, input: { key, reason: 'trying the new thing' } });
    expect(await lastAudit(key)).toMatchObject({
      actor,
      action: 'admin.flag.create',
      metadata: expect.objectContaining({ reason: 'trying the new thing' }),
    });
    await expect(
      createFeatureFlag(testDb(), { actor, input: { key, reason: 'again please' } }),
    ).rejects.toThrow(/already exists/);
    await expect(
      updateFeatureFlag(testDb(), { actor, input: { key, enabled: true, reason: '' } }),
    ).rejects.toThrow(/reason/);

    const reader = await createFeatureFlagReader(testDb(), { listen: false, ttlMs: 0 });
    expect(await reader.isEnabled(key, a.workspace.id)).toBe(false);
    await updateFeatureFlag(testDb(), { actor, input: { key, enabled: true, reason: 'launch day' } });
    expect(await reader.isEnabled(key, a.workspace.id)).toBe(true);
    expect(await lastAudit(key)).toMatchObject({
      action: 'admin.flag.update',
      metadata: expect.objectContaining({
        reason: 'launch day',
        before: expect.objectContaining({ enabled: false }),
        after: expect.objectContaining({ enabled: true }),
      }),
    });

    // 0%: off for everyone but a workspace with an override.
    await updateFeatureFlag(testDb(), { actor, input: { key, rolloutPercent: 0, reason: 'roll back out' } });
    expect(await reader.isEnabled(key, a.workspace.id)).toBe(false);
    await setFlagOverride(testDb(), {
      actor,
      input: { key, workspaceId: a.workspace.id, enabled: true, reason: 'beta customer' },
    });
    expect(await reader.isEnabled(key, a.workspace.id)).toBe(true);
    expect(await lastAudit(key)).toMatchObject({
      action: 'admin.flag.override',
      workspaceId: a.workspace.id,
    });

    // The percentage follows the workspace's stable bucket.
    const bucket = flagBucket(key, a.workspace.id);
    await setFlagOverride(testDb(), {
      actor,
      input: { key, workspaceId: a.workspace.id, enabled: null, reason: 'end of beta' },
    });
    await updateFeatureFlag(testDb(), {
      actor,
      input: { key, rolloutPercent: bucket + 1, reason: 'ramp up' },
    });
    expect(await reader.isEnabled(key, a.workspace.id)).toBe(true);
    await updateFeatureFlag(testDb(), { actor, input: { key, rolloutPercent: bucket, reason: 'ramp down' } });
    expect(await reader.isEnabled(key, a.workspace.id)).toBe(false);

    // The kill switch beats an override.
    await setFlagOverride(testDb(), {
      actor,
      input: { key, workspaceId: a.workspace.id, enabled: true, reason: 'beta again' },
    });
    await updateFeatureFlag(testDb(), { actor, input: { key, killed: true, reason: 'incident 42' } });
    expect(await reader.isEnabled(key, a.workspace.id)).toBe(false);
    expect(await lastAudit(key)).toMatchObject({ action: 'admin.flag.kill' });

    const listed = (await listFeatureFlags(testDb())).find((f) => f.key === key);
    expect(listed).toMatchObject({
      killed: true,
      overrides: [{ workspaceId: a.workspace.id, enabled: true }],
    });
  });

  it('a flip reaches two other processes’ cached readers within a second (NOTIFY)', async () => {
    const admin = await makeUser({ admin: true });
    const a = await makeUser();
    const key = unique('test.notify');
    await createFeatureFlag(testDb(), { actor: admin.user.id, input: { key, reason: 'notify test' } });
    // Long TTL: only the notice can refresh them.
    const readerA = await createFeatureFlagReader(processA, { ttlMs: 600_000 });
    const readerB = await createFeatureFlagReader(processB, { ttlMs: 600_000 });
    try {
      expect(await readerA.isEnabled(key, a.workspace.id)).toBe(false);
      expect(await readerB.isEnabled(key, a.workspace.id)).toBe(false);
      const flipped = Date.now();
      await updateFeatureFlag(testDb(), {
        actor: admin.user.id,
        input: { key, enabled: true, reason: 'flip it' },
      });
      await vi.waitFor(
        async () => {
          expect(await readerA.isEnabled(key, a.workspace.id)).toBe(true);
          expect(await readerB.isEnabled(key, a.workspace.id)).toBe(true);
        },
        { timeout: 1_000, interval: 10 },
      );
      const tookMs = Date.now() - flipped;
      expect(tookMs).toBeLessThan(1_000);
      await updateFeatureFlag(testDb(), {
        actor: admin.user.id,
        input: { key, killed: true, reason: 'kill it' },
      });
      await vi.waitFor(async () => expect(await readerB.isEnabled(key, a.workspace.id)).toBe(false), {
        timeout: 1_000,
        interval: 10,
      });
    } finally {
      await readerA.close();
      await readerB.close();
    }
  });

  it('webhooks.delivery_paused holds a workspace’s deliveries (no POST, no attempt) until it is lifted', async () => {
    const admin = await makeUser({ admin: true });
    const a = await makeUser();
    const other = await makeUser();
    const received: string[] = [];
    const server = createServer((req, res) => {
      received.push(String(req.url));
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const env = { LEVQOR_SSRF_ALLOW: '127.0.0.1' };
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const delivery = async (workspaceId: string, path: string) => {
        const [d] = await testDb()
          .insert(webhookDeliveries)
          .values({ workspaceId, url: `${url}${path}`, eventType: 'job.succeeded', payload: { n: 1 } })
          .returning();
        return d!;
      };
      const flag = FLAGS.webhooksDeliveryPaused;
      await createFeatureFlag(testDb(), {
        actor: admin.user.id,
        input: { key: flag, reason: 'hold hooks' },
      }).catch(() => {});
      await setFlagOverride(testDb(), {
        actor: admin.user.id,
        input: { key: flag, workspaceId: a.workspace.id, enabled: true, reason: 'customer endpoint melting' },
      });
      await vi.waitFor(
        async () => expect(await isFeatureEnabled(testDb(), flag, a.workspace.id)).toBe(true),
        {
          timeout: 1_000,
          interval: 10,
        },
      );
      const held = await delivery(a.workspace.id, '/a');
      const free = await delivery(other.workspace.id, '/other');
      expect(await attemptDelivery(testDb(), held.id, undefined, env)).toMatchObject({
        ok: false,
        paused: true,
      });
      expect(await attemptDelivery(testDb(), free.id, undefined, env)).toMatchObject({
        ok: true,
        statusCode: 204,
      });
      expect(received).toEqual(['/other']);
      const [row] = await testDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, held.id));
      expect(row).toMatchObject({ attempts: 0, status: 'pending' });

      await setFlagOverride(testDb(), {
        actor: admin.user.id,
        input: { key: flag, workspaceId: a.workspace.id, enabled: null, reason: 'endpoint recovered' },
      });
      await vi.waitFor(
        async () => expect(await isFeatureEnabled(testDb(), flag, a.workspace.id)).toBe(false),
        {
          timeout: 1_000,
          interval: 10,
        },
      );
      expect(await attemptDelivery(testDb(), held.id, undefined, env)).toMatchObject({
        ok: true,
        statusCode: 204,
      });
      expect(received).toEqual(['/other', '/a']);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
