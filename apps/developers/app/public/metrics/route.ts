import { getPublicMetrics } from '@levqor/core';
import { getDb } from '@levqor/db';

export const dynamic = 'force-dynamic';
export async function GET() {
  return Response.json(await getPublicMetrics(getDb()), { headers: { 'cache-control': 'no-store' } });
}
