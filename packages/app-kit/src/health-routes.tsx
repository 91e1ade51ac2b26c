import { LEVQOR_VERSION } from '@levqor/config';
import { checkReadiness } from '@levqor/core';
import { getDb } from '@levqor/db';
import { resolveProvider } from '@levqor/engine';

/** `GET /api/health`: the process is up. */
export function healthResponse(service: string): Response {
  return Response.json({ ok: true, service, version: LEVQOR_VERSION, ts: new Date().toISOString() });
}

/**
 * `GET /api/health/ready`: 200 `ok` when the database answers within 2 s and (local engine) a job worker
 * reported in within 30 s; 200 `degraded` with the reason when only the worker is missing; 503 when the
 * database does not answer.
 */
export async function readyResponse(service: string): Promise<Response> {
  const headers = { 'cache-control': 'no-store' };
  const readiness = await checkReadiness(getDb(), { provider: resolveProvider(process.env) });
  if (readiness.status === 'unavailable')
    return Response.json(
      { ok: false, status: 'unavailable', service, reason: readiness.reason },
      { status: 503, headers },
    );
  return Response.json(
    { ok: true, ...readiness, service, version: LEVQOR_VERSION, ts: new Date().toISOString() },
    { headers },
  );
}
