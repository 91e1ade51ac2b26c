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
  opts: { returning?: boolean | SQL; onConflict?: SQL; where?: SQL } = {},
): SQL {
  const shape = shapeOf(table, (rows[0] ?? {}) as Record<string, unknown>);
  const body = rows.map((row) => {
    const r = row as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const c of shape.columns) {
      const v = c.key in r ? (r[c.key] ?? null) : c.fill!();
      out[c.name] = c.json && v !== null ? JSON.stringify(v) : v;
    }
    return out;
  });
  return sql`${shape.head}${JSON.stringify(body)}${shape.tail}${opts.where ? sql` where ${opts.where}` : sql``}${opts.onConflict ? sql` ${opts.onConflict}` : sql``}${returning(opts.returning)}`;
}

interface Shape {
  columns: { key: string; name: string; json: boolean; fill?: () => unknown }[];
  /** `insert into "t" (…) select … from json_populate_recordset(null::"t", ` */
  head: SQL;
  /** `::json)` */
  tail: SQL;
}
const shapes = new WeakMap<PgTable, Map<string, Shape>>();

/** The columns an insert of rows keyed like `first` writes, and its SQL around the rows (built once). */
function shapeOf(table: PgTable, first: Record<string, unknown>): Shape {
  const byKeys = shapes.get(table) ?? new Map<string, Shape>();
  shapes.set(table, byKeys);
  const signature = Object.keys(first).join(',');
  const known = byKeys.get(signature);
  if (known) return known;
  const all = getTableColumns(table) as Record<string, Column>;
  const keys = Object.keys(all).filter(
    (k) => k in first || (all[k]!.defaultFn !== undefined && all[k]!.default === undefined),
  );
  const columns = keys.map((key) => {
    const col = all[key]!;
    const json = col.columnType === 'PgJsonb' || col.columnType === 'PgJson';
    return { key, name: col.name, json, fill: col.defaultFn, sqlType: col.getSQLType() };
  });
  const name = `"${getTableName(table)}"`;
  const list = columns.map((c) => `"${c.name}"`).join(', ');
  const values = columns
    .map((c) => (c.json ? `("${c.name}" #>> '{}')::${c.sqlType}` : `"${c.name}"`))
    .join(', ');
  const shape: Shape = {
    columns,
    head: sql.raw(
      `insert into ${name} (${list}) select ${values} from json_populate_recordset(null::${name}, `,
    ),
    tail: sql.raw('::json)'),
  };
  byKeys.set(signature, shape);
  return shape;
}

function returning(what: boolean | SQL | undefined): SQL {
  if (what === true) return sql` returning *`;
  return what ? sql` returning ${what}` : sql``;
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
