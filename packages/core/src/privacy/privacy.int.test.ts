import {
  apiKeys,
  auditEvents,
  costLedger,
  desc,
  devMail,
  eq,
  jobs,
  memberships,
  privacyRequests,
  sessions,
  users,
  workspaces,
} from '@levqor/db';
import { MailRefusedError, PrivacyEmail, sendEmail } from '@levqor/email';
import { makeMember, makeUser, testDb } from '@levqor/testing';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../api-keys/manage-api-keys';
import type { EventSender } from '../events/events';
import { submitJob } from '../jobs/submit-job';
import { createWorkflow } from '../workflows/manage-workflows';
import { applyRetention } from './apply-retention';
import { redeemExportDownload, sendDownloadCode } from './download-export';
import { dueErasures, eraseUser } from './erase-user';
import { createObjection, listObjections, withdrawObjection } from './manage-objections';
import { mayProcess } from './may-process';
import { cancelErasure, confirmErasure, requestErasure } from './request-erasure';
import { requestExport } from './request-export';
import { buildExport, deliverExport } from './run-export';

const db = testDb();
const noEngine: EventSender = { send: async () => {}, flush: async () => {} };
const DAY = 86_400_000;

async function mails(to: string) {
  return db.select().from(devMail).where(eq(devMail.to, to)).orderBy(desc(devMail.createdAt));
}
const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)![1]!;

async function linkExport() {
  const { user, workspace } = await makeUser({ name: 'Big Exporter' });
  const { id } = await requestExport(db, { userId: user.id, events: noEngine });
  await buildExport(db, id);
  // Forced over the attachment limit: the archive travels through the download page + code.
  expect(await deliverExport(db, id, { attachmentMaxBytes: 10 })).toEqual({ delivery: 'link' });
  return { user, workspace, id };
}

describe('export download with a one-time code', () => {
  it('mails a link (no attachment) and a 6-digit code that works once', async () => {
    const { user, id } = await linkExport();
    const [linkMail] = await mails(user.email);
    expect(linkMail!.attachments).toBeNull();
    expect(linkMail!.text).toContain(`/dashboard/settings/privacy/export/${id}`);
    await sendDownloadCode(db, { userId: user.id, requestId: id });
    const code = codeIn((await mails(user.email))[0]!.text);
    const { zip } = await redeemExportDownload(db, { userId: user.id, requestId: id, code });
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    await expect(redeemExportDownload(db, { userId: user.id, requestId: id, code })).rejects.toMatchObject({
      reason: 'privacy-code-void',
    });
    const [row] = await db.select().from(privacyRequests).where(eq(privacyRequests.id, id));
    expect(row!.trail.map((t) => t.step)).toEqual(['requested', 'built', 'sent', 'code-sent', 'downloaded']);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.target, id));
    expect(audit.map((a) => a.action).sort()).toEqual(
      [
        'privacy.export.built',
        'privacy.export.code-sent',
        'privacy.export.downloaded',
        'privacy.export.requested',
        'privacy.export.sent',
      ].sort(),
    );
  });

  it('voids the code after 5 wrong tries, even with the right code after', async () => {
    const { user, id } = await linkExport();
    await sendDownloadCode(db, { userId: user.id, requestId: id });
    const code = codeIn((await mails(user.email))[0]!.text);
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 4; i >= 1; i--)
      await expect(redeemExportDownload(db, { userId: user.id, requestId: id, code: wrong })).rejects.toThrow(
        `${i} ${i === 1 ? 'try' : 'tries'} left`,
      );
    await expect(
      redeemExportDownload(db, { userId: user.id, requestId: id, code: wrong }),
    ).rejects.toMatchObject({
      reason: 'privacy-code-void',
    });
    await expect(redeemExportDownload(db, { userId: user.id, requestId: id, code })).rejects.toMatchObject({
      reason: 'privacy-code-void',
    });
  });

  it('expires the code after 15 minutes', async () => {
    const { user, id } = await linkExport();
    await sendDownloadCode(db, { userId: user.id, requestId: id });
    const code = codeIn((await mails(user.email))[0]!.text);
    const later = new Date(Date.now() + 15 * 60_000 + 1_000);
    await expect(
      redeemExportDownload(db, { userId: user.id, requestId: id, code, now: later }),
    ).rejects.toMatchObject({ reason: 'privacy-code-void' });
  });

  it("another user can neither get a code for, nor download, someone's export", async () => {
    const { user, id } = await linkExport();
    const intruder = await makeUser();
    await expect(sendDownloadCode(db, { userId: intruder.user.id, requestId: id })).rejects.toMatchObject({
      reason: 'not-found',
    });
    await sendDownloadCode(db, { userId: user.id, requestId: id });
    const code = codeIn((await mails(user.email))[0]!.text);
    await expect(
      redeemExportDownload(db, { userId: intruder.user.id, requestId: id, code }),
    ).rejects.toMatchObject({ reason: 'not-found' });
  });

  it('the next export is possible 24 h later; archives are purged after 30 days, the request kept', async () => {
    const { user, id } = await linkExport();
    await expect(requestExport(db, { userId: user.id, events: noEngine })).rejects.toMatchObject({
      reason: 'rate-limited',
    });
    const tomorrow = new Date(Date.now() + DAY + 1_000);
    await requestExport(db, { userId: user.id, events: noEngine, now: tomorrow });

    const day29 = await applyRetention(db, { now: new Date(Date.now() + 29 * DAY), only: ['dsarExports'] });
    const [kept] = await db.select().from(privacyRequests).where(eq(privacyRequests.id, id));
    expect(kept!.archive).not.toBeNull();
    expect(day29.dsarExports).toBeGreaterThanOrEqual(0);
    const day31 = await applyRetention(db, { now: new Date(Date.now() + 31 * DAY), only: ['dsarExports'] });
    expect(day31.dsarExports).toBeGreaterThanOrEqual(1);
    const [purged] = await db.select().from(privacyRequests).where(eq(privacyRequests.id, id));
    expect(purged!.archive).toBeNull();
    expect(purged!.purgedAt).not.toBeNull();
    expect(purged!.trail.at(-1)!.step).toBe('purged');
    // Idempotent: nothing more to purge.
    expect(
      (await applyRetention(db, { now: new Date(Date.now() + 31 * DAY), only: ['dsarExports'] })).dsarExports,
    ).toBe(0);
  });
});

