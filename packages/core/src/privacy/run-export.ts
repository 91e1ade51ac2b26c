import { type DbOrTx, eq, privacyRequests, users } from '@levqor/db';
import { PrivacyEmail, sendEmail } from '@levqor/email';
import { createElement } from 'react';
import { buildExportZip } from './build-export';
import { recordRequestStep, webUrl } from './request-trail';

/** Archives up to this size travel as an attachment; larger ones through a download link + code. */
export const EXPORT_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

async function load(db: DbOrTx, requestId: string) {
  const [req] = await db.select().from(privacyRequests).where(eq(privacyRequests.id, requestId));
  if (req?.kind !== 'export') throw new Error(`Export request ${requestId} not found`);
  return req;
}

/** Step 1 (idempotent): builds the ZIP and stores it on the request. */
export async function buildExport(
  db: DbOrTx,
  requestId: string,
): Promise<{ bytes: number; skipped?: string }> {
  const req = await load(db, requestId);
  if (req.archiveBytes !== null) return { bytes: req.archiveBytes, skipped: 'already built' };
  if (!req.userId) return { bytes: 0, skipped: 'user erased' };
  const [user] = await db.select().from(users).where(eq(users.id, req.userId));
  if (!user) return { bytes: 0, skipped: 'user erased' };
  await db.update(privacyRequests).set({ status: 'processing' }).where(eq(privacyRequests.id, req.id));
  const { zip, truncated } = await buildExportZip(db, { id: user.id, email: user.email });
  await recordRequestStep(db, req, 'built', {
    detail: `${zip.length} bytes${truncated.length ? `; truncated: ${truncated.join(', ')}` : ''}`,
    set: { archive: zip, archiveBytes: zip.length },
  });
  return { bytes: zip.length };
}

/**
 * Step 2 (idempotent): mails the archive as an attachment when it is small enough, otherwise a link to
 * the download page (which needs the signed-in session and a one-time code from a second email).
 */
export async function deliverExport(
  db: DbOrTx,
  requestId: string,
  opts: { attachmentMaxBytes?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<{ delivery: 'attachment' | 'link' | null }> {
  const req = await load(db, requestId);
  if (req.delivery) return { delivery: req.delivery as 'attachment' | 'link' };
  if (!req.userId || !req.archive) return { delivery: null };
  const [user] = await db.select().from(users).where(eq(users.id, req.userId));
  if (!user) return { delivery: null };
  const env = opts.env ?? process.env;
  const max = opts.attachmentMaxBytes ?? EXPORT_ATTACHMENT_MAX_BYTES;
  const page = `${webUrl(env)}/dashboard/settings/privacy/export/${req.id}`;
  const attach = req.archive.length <= max;
  await sendEmail(
    db,
    {
      to: user.email,
      subject: 'Your Levqor data export',
      react: createElement(PrivacyEmail, {
        title: 'Your data export is ready',
        body: attach
          ? `The archive of everything Levqor holds about you is attached (levqor-export.zip, ${req.archive.length} bytes). README.txt inside explains each file, why we hold it, who receives it and how long we keep it.\n\nYou asked for it on ${req.requestedAt.toISOString().slice(0, 10)}. If you did not, tell us at privacy@levqor.dev.`
          : `Your archive (${req.archive.length} bytes) is too large to attach. Download it from Levqor while signed in: the page sends a 6-digit code to this address, valid for 15 minutes.\n\nThe archive is deleted 30 days after it was built.`,
        action: attach ? undefined : { label: 'Download your data', url: page },
      }),
      attachments: attach
        ? [{ filename: 'levqor-export.zip', contentType: 'application/zip', content: req.archive }]
        : undefined,
    },
    env,
  );
  const delivery = attach ? 'attachment' : 'link';
  await recordRequestStep(db, req, 'sent', {
    detail: delivery,
    set: { delivery, status: 'completed', completedAt: new Date() },
  });
  return { delivery };
}
