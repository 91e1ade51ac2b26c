import { InngestTestEngine } from '@inngest/test';
import { createApiKey, createWorkflow, requestExport, submitJob } from '@levqor/core';
import { and, desc, devMail, eq, privacyRequests } from '@levqor/db';
import { makeUser } from '@levqor/testing';
import { Inngest } from 'inngest';
import { afterAll, describe, expect, it } from 'vitest';
import { fromBuffer } from 'yauzl';
import { createEngineClient } from '../engine-client';
import { createInngestFunctions } from '../inngest/functions';
import { createWorker } from '../local/worker';
import { silentSink } from '../log';
import { createRegistry } from '../registry';
import { closeDb, openTestDb } from '../testing/helpers';
import { privacyExportFunction } from './privacy-export';

const db = openTestDb();
const registry = createRegistry([privacyExportFunction(db)]);
const client = createEngineClient({ db, registry, provider: 'local' });
const worker = createWorker({ db, registry, concurrency: 2, pollMs: 100 });
afterAll(() => closeDb(db));

/** The entries of a ZIP, read with a real unzip library. */
export function unzip(buf: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const files = new Map<string, string>();
      zip.on('entry', (entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

async function lastMail(to: string) {
  const [mail] = await db
    .select()
    .from(devMail)
    .where(eq(devMail.to, to))
    .orderBy(desc(devMail.createdAt))
    .limit(1);
  return mail;
}

describe('privacy.export on the local engine', () => {
  it('builds the ZIP, mails it as an attachment, and it holds this user only', async () => {
    const { user, workspace } = await makeUser({ name: 'Exporter' });
    const other = await makeUser({ name: 'Someone Else' });
    for (const { user: u, workspace: ws } of [{ user, workspace }, other]) {
      await createWorkflow(db, ws.id, {
        slug: 'flow',
        name: `Flow of ${u.name}`,
        publish: true,
        steps: [{ id: 'echo', type: 'transform', expression: 'input' }] as never,
      });
      await submitJob(
        db,
        { workspaceId: ws.id, submittedBy: u.id, events: { send: async () => {}, flush: async () => {} } },
        {
          workflow: 'flow',
          payload: { owner: u.email },
        },
      );
      await createApiKey(db, {
        workspaceId: ws.id,
        userId: u.id,
        input: { name: `key of ${u.name}`, scopes: ['jobs:read'] },
      });
    }
    const { id } = await requestExport(db, { userId: user.id, events: client });
    await worker.drain({ timeoutMs: 30_000 });

    const [req] = await db.select().from(privacyRequests).where(eq(privacyRequests.id, id));
    expect(req).toMatchObject({ status: 'completed', delivery: 'attachment' });
    expect(req!.trail.map((t) => t.step)).toEqual(['requested', 'built', 'sent']);
    const mail = await lastMail(user.email);
    expect(mail?.subject).toBe('Your Levqor data export');
    const [att] = mail!.attachments!;
    expect(att).toMatchObject({ filename: 'levqor-export.zip', contentType: 'application/zip' });
    const files = await unzip(Buffer.from(att!.base64, 'base64'));
    for (const f of [
      'account.json',
      'workspaces.json',
      'workflows.json',
      'jobs.json',
      'api-keys.json',
      'consents.json',
      'terms-acceptances.json',
      'security-events.json',
      'billing.json',
      'README.txt',
    ])
      expect(files.has(f), f).toBe(true);
    const account = JSON.parse(files.get('account.json')!);
    expect(account).toHaveLength(1);
    expect(account[0].email).toBe(user.email);
    const jobs = JSON.parse(files.get('jobs.json')!);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].payload).toEqual({ owner: user.email });
    const keys = JSON.parse(files.get('api-keys.json')!);
    expect(keys.map((k: { name: string }) => k.name)).toEqual(['key of Exporter']);
    expect(keys[0].hash).toBeUndefined();
    const all = [...files.values()].join('\n');
    expect(all).not.toContain(other.user.email);
    expect(all).not.toContain(other.workspace.id);
    expect(all).not.toContain('whsec_');
    const readme = files.get('README.txt')!;
    for (const heading of [
      'PURPOSES OF PROCESSING',
      'RECIPIENTS AND SUBPROCESSORS',
      'RETENTION',
      'YOUR RIGHTS',
      'SOURCE',
      'AUTOMATED DECISION-MAKING',
    ])
      expect(readme).toContain(heading);
    expect(readme).toContain('billing');

    // A second request inside 24 h is refused.
    await expect(requestExport(db, { userId: user.id, events: client })).rejects.toMatchObject({
      reason: 'rate-limited',
    });
    expect(
      await db
        .select()
        .from(privacyRequests)
        .where(and(eq(privacyRequests.userId, user.id), eq(privacyRequests.kind, 'export'))),
    ).toHaveLength(1);
  });

  it('runs the same definition under Inngest (@inngest/test)', async () => {
    const { user } = await makeUser({ name: 'Via Inngest' });
    const noEngine = { send: async () => {}, flush: async () => {} };
    const { id } = await requestExport(db, { userId: user.id, events: noEngine });
    const inngest = new Inngest({ id: 'levqor-privacy', isDev: true });
    const [fn] = createInngestFunctions(inngest, createRegistry([privacyExportFunction(db)]), {
      log: silentSink,
    });
    const { error, result } = await new InngestTestEngine({
      function: fn!,
      events: [{ name: 'levqor/privacy.export.requested', data: { requestId: id, userId: user.id } }],
    }).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ delivery: 'attachment' });
    const mail = await lastMail(user.email);
    expect(mail?.attachments?.[0]?.size).toBeGreaterThan(100);
  });
});