describe('delete my data', () => {
  async function confirmed() {
    const owner = await makeUser({ name: 'Leaver' });
    const { id } = await requestErasure(db, { userId: owner.user.id });
    const link = (await mails(owner.user.email))[0]!.text;
    const token = /token=([A-Za-z0-9]+)/.exec(link)![1]!;
    return { ...owner, id, token };
  }

  it('needs the emailed link of the same user, once; cooling-off of 7 days; cancellable', async () => {
    const { user, id, token } = await confirmed();
    const other = await makeUser();
    await expect(confirmErasure(db, { userId: other.user.id, token })).rejects.toMatchObject({
      reason: 'privacy-token-invalid',
    });
    const { executeAfter } = await confirmErasure(db, { userId: user.id, token });
    expect(executeAfter.getTime() - Date.now()).toBeGreaterThan(7 * DAY - 60_000);
    await expect(confirmErasure(db, { userId: user.id, token })).rejects.toMatchObject({
      reason: 'privacy-token-invalid',
    });
    expect(await dueErasures(db, { now: new Date(Date.now() + 6 * DAY) })).not.toContain(id);
    await cancelErasure(db, { userId: user.id, requestId: id });
    expect(await dueErasures(db, { now: new Date(Date.now() + 8 * DAY) })).not.toContain(id);
    expect(await eraseUser(db, { requestId: id, now: new Date(Date.now() + 8 * DAY) })).toBeNull();
    const [still] = await db.select().from(users).where(eq(users.id, user.id));
    expect(still!.email).toBe(user.email);
  });

  it('an expired link is refused', async () => {
    const { user, token } = await confirmed();
    await expect(
      confirmErasure(db, { userId: user.id, token, now: new Date(Date.now() + DAY + 1_000) }),
    ).rejects.toMatchObject({ reason: 'privacy-token-invalid' });
  });

  it('after the cooling-off: rows gone or anonymised, billing kept, shared workspace handed over, final mail', async () => {
    const { user, workspace, id, token } = await confirmed();
    const shared = await makeUser({ name: 'Shared Owner' });
    await db
      .insert(memberships)
      .values({ workspaceId: shared.workspace.id, userId: user.id, role: 'member' });
    const colleague = await makeMember(workspace.id);
    // The leaver's own workspace has a colleague: it is handed over. A second, solo workspace is emptied.
    const [solo] = await db.insert(workspaces).values({ name: 'Solo' }).returning();
    await db.insert(memberships).values({ workspaceId: solo!.id, userId: user.id, role: 'owner' });
    await db
      .insert(costLedger)
      .values({ workspaceId: solo!.id, kind: 'settle', amount: '1.5', month: '2026-12' });
    await createApiKey(db, {
      workspaceId: workspace.id,
      userId: user.id,
      input: { name: 'mine', scopes: ['jobs:read'] },
    });
    await createWorkflow(db, solo!.id, {
      slug: 'solo-flow',
      name: 'Solo flow',
      publish: true,
      steps: [{ id: 'echo', type: 'transform', expression: 'input' }] as never,
    });
    await submitJob(
      db,
      { workspaceId: solo!.id, submittedBy: user.id, events: noEngine },
      { workflow: 'solo-flow', payload: { a: 1 } },
    );
    await db
      .insert(sessions)
      .values({ sessionToken: `s-${id}`, userId: user.id, expires: new Date(Date.now() + DAY) });
    await confirmErasure(db, { userId: user.id, token });

    const at = new Date(Date.now() + 7 * DAY + 60_000);
    expect(await dueErasures(db, { now: at, limit: 1000 })).toContain(id);
    const outcome = await eraseUser(db, { requestId: id, now: at });
    expect(outcome).toMatchObject({ emptiedWorkspaces: 1, handedOver: 1, deletedJobs: 1 });
    expect(await eraseUser(db, { requestId: id, now: at })).toBeNull(); // idempotent

    const [anon] = await db.select().from(users).where(eq(users.id, user.id));
    expect(anon).toMatchObject({ email: `erased+${user.id}@erased.invalid`, name: null });
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect(await db.select().from(memberships).where(eq(memberships.userId, user.id))).toHaveLength(0);
    const [handed] = await db.select().from(memberships).where(eq(memberships.userId, colleague.user.id));
    expect(handed!.role).toBe('owner');
    const keys = await db.select().from(apiKeys).where(eq(apiKeys.workspaceId, workspace.id));
    expect(keys.every((k) => k.revokedAt !== null)).toBe(true);
    expect(await db.select().from(jobs).where(eq(jobs.workspaceId, solo!.id))).toHaveLength(0);
    expect(await db.select().from(costLedger).where(eq(costLedger.workspaceId, solo!.id))).not.toHaveLength(
      0,
    );
    const [sharedOwner] = await db.select().from(memberships).where(eq(memberships.userId, shared.user.id));
    expect(sharedOwner!.role).toBe('owner');
    const final = (await mails(user.email))[0]!;
    expect(final.subject).toBe('Your Levqor data has been deleted');
    const [req] = await db.select().from(privacyRequests).where(eq(privacyRequests.id, id));
    expect(req!.status).toBe('completed');
    expect(req!.trail.map((t) => t.step)).toEqual(['requested', 'confirmed', 'erased', 'final-mail-sent']);
  });
});

