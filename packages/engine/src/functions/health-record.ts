import { recordHealthChecks } from '@levqor/core';
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

/** `health.record`: every minute, records whether the database and the apps answer (public availability). */
export function healthRecordFunction(db: DbOrTx) {
  return defineFunction({
    id: 'health.record',
    trigger: { cron: '* * * * *' },
    payload: ZCronTick,
    retries: 0,
    handler: ({ io }) => io.step('check', () => recordHealthChecks(db, healthTargets())),
  });
}
