import { applyRetention, dueErasures, eraseUser } from '@levqor/core';
import type { DbOrTx } from '@levqor/db';
import { defineFunction, ZCronTick } from '../define-function';

/**
 * `privacy.erasures`: every 15 minutes, erases the confirmed requests whose 7-day cooling-off has ended
 * (one transaction each; a request cancelled meanwhile is no longer `pending` and is skipped).
 */
export function privacyErasuresFunction(db: DbOrTx) {
  return defineFunction({
    id: 'privacy.erasures',
    trigger: { cron: '*/15 * * * *' },
    payload: ZCronTick,
    retries: 2,
    handler: async ({ io }) => {
      const due = await io.step('due', () => dueErasures(db, { limit: 50 }));
      const done = [];
      for (const id of due) {
        const outcome = await io.step(`erase-${id}`, () => eraseUser(db, { requestId: id }));
        if (outcome) done.push(outcome);
      }
      io.log.info('privacy.erasures', { due: due.length, erased: done.length });
      return { erased: done.length };
    },
  });
}

/** `retention.apply`: daily at 03:17, the retention table applied in bounded batches; figures logged. */
export function retentionApplyFunction(db: DbOrTx) {
  return defineFunction({
    id: 'retention.apply',
    trigger: { cron: '17 3 * * *' },
    payload: ZCronTick,
    retries: 2,
    handler: async ({ io }) => {
      const figures = await io.step('apply', () => applyRetention(db), { timeoutMs: 15 * 60_000 });
      io.log.info('retention.apply', figures);
      return figures;
    },
  });
}
