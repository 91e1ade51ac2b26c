import { type Column, getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client';

/**
 * Multi-row INSERTs whose rows travel as ONE json parameter (`json_populate_recordset`), for hot paths.
 * Drizzle's `.values([...])` builds the SQL text with a parameter per cell — tens of µs per row, which
 * was most of the REST intake's CPU; this costs one `JSON.stringify`.
 *
 * Rows are keyed like the table's drizzle columns and must all carry the same keys (a key missing from
 * a row inserts NULL, not the default). Columns with a `$defaultFn` (the prefixed ids) are filled here as
 * drizzle does; columns left out get their database default. Values go as JSON: array columns take
 * arrays, timestamps take Dates (ISO strings); json/jsonb values travel serialized and are parsed in SQL,
 * so that — as with drizzle — `null` is SQL NULL and a value serializing to `null` (e.g. Infinity) is the
 * JSON null.
 */
export function insertRowsSql<T extends PgTable>(
  table: T,
  rows: T['$inferInsert'][],
  opts: { returning?: boolean; onConflict?: SQL } = {},
): SQL {
  const columns = getTableColumns(table) as Record<string, Column>;
  const first = (rows[0] ?? {}) as Record<string, unknown>;
  const keys = Object.keys(columns).filter(
    (k) => k in first || (columns[k]!.defaultFn !== undefined && columns[k]!.default === undefined),
  );
  const isJson = (col: Column) => col.columnType === 'PgJsonb' || col.columnType === 'PgJson';
  const body = rows.map((row) => {
    const r = row as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const col = columns[k]!;
      const v = k in r ? (r[k] ?? null) : col.defaultFn!();
      out[col.name] = isJson(col) && v !== null ? JSON.stringify(v) : v;
    }
    return out;
  });
  const list = sql.raw(keys.map((k) => `"${columns[k]!.name}"`).join(', '));
  const values = sql.raw(
    keys
      .map((k) => {
        const col = columns[k]!;
        return isJson(col) ? `("${col.name}" #>> '{}')::${col.getSQLType()}` : `"${col.name}"`;
      })
      .join(', '),
  );
  const name = sql.raw(`"${getTableName(table)}"`);
  return sql`insert into ${name} (${list}) select ${values} from json_populate_recordset(null::${name}, ${JSON.stringify(body)}::json)${opts.onConflict ? sql` ${opts.onConflict}` : sql``}${opts.returning ? sql` returning *` : sql``}`;
}

/** Raw rows of `table` (e.g. from `RETURNING *`) as a drizzle select reads them: Dates, parsed json. */
export function fromDriverRows<T extends PgTable>(
  table: T,
  raw: Record<string, unknown>[],
): T['$inferSelect'][] {
  const columns = Object.entries(getTableColumns(table)) as [string, Column][];
  return raw.map((r) => {
    const out: Record<string, unknown> = {};
    for (const [key, col] of columns) {
      const v = r[col.name];
      out[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
    }
    return out as T['$inferSelect'];
  });
}

export async function insertRows<T extends PgTable>(
  db: DbOrTx,
  table: T,
  rows: T['$inferInsert'][],
): Promise<void> {
  if (rows.length > 0) await db.execute(insertRowsSql(table, rows));
}

export async function insertRowsReturning<T extends PgTable>(
  db: DbOrTx,
  table: T,
  rows: T['$inferInsert'][],
): Promise<T['$inferSelect'][]> {
  if (rows.length === 0) return [];
  return fromDriverRows(
    table,
    await db.execute<Record<string, unknown>>(insertRowsSql(table, rows, { returning: true })),
  );
}
