import {
  and,
  arrayContains,
  type DbOrTx,
  desc,
  eq,
  gte,
  inArray,
  jobStatus,
  jobs,
  like,
  lt,
  or,
  type SQL,
  sql,
} from '@levqor/db';
import { z } from 'zod';
import { DomainError } from '../errors';
import { toJobResource, ZJobResource } from './job-resource';

/** Payload search reads at most this many of the newest jobs matching the other filters per page. */
export const SEARCH_WINDOW = 5_000;
/** Status counts read at most this many jobs (more shows as "100,000+"). */
export const COUNT_CAP = 100_000;
const SEARCH_TIMEOUT_MS = 3_000;
const JOB_ID = /^job_[A-Za-z0-9]{1,20}$/;
const FULL_JOB_ID = /^job_[A-Za-z0-9]{20}$/;

const ZStatus = z.enum(jobStatus.enumValues);
const ZInstant = z.iso.datetime({
  offset: true,
  error: 'a date-time such as 2026-12-01T00:00:00Z',
});

const ZJobFilters = z.object({
  workflow: z.string().max(100).optional(),
  tag: z.string().max(64).optional(),
  q: z
    .string()
    .trim()
    .max(200, 'search text is at most 200 characters')
    .optional()
    .describe(
      `A job id (or its beginning, "job_…"); else text to find in the payload, among the newest ${SEARCH_WINDOW} jobs matching the other filters (next_cursor continues into older ones)`,
    ),
  created_from: ZInstant.optional().describe('Jobs created at or after this time'),
  created_to: ZInstant.optional().describe('Jobs created before this time'),
});

export const ZListJobsInput = ZJobFilters.extend({
  status: ZStatus.optional(),
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z.string().max(64).nullish(),
});
export type ListJobsInput = z.input<typeof ZListJobsInput>;

export const ZJobPage = z.object({
  items: z.array(ZJobResource),
  next_cursor: z.string().nullable(),
  /** A payload search stopped at SEARCH_WINDOW jobs: older ones are searched by following next_cursor. */
  search_limited: z.boolean().optional(),
});
export type JobPage = z.infer<typeof ZJobPage>;

export const ZCountJobsInput = ZJobFilters;
export type CountJobsInput = z.input<typeof ZCountJobsInput>;
export const ZJobCounts = z.object({
  counts: z.record(ZStatus, z.number().int()),
  total: z.number().int(),
  /** More than COUNT_CAP jobs match: the counts cover the newest COUNT_CAP. */
  capped: z.boolean(),
});
export type JobCounts = z.infer<typeof ZJobCounts>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

type Search = { kind: 'none' } | { kind: 'id'; where: SQL } | { kind: 'text'; where: SQL };

function searchOf(q: string | undefined): Search {
  if (!q) return { kind: 'none' };
  if (FULL_JOB_ID.test(q)) return { kind: 'id', where: eq(jobs.id, q) };
  if (JOB_ID.test(q)) return { kind: 'id', where: like(jobs.id, `${escapeLike(q)}%`) };
  return { kind: 'text', where: sql`${jobs.payload}::text ilike ${`%${escapeLike(q)}%`}` };
}

function filtersOf(workspaceId: string, input: z.output<typeof ZJobFilters>): SQL[] {
  const filters: SQL[] = [eq(jobs.workspaceId, workspaceId)];
  if (input.workflow) filters.push(eq(jobs.workflowSlug, input.workflow));
  // The tags index holds tagged jobs only: the cardinality clause lets the planner use it.
  if (input.tag) filters.push(arrayContains(jobs.tags, [input.tag]), sql`cardinality(${jobs.tags}) > 0`);
  if (input.created_from) filters.push(gte(jobs.createdAt, new Date(input.created_from)));
  if (input.created_to) filters.push(lt(jobs.createdAt, new Date(input.created_to)));
  return filters;
}

const newestFirst = [desc(jobs.createdAt), desc(jobs.id)];

/** The newest SEARCH_WINDOW jobs matching `filters`: what a payload search reads. */
const windowOf = (db: DbOrTx, filters: SQL[]) =>
  db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(...filters))
    .orderBy(...newestFirst)
    .limit(SEARCH_WINDOW);

