import { eq, sql } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, createDb } from './client';
import { compileText, pipelinedTransaction } from './pipeline';
import { workspaces } from './schema';

const db = createDb(process.env.DATABASE_URL!, { max: 2 });
afterAll(() => closeDb(db));

describe('pipelinedTransaction (BEGIN, statements, COMMIT in one round trip)', () => {
  it('runs the statements in order, each seeing the ones before, and commits them', async () => {
    const name = `Pipelined ${Date.now()}`;
    const [inserted, seen] = await pipelinedTransaction(db, [
      sql`insert into workspaces (id, name) values (${`ws_pipe${Date.now()}`}, ${name}) returning id`,
      sql`select count(*)::int as n from workspaces where name = ${name}`,
    ]);
    expect(seen).toEqual([{ n: 1 }]);
    const rows = await db.select().from(workspaces).where(eq(workspaces.name, name));
    expect(rows.map((r) => r.id)).toEqual([inserted![0]!.id]);
  });

  it('rolls everything back and rejects with the first error when a statement fails', async () => {
    const name = `Pipelined rollback ${Date.now()}`;
    await expect(
      pipelinedTransaction(db, [
        sql`insert into workspaces (id, name) values (${`ws_pipe${Date.now()}`}, ${name})`,
        sql`select 1 / 0`,
        sql`select 1`,
      ]),
    ).rejects.toMatchObject({ code: '22012' });
    expect(await db.select().from(workspaces).where(eq(workspaces.name, name))).toEqual([]);
    // The connection went back to the pool clean: a later transaction on it works.
    await expect(pipelinedTransaction(db, [sql`select 2 as two`])).resolves.toEqual([[{ two: 2 }]]);
  });
});

describe('compileText', () => {
  it('compiles text and plain values exactly as drizzle does, and leaves anything else to drizzle', () => {
    const dialect = (db as unknown as { dialect: PgDialect }).dialect;
    const inner = sql`coalesce(${null}, ${'b'})`;
    const statement = sql`select ${1}, ${'a'}, ${true}, ${inner}, ${sql.raw('now()')}${undefined}`;
    const { sql: text, params } = dialect.sqlToQuery(statement);
    expect(compileText(statement)).toEqual({ sql: text, params });
    expect(compileText(sql`select * from ${workspaces} where ${workspaces.id} = ${'x'}`)).toBeNull();
    expect(compileText(sql`select ${new Date(0)}`)).toBeNull();
  });
});
