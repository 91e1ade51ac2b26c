import { checkStabilize, stabilizeDisabled } from '@levqor/core';
import type { DbOrTx } from '@levqor/db';
import { defineFunction, ZCronTick } from '../define-function';

/**
 * `stabilize.check`: every minute, judges the minute that ended against the SLO and enters or leaves
 * stabilize mode (automatic, bounded, audited). `LEVQOR_STABILIZE_DISABLED=1` keeps it off.
 */
export function stabilizeCheckFunction(db: DbOrTx, env: Record<string, string | undefined> = process.env) {
  return defineFunction({
    id: 'stabilize.check',
    trigger: { cron: '* * * * *' },
    payload: ZCronTick,
    retries: 0,
    handler: ({ payload, io }) =>
      io.step('check', async () => {
        const r = await checkStabilize(db, {
          now: new Date(payload.tick),
          disabled: await stabilizeDisabled(db, env),
        });
        if (r.transition) io.log.warn(`stabilize.${r.transition}`, { reason: r.state.reason });
        return { breach: r.minute.reasons, transition: r.transition, active: r.state.active };
      }),
  });
}
