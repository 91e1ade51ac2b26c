import postgres from 'postgres';

export const dynamic = 'force-dynamic';

let client: postgres.Sql | null = null;
/** Created on first request (the build imports this module without a database). */
function db(): postgres.Sql {
  client ??= postgres(process.env.DATABASE_URL!, {
    max: 10,
    onnotice: () => {},
    connection: { application_name: 'bench-next' },
  });
  return client;
}

/** One INSERT per request into the benchmark's scratch table, like the bare node:http baseline. */
export async function POST(req: Request) {
  const body = (await req.json()) as postgres.JSONValue;
  const sql = db();
  const [row] = await sql<
    { id: string }[]
  >`insert into bench_api_inserts (payload) values (${sql.json(body)}) returning id`;
  return Response.json({ id: row!.id }, { status: 201 });
}

/** Readiness probe for the benchmark. */
export function GET() {
  return Response.json({ ok: true });
}
