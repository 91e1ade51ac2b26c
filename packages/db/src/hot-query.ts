import type { Database, DbOrTx } from './client';

interface Preparable<P> {
  prepare(name: string): P;
}

/**
 * A query compiled once per database client, for hot paths: drizzle otherwise rebuilds a select's SQL
 * on every call (for a whole-row select of `jobs`, most of a `GET /api/v1/jobs/{id}`'s CPU). Values go
 * through `sql.placeholder(…)` and `execute({…})`. In a transaction it is built on that transaction.
 */
export function hotQuery<P>(name: string, build: (db: DbOrTx) => Preparable<P>): (db: DbOrTx) => P {
  const byClient = new WeakMap<Database, P>();
  return (db) => {
    if (!('$client' in db)) return build(db).prepare(name);
    let prepared = byClient.get(db);
    if (!prepared) {
      prepared = build(db).prepare(name);
      byClient.set(db, prepared);
    }
    return prepared;
  };
}
