import { timingSafeEqual } from 'node:crypto';
import { and, type DbOrTx, eq, gt, isNotNull, privacyRequests, sql, users } from '@levqor/db';
import { PrivacyEmail, sendEmail } from '@levqor/email';
import { createElement } from 'react';
import { z } from 'zod';
import { DomainError, notFound } from '../errors';
import { recordRequestStep } from './request-trail';
import { hashToken, newCode } from './tokens';

export const CODE_TTL_MS = 15 * 60_000;
export const CODE_MAX_ATTEMPTS = 5;
/** Codes one request may send (each new code voids the last): bounds guessing across codes too. */
export const CODES_PER_REQUEST = 5;

export const ZDownloadCode = z.object({
  requestId: z.string().min(1).max(64),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'The code is the 6 digits from the email'),
});

async function ownedLinkExport(db: DbOrTx, userId: string, requestId: string) {
  const [req] = await db
    .select()
    .from(privacyRequests)
    .where(and(eq(privacyRequests.id, requestId), eq(privacyRequests.userId, userId)));
  if (req?.kind !== 'export') throw notFound('Export');
  if (!req.archive)
    throw new DomainError(
      'privacy-request-closed',
      'This export is not available (not built yet, or purged).',
    );
  return req;
}

/** Mails a fresh 6-digit code (15 minutes, 5 attempts) for a signed-in user's own export. */
export async function sendDownloadCode(
  db: DbOrTx,
  opts: { userId: string; requestId: string; now?: Date; env?: NodeJS.ProcessEnv },
): Promise<{ expiresAt: Date }> {
  const req = await ownedLinkExport(db, opts.userId, opts.requestId);
  const sent = req.trail.filter((t) => t.step === 'code-sent').length;
  if (sent >= CODES_PER_REQUEST)
    throw new DomainError(
      'privacy-code-void',
      `This export has used its ${CODES_PER_REQUEST} codes. Request a new export tomorrow.`,
    );
  const [user] = await db.select().from(users).where(eq(users.id, opts.userId));
  const code = newCode();
  const expiresAt = new Date((opts.now ?? new Date()).getTime() + CODE_TTL_MS);
  await recordRequestStep(db, req, 'code-sent', {
    actor: opts.userId,
    set: { codeHash: hashToken(`${req.id}:${code}`), codeExpiresAt: expiresAt, codeAttempts: 0 },
  });
  await sendEmail(
    db,
    {
      to: user!.email,
      subject: 'Your Levqor export download code',
      react: createElement(PrivacyEmail, {
        title: 'Your download code',
        body: 'Enter this code on the download page. It works once, for 15 minutes, and 5 wrong tries void it.',
        code,
      }),
    },
    opts.env,
  );
  return { expiresAt };
}

/**
 * Checks the code and hands out the archive once. Every try counts before the comparison (committed even
 * when it fails); the fifth wrong try voids the code, as does its expiry.
 */
export async function redeemExportDownload(
  db: DbOrTx,
  opts: { userId: string; requestId: string; code: string; now?: Date },
): Promise<{ filename: string; zip: Buffer }> {
  const input = ZDownloadCode.parse({ requestId: opts.requestId, code: opts.code });
  await ownedLinkExport(db, opts.userId, input.requestId);
  const now = opts.now ?? new Date();
  const [row] = await db
    .update(privacyRequests)
    .set({ codeAttempts: sql`${privacyRequests.codeAttempts} + 1` })
    .where(
      and(
        eq(privacyRequests.id, input.requestId),
        eq(privacyRequests.userId, opts.userId),
        isNotNull(privacyRequests.codeHash),
        gt(privacyRequests.codeExpiresAt, now),
      ),
    )
    .returning({ codeHash: privacyRequests.codeHash, attempts: privacyRequests.codeAttempts });
  if (!row?.codeHash)
    throw new DomainError(
      'privacy-code-void',
      'No valid code: it expired, was used or was voided. Ask for a new one.',
    );
  const given = Buffer.from(hashToken(`${input.requestId}:${input.code}`));
  if (!timingSafeEqual(given, Buffer.from(row.codeHash))) {
    const left = CODE_MAX_ATTEMPTS - row.attempts;
    if (left <= 0) {
      await db.update(privacyRequests).set({ codeHash: null }).where(eq(privacyRequests.id, input.requestId));
      throw new DomainError(
        'privacy-code-void',
        'Too many wrong codes: this code is void. Ask for a new one.',
      );
    }
    throw new DomainError(
      'privacy-code-invalid',
      `Wrong code. ${left} ${left === 1 ? 'try' : 'tries'} left.`,
    );
  }
  // Single use: the code is cleared in the same statement that reads the archive.
  const [done] = await db
    .update(privacyRequests)
    .set({ codeHash: null, downloadedAt: now })
    .where(and(eq(privacyRequests.id, input.requestId), eq(privacyRequests.codeHash, row.codeHash)))
    .returning({
      archive: privacyRequests.archive,
      kind: privacyRequests.kind,
      userId: privacyRequests.userId,
    });
  if (!done?.archive) throw new DomainError('privacy-code-void', 'This code was just used.');
  await recordRequestStep(db, { id: input.requestId, kind: 'export', userId: opts.userId }, 'downloaded', {
    actor: opts.userId,
  });
  return { filename: 'levqor-export.zip', zip: done.archive };
}
