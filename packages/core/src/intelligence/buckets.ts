/** Rollup bucket length: five minutes. */
export const BUCKET_MS = 5 * 60_000;

/** The start of the bucket containing `t`. */
export const bucketOf = (t: Date): Date => new Date(Math.floor(t.getTime() / BUCKET_MS) * BUCKET_MS);

/**
 * The closed buckets to (re)compute at `now`: the last `count` buckets that ended at or before `now`,
 * oldest first. Recomputing a few past buckets is how late rows correct their bucket.
 */
export function closedBuckets(now: Date, count: number): Date[] {
  const end = bucketOf(now).getTime();
  return Array.from({ length: count }, (_, i) => new Date(end - (count - i) * BUCKET_MS));
}