describe('objections', () => {
  it('are recorded, enforced by mayProcess and by the email sender, and reversible', async () => {
    const { user } = await makeUser();
    const other = await makeUser();
    expect(await mayProcess(db, user.id, 'profiling')).toBe(true);
    const obj = await createObjection(db, {
      userId: user.id,
      actor: user.id,
      source: 'ui',
      input: { purpose: 'all' },
    });
    expect(await mayProcess(db, user.id, 'profiling')).toBe(false);
    expect(await mayProcess(db, user.id, 'analytics')).toBe(false);
    expect(await mayProcess(db, other.user.id, 'profiling')).toBe(true);
    // Again: the same active objection.
    expect(
      (
        await createObjection(db, {
          userId: user.id,
          actor: user.id,
          source: 'api',
          input: { purpose: 'all' },
        })
      ).id,
    ).toBe(obj.id);

    const product = {
      to: user.email,
      subject: 'Tips',
      react: createElement(PrivacyEmail, { title: 'Tips', body: 'x' }),
    };
    await expect(sendEmail(db, { ...product, purpose: 'product' })).rejects.toBeInstanceOf(MailRefusedError);
    await sendEmail(db, product); // transactional mail still goes
    await expect(
      withdrawObjection(db, { userId: other.user.id, actor: other.user.id, objectionId: obj.id }),
    ).rejects.toMatchObject({ reason: 'not-found' });
    await withdrawObjection(db, { userId: user.id, actor: user.id, objectionId: obj.id });
    expect(await mayProcess(db, user.id, 'profiling')).toBe(true);
    await sendEmail(db, { ...product, purpose: 'product' });
    expect((await listObjections(db, user.id))[0]!.withdrawn_at).not.toBeNull();
    expect(await listObjections(db, other.user.id)).toHaveLength(0);
  });
});
