import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, createDb } from './client';
import { insertRows, insertRowsReturning } from './insert-rows';
import { apiKeys, engineRuns, workspaces } from './schema';

const db = createDb(process.env.DATABASE_URL!, { max: 2 });
afterAll(() => closeDb(db));

describe('insertRows (rows as one json parameter)', () => {
  it('returns rows exactly as a drizzle select reads them, with $defaultFn ids and database defaults', async () => {
    const inserted = await insertRowsReturning(db, workspaces, [
      { name: 'Json A', monthlyBudgetCents: '12.3400' },
      { name: 'Json B', monthlyBudgetCents: null },
    ]);
    expect(inserted.map((w) => w.id)).toEqual([expect.stringMatching(/^ws_/), expect.stringMatching(/^ws_/)]);
    const selected = await db
      .select()
      .from(workspaces)
      .where(
        inArray(
          workspaces.id,
          inserted.map((w) => w.id),
        ),
      );
    expect(inserted).toEqual(expect.arrayContaining(selected.map((s) => expect.objectContaining(s))));
    expect(inserted[0]).toMatchObject({ plan: 'free', monthlyBudgetCents: '12.3400' });
    expect(inserted[0]!.createdAt).toBeInstanceOf(Date);
  });

  it('takes json objects, arrays, timestamps and nulls as drizzle would', async () => {
    const [ws] = await insertRowsReturning(db, workspaces, [{ name: 'Json C' }]);
    const expires = new Date(Date.now() + 3_600_000);
    await insertRows(db, apiKeys, [
      {
        workspaceId: ws!.id,
        name: 'k',
        prefix: 'lvq_test_x',
        hash: `hash-${ws!.id}`,
        scopes: ['jobs:read', 'jobs:write'],
        expiresAt: expires,
        createdBy: null,
      },
    ]);
    const [key] = await db.select().from(apiKeys).where(eq(apiKeys.workspaceId, ws!.id));
    expect(key).toMatchObject({
      scopes: ['jobs:read', 'jobs:write'],
      expiresAt: expires,
      createdBy: null,
      rateLimitPerMin: 600,
      environment: 'live',
    });
    const payload = { s: 'text "quoted" \u00e9', n: 1.5, nested: { a: [1, null, true] }, empty: {} };
    const [run] = await insertRowsReturning(db, engineRuns, [
      { functionId: 'test.fn', eventName: 'test/event', payload, concurrencyKey: null },
    ]);
    const [read] = await db.select().from(engineRuns).where(eq(engineRuns.id, run!.id));
    expect(read!.payload).toEqual(payload);
    expect(run).toEqual(read);
    // As with drizzle: a value serializing to null is the JSON null, JS null is SQL NULL.
    const [inf] = await insertRowsReturning(db, engineRuns, [
      { functionId: 'test.fn', eventName: 'test/event', payload: Number.POSITIVE_INFINITY, output: null },
    ]);
    const [raw] = await db.execute<{ payload: string; output: string | null }>(
      sql`select payload::text as payload, output from engine_runs where id = ${inf!.id}`,
    );
    expect(raw).toEqual({ payload: 'null', output: null });
    await db.delete(engineRuns).where(inArray(engineRuns.id, [run!.id, inf!.id]));
    await db.delete(workspaces).where(inArray(workspaces.name, ['Json A', 'Json B', 'Json C']));
  });
});
