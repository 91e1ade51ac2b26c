import { randomBytes } from 'node:crypto';
import { eq, legalAcceptances } from '@levqor/db';
import { makeMember, makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { hashPii } from '../security/pii-hash';
import {
  acceptLegalDocuments,
  assertOwnerAcceptedTerms,
  pendingLegalDocuments,
  publishLegalDocument,
} from './legal-terms';

const db = testDb();
const DAY = 86_400_000;

describe('versioned terms', () => {
  it('a new version is pending until accepted (HMAC IP, UA); API keys get 30 days, then 403 until the owner accepts', async () => {
    const admin = await makeUser({ admin: true });
    const { user: owner, workspace } = await makeUser();
    const { user: member } = await makeMember(workspace.id);
    const version = `t-${randomBytes(3).toString('hex')}`;
    const doc = await publishLegalDocument(db, {
      adminId: admin.user.id,
      input: {
        kind: 'terms',
        version,
        summary: 'Clarified data retention',
        body: 'Terms of service text. '.repeat(5),
        reason: 'Retention wording reviewed by counsel',
      },
    });
    expect((await pendingLegalDocuments(db, owner.id)).map((d) => d.id)).toContain(doc.id);
    await expect(
      publishLegalDocument(db, {
        adminId: admin.user.id,
        input: { kind: 'terms', version, summary: 'again', body: 'x'.repeat(30), reason: 'publish it again' },
      }),
    ).rejects.toThrow('already exists');

    // Within 30 days of publication keys keep working; after, the owner's acceptance is needed.
    await assertOwnerAcceptedTerms(db, { workspaceId: workspace.id, now: new Date(Date.now() + 29 * DAY) });
    const later = new Date(doc.publishedAt.getTime() + 31 * DAY);
    await expect(
      assertOwnerAcceptedTerms(db, { workspaceId: workspace.id, now: later }),
    ).rejects.toMatchObject({
      reason: 'terms-not-accepted',
    });
    // A member accepting does not count for the workspace.
    await acceptLegalDocuments(db, { userId: member.id, documentIds: [doc.id] });
    await expect(
      assertOwnerAcceptedTerms(db, { workspaceId: workspace.id, now: later }),
    ).rejects.toMatchObject({
      reason: 'terms-not-accepted',
    });
    const { accepted } = await acceptLegalDocuments(db, {
      userId: owner.id,
      documentIds: [doc.id],
      ip: '198.51.100.7',
      userAgent: 'Mozilla/5.0 test',
    });
    expect(accepted).toBe(1);
    const [row] = await db.select().from(legalAcceptances).where(eq(legalAcceptances.userId, owner.id));
    expect(row).toMatchObject({
      documentId: doc.id,
      ipHash: hashPii('198.51.100.7'),
      userAgent: 'Mozilla/5.0 test',
    });
    expect(row!.ipHash).not.toContain('198.51');
    // Other tests publish versions into this shared database too (a privacy policy, say): the owner
    // accepts whatever else is current, so that only this test's document decides.
    const others = (await pendingLegalDocuments(db, owner.id)).map((d) => d.id);
    if (others.length > 0) await acceptLegalDocuments(db, { userId: owner.id, documentIds: others });
    await assertOwnerAcceptedTerms(db, { workspaceId: workspace.id, now: later });
    expect((await pendingLegalDocuments(db, owner.id)).map((d) => d.id)).not.toContain(doc.id);
    // Accepting again is a no-op; accepting a superseded version is refused.
    expect((await acceptLegalDocuments(db, { userId: owner.id, documentIds: [doc.id] })).accepted).toBe(0);
    const newer = await publishLegalDocument(db, {
      adminId: admin.user.id,
      input: {
        kind: 'terms',
        version: `${version}b`,
        summary: 'Newer',
        body: 'Newer terms of service text here.',
        reason: 'A newer version for the test',
      },
    });
    await expect(acceptLegalDocuments(db, { userId: owner.id, documentIds: [doc.id] })).rejects.toThrow(
      'newer version',
    );
    expect((await pendingLegalDocuments(db, owner.id)).map((d) => d.id)).toContain(newer.id);
  });
});
