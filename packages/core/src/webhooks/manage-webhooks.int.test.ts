import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { auditEvents, eq, jobEvents, webhookAttempts, webhookDeliveries } from '@levqor/db';
import { makeMember, makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import type { EventSender, LevqorEvent } from '../events/events';
import { submitJob } from '../jobs/submit-job';
import {
  listWebhookDeliveries,
  redeliverWebhook,
  revealWebhookSecret,
  rotateWebhookSecret,
} from './manage-webhooks';
import { attemptDelivery } from './run-webhook-delivery';
import { verifyWebhook } from './sign-webhook';

/** Records what domain code hands the engine (no engine runs are created). */
function recordingEvents(opts: { fail?: boolean } = {}) {
  const sent: LevqorEvent[] = [];
  const sender: EventSender = {
    async send(_tx, events) {
      if (opts.fail) throw new Error('engine unavailable');
      sent.push(...(Array.isArray(events) ? events : [events]));
    },
    flush: async () => {},
  };
  return { sender, sent };
}

async function addDelivery(
  workspaceId: string,
  opts: { createdAt?: Date; status?: 'pending' | 'succeeded' | 'failed'; attempts?: number[] } = {},
) {
  const db = testDb();
  const [d] = await db
    .insert(webhookDeliveries)
    .values({
      workspaceId,
      url: 'https://hooks.example.com/levqor',
      eventType: 'job.succeeded',
      payload: { type: 'job.succeeded', data: { n: 1 } },
      status: opts.status ?? 'failed',
      attempts: opts.attempts?.length ?? 0,
      lastStatusCode: opts.attempts?.at(-1) ?? null,
      createdAt: opts.createdAt ?? new Date(),
    })
    .returning();
  for (const [i, code] of (opts.attempts ?? []).entries()) {
    await db.insert(webhookAttempts).values({
      deliveryId: d!.id,
      attempt: i + 1,
      statusCode: code,
      durationMs: 10 * (i + 1),
      error: code >= 300 ? `HTTP ${code}` : null,
    });
  }
  return d!;
}

describe('webhook signing secret', () => {
  it('is revealed only to an owner, audited, and rotated to a fresh whsec_ secret; never written to the audit log', async () => {
    const a = await makeUser();
    const b = await makeUser();
    const owner = { workspaceId: a.workspace.id, userId: a.user.id };
    const before = await revealWebhookSecret(testDb(), owner);
    const otherBefore = await revealWebhookSecret(testDb(), {
      workspaceId: b.workspace.id,
      userId: b.user.id,
    });
    expect(before.secret).toMatch(/^whsec_/);
    expect(before.secret).not.toBe(otherBefore.secret);

    const rotated = await rotateWebhookSecret(testDb(), owner);
    expect(rotated.secret).toMatch(/^whsec_[0-9A-Za-z]{32}$/);
    expect(rotated.secret).not.toBe(before.secret);
    expect(await revealWebhookSecret(testDb(), owner)).toEqual(rotated);

    const audit = await testDb()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.workspaceId, a.workspace.id))
      .orderBy(auditEvents.createdAt);
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ['webhook_secret.revealed', a.user.id],
      ['webhook_secret.rotated', a.user.id],
      ['webhook_secret.revealed', a.user.id],
    ]);
    expect(JSON.stringify(audit)).not.toContain(rotated.secret);
    expect(JSON.stringify(audit)).not.toContain(before.secret);
  });

  it('a member of the workspace can neither reveal nor rotate it (FORBIDDEN); an outsider gets NOT_FOUND', async () => {
    const a = await makeUser();
    const { user: member } = await makeMember(a.workspace.id);
    const outsider = await makeUser();
    const secret = (await revealWebhookSecret(testDb(), { workspaceId: a.workspace.id, userId: a.user.id }))
      .secret;
    for (const fn of [revealWebhookSecret, rotateWebhookSecret]) {
      await expect(fn(testDb(), { workspaceId: a.workspace.id, userId: member.id })).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('Only a workspace owner can'),
      });
      await expect(
        fn(testDb(), { workspaceId: a.workspace.id, userId: outsider.user.id }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    // Refused before anything changed or was recorded.
    expect(
      (await revealWebhookSecret(testDb(), { workspaceId: a.workspace.id, userId: a.user.id })).secret,
    ).toBe(secret);
    const actors = (
      await testDb().select().from(auditEvents).where(eq(auditEvents.workspaceId, a.workspace.id))
    ).map((e) => e.actor);
    expect(actors).not.toContain(member.id);
  });
});

