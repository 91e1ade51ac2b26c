import { LEVQOR_VERSION } from '@levqor/config';
import { getDb, sql } from '@levqor/db';

/** `GET /api/health`: the process is up. */
export function healthResponse(service: string): Response {
  return Response.json({ ok: true, service, version: LEVQOR_VERSION, ts: new Date().toISOString() });
}

/** `GET /api/health/ready`: the database answers within 2 s. */
export async function readyResponse(service: string): Promise<Response> {
  try {
    await Promise.race([
      getDb().execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
    ]);
    return Response.json({ ok: true, service, version: LEVQOR_VERSION, ts: new Date().toISOString() });
  } catch (err) {
    const reason =
      err instanceof Error && err.message === 'timeout' ? 'database timeout' : 'database unavailable';
    return Response.json(
      { ok: false, service, reason },
      { status: 503, headers: { 'cache-control': 'no-store' } },
    );
  }
}
