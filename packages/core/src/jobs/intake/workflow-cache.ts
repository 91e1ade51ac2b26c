import type { Database } from '@levqor/db';
import { TtlMap } from '../../cache/ttl-map';
import { findPublishedWorkflows, type PublishedWorkflow } from './decide';

/**
 * Published, active workflows the optimistic intake used recently (per process, for TTL_MS). It writes
 * jobs from them without reading them again, and its guard statement re-checks under the workspace
 * lock that each is still active with that version published — a stale entry costs a retry, never a
 * job on the wrong version. Only usable workflows are kept: refusals are always decided on a fresh read.
 */
const TTL_MS = 5_000;

const caches = new WeakMap<Database, TtlMap<string, PublishedWorkflow>>();

const cacheKey = (workspaceId: string, ref: string) => `${workspaceId}\u0000${ref}`;
const usable = (w: PublishedWorkflow) => w.row.status !== 'archived' && w.version !== null;

/** The usable published workflows among `refs` (ids or slugs); refs missing from the map are not usable. */
export async function usableWorkflows(
  db: Database,
  workspaceId: string,
  refs: string[],
): Promise<Map<string, PublishedWorkflow>> {
  const cache = caches.get(db) ?? new TtlMap<string, PublishedWorkflow>(TTL_MS);
  caches.set(db, cache);
  const found = new Map<string, PublishedWorkflow>();
  const missing: string[] = [];
  for (const ref of refs) {
    const hit = cache.get(cacheKey(workspaceId, ref));
    if (hit) found.set(ref, hit);
    else missing.push(ref);
  }
  if (missing.length === 0) return found;
  for (const [ref, w] of await findPublishedWorkflows(db, workspaceId, missing)) {
    if (!usable(w)) continue;
    found.set(ref, w);
    cache.set(cacheKey(workspaceId, ref), w);
  }
  return found;
}

/** Drops a workspace's entries (its guard found one stale). */
export function forgetWorkflows(db: Database, workspaceId: string) {
  caches.get(db)?.deleteWhere((key) => key.startsWith(`${workspaceId}\u0000`));
}
