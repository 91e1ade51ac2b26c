import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  acceptLegalDocuments,
  createApiAuthGuard,
  createApiKey,
  createApiKeyVerifier,
  createUser,
  postgresRateLimiter,
  publishLegalDocument,
} from '@levqor/core';
import { closeDb, createDb, type Database, eq, legalDocuments, memberships } from '@levqor/db';
import { ensureDatabase, runMigrations, withDatabase } from '@levqor/db/migrate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRestNodeHandler } from './node-handler';

/**
 * The terms gate for API keys over real HTTP (apps/developers' REST handler on node:http): a workspace
 * whose owner has not accepted the current terms within 30 days of their publication gets 403
 * problem+json `terms-not-accepted`; inside the 30 days its keys work.
 *
 * Legal documents are global — the current version applies to every workspace — and a backdated one
 * would refuse the keys of every other test running on the shared test database. So this file works on
 * a database of its own, created and migrated here and dropped at the end.
 */
const DAY = 86_400_000;
const dbName = `terms_gate_${randomBytes(4).toString('hex')}`;
const isolatedUrl = withDatabase(process.env.DATABASE_URL!, dbName);
const open: { db: Database; server: Server; close: () => Promise<void> }[] = [];

/** The REST API on its own node:http server and database handle (a process of apps/developers). */
async function startApi() {
  const db = createDb(isolatedUrl, { max: 4 });
  const verifier = await createApiKeyVerifier(db);
  const handler = createRestNodeHandler(
    {
      db,
      events: { send: async () => {}, flush: async () => {} },
      verifier,
      limiter: postgresRateLimiter(db),
      authGuard: createApiAuthGuard(db, postgresRateLimiter(db)),
    },
    { origin: 'http://localhost:3002' },
  );
  const server = createServer((req, res) => {
    void handler(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  const close = async () => {
    await verifier.close();
    await new Promise<void>((r) => server.close(() => r()));
    await closeDb(db);
  };
  open.push({ db, server, close });
  return {
    db,
    listJobs: (key: string) => fetch(`${base}/jobs?limit=1`, { headers: { authorization: `Bearer ${key}` } }),
  };
}

let db: Database;
beforeAll(async () => {
  await ensureDatabase(withDatabase(process.env.DATABASE_URL!, 'postgres'), dbName);
  await runMigrations(isolatedUrl);
  db = createDb(isolatedUrl, { max: 2 });
}, 120_000);

afterAll(async () => {
  for (const o of open) await o.close();
  if (db) await closeDb(db);
  const admin = createDb(withDatabase(process.env.DATABASE_URL!, 'postgres'), { max: 1 });
  await admin.$client.unsafe(`drop database if exists "${dbName}" with (force)`);
  await closeDb(admin);
});

async function tenant(label: string) {
  const { user, workspace } = await createUser(db, {
    email: `${label}-${randomBytes(4).toString('hex')}@test.levqor.local`,
  });
  const { plaintext } = await createApiKey(db, {
    workspaceId: workspace.id,
    userId: user.id,
    input: { name: label, scopes: ['jobs:read'] },
  });
  return { user, workspace, key: plaintext };
}

const publishedDaysAgo = (id: string, days: number) =>
  db
    .update(legalDocuments)
    .set({ publishedAt: new Date(Date.now() - days * DAY) })
    .where(eq(legalDocuments.id, id));

describe('API keys and the current terms', () => {
  it('work for 30 days after a new version; then 403 problem+json naming the version until the owner accepts', async () => {
    const admin = await createUser(db, { email: `admin-${dbName}@test.levqor.local`, admin: true });
    const inGrace = await tenant('in-grace');
    const late = await tenant('late');
    const accepted = await tenant('accepted');
    const api = await startApi();
    // Before any version exists, every key works.
    expect((await api.listJobs(late.key)).status).toBe(200);

    const version = `2026-12-${randomBytes(2).toString('hex')}`;
    const doc = await publishLegalDocument(db, {
      adminId: admin.user.id,
      input: {
        kind: 'terms',
        version,
        summary: 'Clarified API key responsibilities',
        body: 'The terms of service of Levqor, version for the terms gate test.',
        reason: 'Terms gate test: a new version to accept',
      },
    });

    // Day 29: not accepted by anyone, still inside the grace period — a fresh process lets it through.
    await publishedDaysAgo(doc.id, 29);
    const day29 = await startApi();
    const ok = await day29.listJobs(inGrace.key);
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(Array.isArray((await ok.json()).items)).toBe(true);

    // Day 31. A member's acceptance does not count for the workspace; the owner's does.
    await publishedDaysAgo(doc.id, 31);
    const member = await createUser(db, { email: `member-${dbName}@test.levqor.local` });
    await db
      .insert(memberships)
      .values({ workspaceId: late.workspace.id, userId: member.user.id, role: 'member' });
    await acceptLegalDocuments(db, { userId: member.user.id, documentIds: [doc.id] });
    await acceptLegalDocuments(db, { userId: accepted.user.id, documentIds: [doc.id] });
    const day31 = await startApi();

    const refused = await day31.listJobs(late.key);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const problem = await refused.json();
    expect(problem).toMatchObject({
      type: 'https://levqor.dev/problems/terms-not-accepted',
      title: 'Current terms not accepted',
      status: 403,
    });
    expect(problem.detail).toContain(`terms of service version ${version}`);
    expect(problem.detail).toContain('/legal/accept');
    // Every scoped route of that workspace is refused, not only this one.
    expect((await day31.listJobs(late.key)).status).toBe(403);

    // The workspace whose owner accepted is unaffected.
    expect((await day31.listJobs(accepted.key)).status).toBe(200);

    // The owner accepts: keys work again (a process that cached the refusal sees it within a minute).
    await acceptLegalDocuments(db, { userId: late.user.id, documentIds: [doc.id] });
    const afterAccepting = await startApi();
    expect((await afterAccepting.listJobs(late.key)).status).toBe(200);
  });
});
