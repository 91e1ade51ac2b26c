import type { Database } from '@levqor/db';
import { findPublishedWorkflows, type PublishedWorkflow } from './decide';

/**
 * Published, active workflows the optimistic intake used recently (per process, for TTL_MS). It writes
 * jobs from them without reading them again, and its guard statement re-checks under the workspace
 * lock that each is still active with that version published — a stale entry costs a retry, never a
 * job on the wrong version. Only usable workflows are kept: refusals are always decided on a fresh read.
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

type Entry = { value: PublishedWorkflow; until: number };
const caches = new WeakMap<Database, Map<string, Entry>>();

const cacheKey = (workspaceId: string, ref: string) => `${workspaceId}\u0000${ref}`;
const usable = (w: PublishedWorkflow) => w.row.status !== 'archived' && w.version !== null;

/** The usable published workflows among `refs` (ids or slugs); refs missing from the map are not usable. */
export async function usableWorkflows(
  db: Database,
  workspaceId: string,
  refs: string[],
): Promise<Map<string, PublishedWorkflow>> {
  const cache = caches.get(db) ?? new Map<string, Entry>();
  caches.set(db, cache);
  const now = Date.now();
  const found = new Map<string, PublishedWorkflow>();
  const missing: string[] = [];
  for (const ref of refs) {
    const hit = cache.get(cacheKey(workspaceId, ref));
    if (hit && hit.until > now) found.set(ref, hit.value);
    else missing.push(ref);
  }
  if (missing.length === 0) return found;
  for (const [ref, w] of await findPublishedWorkflows(db, workspaceId, missing)) {
    if (!usable(w)) continue;
    found.set(ref, w);
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(cacheKey(workspaceId, ref), { value: w, until: now + TTL_MS });
  }
  return found;
}

/** Drops a workspace's entries (its guard found one stale). */
export function forgetWorkflows(db: Database, workspaceId: string) {
  const cache = caches.get(db);
  if (!cache) return;
  for (const key of cache.keys()) if (key.startsWith(`${workspaceId}\u0000`)) cache.delete(key);
}