describe('webhook deliveries', () => {
  it('are listed newest first with their attempts, page by page, and only to their workspace', async () => {
    const a = await makeUser();
    const b = await makeUser();
    const t0 = Date.now() - 60_000;
    const oldest = await addDelivery(a.workspace.id, { createdAt: new Date(t0), attempts: [500, 502, 200] });
    const middle = await addDelivery(a.workspace.id, { createdAt: new Date(t0 + 1000), status: 'pending' });
    const newest = await addDelivery(a.workspace.id, { createdAt: new Date(t0 + 2000), attempts: [404] });
    const theirs = await addDelivery(b.workspace.id, { attempts: [200] });

    const first = await listWebhookDeliveries(testDb(), a.workspace.id, { limit: 2 });
    expect(first.items.map((d) => d.id)).toEqual([newest.id, middle.id]);
    expect(first.next_cursor).toBe(middle.id);
    expect(first.items[0]).toMatchObject({
      event_type: 'job.succeeded',
      url: 'https://hooks.example.com/levqor',
      status: 'failed',
      attempts: 1,
      last_status_code: 404,
      last_duration_ms: 10,
      attempt_log: [{ attempt: 1, status_code: 404, duration_ms: 10, error: 'HTTP 404' }],
    });
    expect(first.items[1]).toMatchObject({ attempts: 0, last_duration_ms: null, attempt_log: [] });

    const second = await listWebhookDeliveries(testDb(), a.workspace.id, {
      limit: 2,
      cursor: first.next_cursor!,
    });
    expect(second.items.map((d) => d.id)).toEqual([oldest.id]);
    expect(second.next_cursor).toBeNull();
    expect(second.items[0]!.attempt_log.map((x) => x.status_code)).toEqual([500, 502, 200]);
    expect(second.items[0]!.last_duration_ms).toBe(30);

    const mine = await listWebhookDeliveries(testDb(), b.workspace.id);
    expect(mine.items.map((d) => d.id)).toEqual([theirs.id]);
    // Another workspace's delivery id is not a cursor here.
    await expect(
      listWebhookDeliveries(testDb(), b.workspace.id, { cursor: newest.id }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await listWebhookDeliveries(testDb(), (await makeUser()).workspace.id)).items).toEqual([]);
  });

  it('redeliver resets to pending and asks the engine in the same transaction; other tenants get NOT_FOUND', async () => {
    const a = await makeUser();
    const b = await makeUser();
    const engine = recordingEvents();
    const { job } = await submitJob(
      testDb(),
      { workspaceId: a.workspace.id, submittedBy: a.user.id, events: engine.sender },
      { workflow: 'demo.flow', payload: { x: 1 } },
    );
    const failed = await addDelivery(a.workspace.id, { attempts: [500, 500] });
    await testDb()
      .update(webhookDeliveries)
      .set({ jobId: job.id })
      .where(eq(webhookDeliveries.id, failed.id));
    engine.sent.length = 0;

    await expect(
      redeliverWebhook(testDb(), engine.sender, b.workspace.id, b.user.id, failed.id),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(engine.sent).toEqual([]);

    const again = await redeliverWebhook(testDb(), engine.sender, a.workspace.id, a.user.id, failed.id);
    expect(again).toMatchObject({ id: failed.id, status: 'pending', attempts: 2, delivered_at: null });
    expect(again.attempt_log).toHaveLength(2);
    expect(engine.sent).toEqual([
      { name: 'levqor/webhook.requested', data: { deliveryId: failed.id, workspaceId: a.workspace.id } },
    ]);
    const timeline = await testDb().select().from(jobEvents).where(eq(jobEvents.jobId, job.id));
    expect(timeline.map((e) => e.message)).toContain(
      'Webhook job.succeeded queued again for https://hooks.example.com/levqor (manual redelivery)',
    );
    const audit = await testDb().select().from(auditEvents).where(eq(auditEvents.target, failed.id));
    expect(audit.map((e) => e.action)).toEqual(['webhook.redelivered']);

    // If the engine cannot take the request, nothing changes.
    const done = await addDelivery(a.workspace.id, { status: 'succeeded', attempts: [200] });
    await expect(
      redeliverWebhook(testDb(), recordingEvents({ fail: true }).sender, a.workspace.id, a.user.id, done.id),
    ).rejects.toThrow('engine unavailable');
    const [unchanged] = await testDb()
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, done.id));
    expect(unchanged!.status).toBe('succeeded');
  });

  it('refuses to redeliver a delivery still in progress (409): a second run would send it twice', async () => {
    const a = await makeUser();
    const engine = recordingEvents();
    const retrying = await addDelivery(a.workspace.id, { status: 'pending', attempts: [500] });
    await expect(
      redeliverWebhook(testDb(), engine.sender, a.workspace.id, a.user.id, retrying.id),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('still in progress') });
    expect(engine.sent).toEqual([]);
    const audit = await testDb().select().from(auditEvents).where(eq(auditEvents.target, retrying.id));
    expect(audit).toEqual([]);
  });

  it('a redelivered delivery is attempted again, signed with the current secret', async () => {
    const a = await makeUser();
    const received: { body: string; signature: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        received.push({ body, signature: String(req.headers['levqor-signature']) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const delivery = await addDelivery(a.workspace.id, { status: 'succeeded', attempts: [200] });
      await testDb().update(webhookDeliveries).set({ url }).where(eq(webhookDeliveries.id, delivery.id));
      const env = { LEVQOR_SSRF_ALLOW: '127.0.0.1' };
      // A delivered webhook is not sent twice by the engine…
      expect(await attemptDelivery(testDb(), delivery.id, undefined, env)).toMatchObject({ ok: true });
      expect(received).toHaveLength(0);
      // …until someone asks for it again.
      const { secret } = await rotateWebhookSecret(testDb(), {
        workspaceId: a.workspace.id,
        userId: a.user.id,
      });
      await redeliverWebhook(testDb(), recordingEvents().sender, a.workspace.id, a.user.id, delivery.id);
      expect(await attemptDelivery(testDb(), delivery.id, undefined, env)).toMatchObject({
        ok: true,
        statusCode: 204,
      });
      expect(received).toHaveLength(1);
      expect(verifyWebhook(secret, received[0]!.body, received[0]!.signature)).toBe(true);
      const page = await listWebhookDeliveries(testDb(), a.workspace.id);
      expect(page.items[0]).toMatchObject({ status: 'succeeded', attempts: 2, last_status_code: 204 });
      expect(page.items[0]!.attempt_log.map((x) => x.attempt)).toEqual([1, 2]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
