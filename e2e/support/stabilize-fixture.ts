/**
 * Enters or leaves stabilize mode on the e2e instance's database through the domain function, as the
 * stabilize tests do: `enter` records three minutes of slow intake (p99 900 ms > 200 ms) 25–27 minutes ago
 * and judges them with `checkStabilize` — the third breach in ten minutes enters. The running worker's
 * `stabilize.check` then keeps it on (a breach within 30 minutes) without entering again (no three in the
 * last ten). `leave` deletes those requests and their breaches and judges now: thirty minutes without a
 * breach leave. Should the instance have breached for real meanwhile, it leaves as the kill switch does.
 *
 *   tsx e2e/support/stabilize-fixture.ts enter|leave   → prints the state as JSON on its last line
 */
import { checkStabilize, getStabilizeState } from '../../packages/core/src/intelligence/stabilize';
import { closeDb, createDb, sql } from '../../packages/db/src/index';
import { E2E_DATABASE_URL } from './second-web-server';

const TAG = 'e2e-stabilize';
const action = process.argv[2];
if (action !== 'enter' && action !== 'leave') throw new Error('usage: stabilize-fixture.ts enter|leave');
const db = createDb(process.env.DATABASE_URL ?? E2E_DATABASE_URL, { max: 1, appName: TAG });
try {
  const now = new Date();
  const minute = Math.floor(now.getTime() / 60_000) * 60_000;
  if (action === 'enter') {
    const first = minute - 27 * 60_000;
    await db.execute(sql`
      insert into api_requests (id, workspace_id, method, path, status, duration_ms, request_id, created_at)
      select 'req_' || md5(random()::text), null, 'POST', '/jobs', 202,
             case when g % 40 < 2 then 900 else 20 end, ${TAG},
             ${new Date(first).toISOString()}::timestamptz + (g / 40) * interval '1 minute' + (g % 40) * interval '1 second'
      from generate_series(0, 119) g`);
    for (let m = 1; m <= 3; m++) await checkStabilize(db, { now: new Date(first + m * 60_000) });
  } else {
    await db.execute(sql`
      delete from slo_breaches where minute_start in (
        select distinct date_trunc('minute', created_at) from api_requests where request_id = ${TAG})`);
    await db.execute(sql`delete from api_requests where request_id = ${TAG}`);
    const { state } = await checkStabilize(db, { now });
    if (state.active) await checkStabilize(db, { now, disabled: true });
  }
  console.log(JSON.stringify(await getStabilizeState(db)));
} finally {
  await closeDb(db);
}