/** Runs `fn` with a statement timeout: a payload search is bounded in time as well as in rows. */
async function bounded<T>(db: DbOrTx, fn: (tx: DbOrTx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local statement_timeout = ${SEARCH_TIMEOUT_MS}`));
      return fn(tx);
    });
  } catch (err) {
    const code =
      (err as { code?: string; cause?: { code?: string } }).code ??
      (err as { cause?: { code?: string } }).cause?.code;
    if (code === '57014')
      throw new DomainError(
        'validation',
        'The payload search took too long; narrow it with a date range, a status or a workflow.',
      );
    throw err;
  }
}

/**
 * Newest first, filtered by status / workflow slug / tag / creation time and searched by job id or
 * payload text; cursor = the last job id seen.
 */
export async function listJobs(db: DbOrTx, workspaceId: string, raw: ListJobsInput = {}): Promise<JobPage> {
  const input = ZListJobsInput.parse(raw);
  const filters = filtersOf(workspaceId, input);
  if (input.status) filters.push(eq(jobs.status, input.status));
  if (input.cursor) {
    const [c] = await db
      .select({ createdAt: jobs.createdAt, id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.workspaceId, workspaceId), eq(jobs.id, input.cursor)));
    if (!c) throw new DomainError('invalid-cursor', 'Invalid cursor');
    filters.push(
      or(lt(jobs.createdAt, c.createdAt), and(eq(jobs.createdAt, c.createdAt), lt(jobs.id, c.id)))!,
    );
  }
  const search = searchOf(input.q);
  if (search.kind !== 'text') {
    if (search.kind === 'id') filters.push(search.where);
    const rows = await db
      .select()
      .from(jobs)
      .where(and(...filters))
      .orderBy(...newestFirst)
      .limit(input.limit + 1);
    const items = rows.slice(0, input.limit).map((j) => toJobResource(j));
    return { items, next_cursor: rows.length > input.limit ? items[items.length - 1]!.id : null };
  }
  return bounded<JobPage>(db, async (tx) => {
    const [rows, [edge]] = await Promise.all([
      tx
        .select()
        .from(jobs)
        .where(and(eq(jobs.workspaceId, workspaceId), inArray(jobs.id, windowOf(tx, filters)), search.where))
        .orderBy(...newestFirst)
        .limit(input.limit + 1),
      // The window's last job, when the window is full: older jobs were not searched.
      tx
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(...filters))
        .orderBy(...newestFirst)
        .offset(SEARCH_WINDOW - 1)
        .limit(1),
    ]);
    const items = rows.slice(0, input.limit).map((j) => toJobResource(j));
    if (rows.length > input.limit) return { items, next_cursor: items[items.length - 1]!.id };
    return { items, next_cursor: edge ? edge.id : null, search_limited: !!edge };
  });
}

/**
 * How many jobs match the filters (all but status), by status: the filter bar's counts. Reads at most
 * COUNT_CAP jobs (and a payload search its window).
 */
export async function countJobsByStatus(
  db: DbOrTx,
  workspaceId: string,
  raw: CountJobsInput = {},
): Promise<JobCounts> {
  const input = ZCountJobsInput.parse(raw);
  const filters = filtersOf(workspaceId, input);
  const search = searchOf(input.q);
  const count = async (tx: DbOrTx) => {
    const where =
      search.kind === 'text'
        ? and(eq(jobs.workspaceId, workspaceId), inArray(jobs.id, windowOf(tx, filters)), search.where)
        : and(...filters, ...(search.kind === 'id' ? [search.where] : []));
    const capped = tx
      .select({ status: jobs.status })
      .from(jobs)
      .where(where)
      .limit(COUNT_CAP + 1)
      .as('capped');
    return tx
      .select({ status: capped.status, n: sql<number>`count(*)::int` })
      .from(capped)
      .groupBy(capped.status);
  };
  const rows = search.kind === 'text' ? await bounded(db, count) : await count(db);
  const counts = { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 };
  for (const r of rows) counts[r.status] = r.n;
  const total = rows.reduce((s, r) => s + r.n, 0);
  return { counts, total: Math.min(total, COUNT_CAP), capped: total > COUNT_CAP };
}

/** The list's filters, status included (a bulk action's "all matching this filter"). */
export const ZJobFilter = ZJobFilters.extend({ status: ZStatus.optional() });
export type JobFilter = z.input<typeof ZJobFilter>;

/** The ids and statuses of at most `limit` jobs matching `filter`, newest first. */
export async function matchingJobs(
  db: DbOrTx,
  workspaceId: string,
  raw: JobFilter,
  limit: number,
): Promise<{ id: string; status: (typeof jobStatus.enumValues)[number] }[]> {
  const input = ZJobFilter.parse(raw);
  const filters = filtersOf(workspaceId, input);
  if (input.status) filters.push(eq(jobs.status, input.status));
  const search = searchOf(input.q);
  const read = (tx: DbOrTx) =>
    tx
      .select({ id: jobs.id, status: jobs.status })
      .from(jobs)
      .where(
        search.kind === 'text'
          ? and(eq(jobs.workspaceId, workspaceId), inArray(jobs.id, windowOf(tx, filters)), search.where)
          : and(...filters, ...(search.kind === 'id' ? [search.where] : [])),
      )
      .orderBy(...newestFirst)
      .limit(limit);
  return search.kind === 'text' ? bounded(db, read) : read(db);
}
