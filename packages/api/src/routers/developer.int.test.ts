import { createApiKey, type EventSender, type LevqorEvent } from '@levqor/core';
import { apiRequests, getDb, webhookDeliveries } from '@levqor/db';
import { makeUser } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { createContext, type SessionUser } from '../context';
import { createCaller } from '../root';

const sent: LevqorEvent[] = [];
const events: EventSender = {
  send: async (_tx, e) => {
    sent.push(...(Array.isArray(e) ? e : [e]));
  },
  flush: async () => {},
};

function caller(user: SessionUser | null, apiKey: { workspaceId: string; keyId: string } | null = null) {
  return createCaller(
    createContext({
      db: getDb(),
      user,
      apiKey: apiKey && { ...apiKey, scopes: ['jobs:read'], rateLimitPerMin: 600, validUntil: null },
      requestId: 'req_dev_test',
      events,
    }),
  );
}

async function member() {
  const { user, workspace } = await makeUser();
  const session: SessionUser = { id: user.id, email: user.email, name: user.name, role: user.role };
  return { session, user, workspace, trpc: caller(session) };
}

describe('developer router', () => {
  it('is for signed-in users only, never an API key', async () => {
    await expect(caller(null).developer.revealWebhookSecret()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    const a = await member();
    const keyed = caller(null, { workspaceId: a.workspace.id, keyId: 'key_x' });
    await expect(keyed.developer.revealWebhookSecret()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(keyed.developer.rotateWebhookSecret()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(keyed.developer.deliveries()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(keyed.developer.apiUsage()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('reveals (owner) and rotates the caller’s own signing secret', async () => {
    const a = await member();
    const b = await member();
    const { secret } = await a.trpc.developer.revealWebhookSecret();
    const bSecret = (await b.trpc.developer.revealWebhookSecret()).secret;
    const rotated = await a.trpc.developer.rotateWebhookSecret();
    expect(rotated.secret).toMatch(/^whsec_[0-9A-Za-z]{32}$/);
    expect(rotated.secret).not.toBe(secret);
    expect((await a.trpc.developer.revealWebhookSecret()).secret).toBe(rotated.secret);
    expect((await b.trpc.developer.revealWebhookSecret()).secret).toBe(bSecret);
  });

  it('lists and redelivers only the caller’s deliveries', async () => {
    const a = await member();
    const b = await member();
    const [d] = await getDb()
      .insert(webhookDeliveries)
      .values({
        workspaceId: a.workspace.id,
        url: 'https://hooks.example.com/a',
        eventType: 'job.failed',
        payload: { type: 'job.failed' },
        status: 'failed',
        attempts: 3,
        lastStatusCode: 500,
      })
      .returning();
    const page = await a.trpc.developer.deliveries({ limit: 10 });
    expect(page.items.map((x) => x.id)).toEqual([d!.id]);
    expect((await b.trpc.developer.deliveries()).items).toEqual([]);

    await expect(b.trpc.developer.redeliver({ id: d!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(a.trpc.developer.deliveries({ limit: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    sent.length = 0;
    const again = await a.trpc.developer.redeliver({ id: d!.id });
    expect(again).toMatchObject({ id: d!.id, status: 'pending', attempts: 3 });
    expect(sent).toEqual([
      { name: 'levqor/webhook.requested', data: { deliveryId: d!.id, workspaceId: a.workspace.id } },
    ]);
  });

  it('reports API requests per day per key, with the key names, and errors by status', async () => {
    const a = await member();
    const b = await member();
    const { key } = await createApiKey(getDb(), {
      workspaceId: a.workspace.id,
      userId: a.user.id,
      input: {
        name: 'CI',
        scopes: ['jobs:read'],
      },
    });
    const row = (status: number, workspaceId = a.workspace.id) => ({
      workspaceId,
      apiKeyId: workspaceId === a.workspace.id ? key.id : null,
      method: 'GET',
      path: '/api/v1/jobs',
      status,
      durationMs: 3,
      requestId: `req_${Math.random()}`,
    });
    await getDb()
      .insert(apiRequests)
      .values([row(200), row(200), row(404), row(429), row(500, b.workspace.id)]);
    const usage = await a.trpc.developer.apiUsage();
    const today = new Date().toISOString().slice(0, 10);
    expect(usage.days).toBe(14);
    expect(usage.per_day).toEqual([{ date: today, api_key_id: key.id, requests: 4 }]);
    expect(usage.errors_by_status).toEqual([
      { status: 404, count: 1 },
      { status: 429, count: 1 },
    ]);
    expect(usage.keys).toEqual([{ id: key.id, name: 'CI', prefix: key.prefix, status: 'active' }]);
    const theirs = await b.trpc.developer.apiUsage({ days: 7 });
    expect(theirs.per_day).toEqual([{ date: today, api_key_id: null, requests: 1 }]);
    expect(theirs.keys).toEqual([]);
  });
});
