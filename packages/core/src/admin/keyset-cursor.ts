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
