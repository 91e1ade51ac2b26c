import { type AnyColumn, sql } from '@levqor/db';
import { DomainError } from '../errors';

/** A timestamp column as text with its microseconds (a JS Date would drop them and skip rows). */
export const exactInstant = (col: AnyColumn) =>
  sql<string>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** An opaque keyset cursor: the exact (created_at, id) of the last row of a page. */
export function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!id || !at || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(at))
    throw new DomainError('invalid-cursor', 'This page cursor is not valid; start again from the first page');
  return { at, id };
}

/** Rows after the cursor in (created_at desc, id desc) order. */
export function olderThan(createdAt: AnyColumn, id: AnyColumn, cursor: string) {
  const c = decodeCursor(cursor);
  return sql`(${createdAt}, ${id}) < (${c.at}::timestamptz, ${c.id})`;
}

/**
 * A page from `limit + 1` rows fetched in (created_at desc, id desc) order: the first `limit`, without
 * their exact instant `at`, and the cursor after the last when there are more.
 */
export function keysetPage<T extends { at: string; id: string }>(
  rows: T[],
  limit: number,
): { items: Omit<T, 'at'>[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(({ at: _at, ...rest }) => rest),
    nextCursor: rows.length > limit && last ? encodeCursor(last.at, last.id) : null,
  };
}
