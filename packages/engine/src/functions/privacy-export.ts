import { buildExport, deliverExport, EVENTS, ZPrivacyRequested } from '@levqor/core';
import type { DbOrTx } from '@levqor/db';
import { defineFunction } from '../define-function';

/**
 * `privacy.export`: builds a user's data export (a streamed, bounded ZIP) and mails it — attached when
 * ≤ 5 MB, else a link to the download page (session + one-time code). Each step is idempotent.
 */
export function privacyExportFunction(db: DbOrTx, opts: { attachmentMaxBytes?: number } = {}) {
  return defineFunction({
    id: 'privacy.export',
    trigger: { event: EVENTS.privacyExportRequested },
    payload: ZPrivacyRequested,
    concurrency: { key: 'userId', limit: 1 },
    retries: 3,
    handler: async ({ payload, io }) => {
      const built = await io.step('build', () => buildExport(db, payload.requestId), {
        timeoutMs: 10 * 60_000,
      });
      const sent = await io.step('deliver', () =>
        deliverExport(db, payload.requestId, { attachmentMaxBytes: opts.attachmentMaxBytes }),
      );
      io.log.info('privacy.export done', {
        requestId: payload.requestId,
        bytes: built.bytes,
        delivery: sent.delivery,
      });
      return { bytes: built.bytes, delivery: sent.delivery };
    },
  });
}
