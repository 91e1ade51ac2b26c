import { recordHealthChecks, recordWorkerCheck } from '@levqor/core';
import type { DbOrTx } from '@levqor/db';
import { defineFunction, ZCronTick } from '../define-function';

/** Health targets from the app URLs in the environment (the launcher sets them). */
export function healthTargets(env: NodeJS.ProcessEnv = process.env) {
  const targets: { service: string; url: string }[] = [];
  if (env.LEVQOR_WEB_URL)
    targets.push({ service: 'web', url: `${env.LEVQOR_WEB_URL.replace(/\/$/, '')}/api/health/ready` });
  if (env.LEVQOR_DEVELOPERS_URL)
    targets.push({ service: 'api', url: `${env.LEVQOR_DEVELOPERS_URL.replace(/\/$/, '')}/health` });
  return targets;
}

/** `health.record`: every minute, records whether the database and the apps answer (public availability)
 * and whether the job workers keep up (the status page's workers bar). */
export function healthRecordFunction(db: DbOrTx) {
  return defineFunction({
    id: 'health.record',
    trigger: { cron: '* * * * *' },
    payload: ZCronTick,
    retries: 0,
    handler: async ({ io }) => {
      await io.step('check', () => recordHealthChecks(db, healthTargets()));
      // The workers' state as /status shows it (heartbeats, queue lag), recorded for its uptime bars.
      await io.step('workers', () =>
        recordWorkerCheck(db, process.env.LEVQOR_JOBS_PROVIDER === 'inngest' ? 'inngest' : 'local'),
      );
    },
  });
}
